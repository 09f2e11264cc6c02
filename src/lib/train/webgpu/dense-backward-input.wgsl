// Backward pass through one dense layer to the layer below, fused:
// dPrevious = (dz·Wᵀ) ⊙ activation′(previous output) ⊙ the dropout mask the layer below used.
// Same 4×4 register tiles as the forward kernel.

struct Layer {
  inputs: u32,
  outputs: u32,
  previousIndex: u32,
  previousDropoutRate: f32,
  previousDropoutScale: f32,
  previousKeepProbability: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> layer: Layer;
@group(0) @binding(2) var<storage, read> dz: array<f32>;             // rows × outputs
@group(0) @binding(3) var<storage, read> params: array<f32>;         // W (inputs × outputs), then b
@group(0) @binding(4) var<storage, read> previousOutput: array<f32>; // rows × inputs
@group(0) @binding(5) var<storage, read_write> dPrevious: array<f32>; // rows × inputs

override PREVIOUS_ACTIVATION: u32 = 1u;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

fn finish(row: u32, col: u32, sum: f32) {
  if (row >= step.rows || col >= layer.inputs) { return; }
  let index = row * layer.inputs + col;
  let a = previousOutput[index];
  if (layer.previousDropoutRate > 0.0) {
    if (dropoutKeeps(seedOf(step, layer.previousIndex), index, layer.previousDropoutRate)) {
      // The stored activation was scaled by 1/(1 − rate); undo that to get activation′.
      let unscaled = a * layer.previousKeepProbability;
      dPrevious[index] = (sum * derivativeFromOutput(PREVIOUS_ACTIVATION, unscaled)) * layer.previousDropoutScale;
    } else {
      dPrevious[index] = 0.0;
    }
  } else {
    dPrevious[index] = sum * derivativeFromOutput(PREVIOUS_ACTIVATION, a);
  }
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let rows = step.rows;
  let n = layer.outputs;
  let kCount = layer.inputs;
  let col = id.x * 4u;   // unit of the layer below
  let row = id.y * 4u;   // sample
  if (row >= rows || col >= kCount) { return; }
  let d0 = row * n;
  let d1 = min(row + 1u, rows - 1u) * n;
  let d2 = min(row + 2u, rows - 1u) * n;
  let d3 = min(row + 3u, rows - 1u) * n;
  let w0 = col * n;
  let w1 = min(col + 1u, kCount - 1u) * n;
  let w2 = min(col + 2u, kCount - 1u) * n;
  let w3 = min(col + 3u, kCount - 1u) * n;
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var o = 0u; o < n; o++) {
    let ds = vec4f(dz[d0 + o], dz[d1 + o], dz[d2 + o], dz[d3 + o]);
    let ws = vec4f(params[w0 + o], params[w1 + o], params[w2 + o], params[w3 + o]);
    acc0 += ds.x * ws;
    acc1 += ds.y * ws;
    acc2 += ds.z * ws;
    acc3 += ds.w * ws;
  }
  let accs = array<vec4f, 4>(acc0, acc1, acc2, acc3);
  for (var r = 0u; r < 4u; r++) {
    for (var c = 0u; c < 4u; c++) {
      finish(row + r, col + c, accs[r][c]);
    }
  }
}
