// Forward pass of one dense layer, fused: out = dropout(activation(x·W + b)).
// Each invocation keeps a 4×4 tile of out in registers — no shared memory, no barriers, which
// on SwiftShader ran several times faster than both the naive and the shared-memory-tiled kernels.

struct Layer {
  inputs: u32,
  outputs: u32,
  index: u32,
  dropoutRate: f32,
  dropoutScale: f32,
  keepProbability: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> layer: Layer;
@group(0) @binding(2) var<storage, read> x: array<f32>;        // rows × inputs
@group(0) @binding(3) var<storage, read> params: array<f32>;   // W (inputs × outputs), then b
@group(0) @binding(4) var<storage, read_write> out: array<f32>; // rows × outputs

override ACTIVATION: u32 = 1u;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

fn finish(row: u32, col: u32, z: f32) {
  if (row >= step.rows || col >= layer.outputs) { return; }
  let index = row * layer.outputs + col;
  var a = activate(ACTIVATION, z);
  if (step.training == 1u && layer.dropoutRate > 0.0) {
    a = select(0.0, a * layer.dropoutScale, dropoutKeeps(seedOf(step, layer.index), index, layer.dropoutRate));
  }
  out[index] = a;
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let rows = step.rows;
  let n = layer.outputs;
  let kCount = layer.inputs;
  let col = id.x * 4u;
  let row = id.y * 4u;
  if (row >= rows || col >= n) { return; }
  // Clamped indices keep every load in bounds; finish() drops results past the edges.
  let x0 = row * kCount;
  let x1 = min(row + 1u, rows - 1u) * kCount;
  let x2 = min(row + 2u, rows - 1u) * kCount;
  let x3 = min(row + 3u, rows - 1u) * kCount;
  let c1 = min(col + 1u, n - 1u);
  let c2 = min(col + 2u, n - 1u);
  let c3 = min(col + 3u, n - 1u);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  // acc += x·w as a rounded product then a rounded sum: the CPU twin does exactly the same.
  for (var k = 0u; k < kCount; k++) {
    let xs = vec4f(x[x0 + k], x[x1 + k], x[x2 + k], x[x3 + k]);
    // MNIST inputs are mostly zero; skipping them changes no sum.
    if (all(xs == vec4f(0.0))) { continue; }
    let w = k * n;
    let ws = vec4f(params[w + col], params[w + c1], params[w + c2], params[w + c3]);
    acc0 += xs.x * ws;
    acc1 += xs.y * ws;
    acc2 += xs.z * ws;
    acc3 += xs.w * ws;
  }
  let b = kCount * n;
  let bias = vec4f(params[b + col], params[b + c1], params[b + c2], params[b + c3]);
  let accs = array<vec4f, 4>(acc0 + bias, acc1 + bias, acc2 + bias, acc3 + bias);
  for (var r = 0u; r < 4u; r++) {
    for (var c = 0u; c < 4u; c++) {
      finish(row + r, col + c, accs[r][c]);
    }
  }
}
