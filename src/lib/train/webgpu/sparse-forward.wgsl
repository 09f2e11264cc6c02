// Forward pass of the first dense layer from the sparse rows of its input, fused like
// dense-forward.wgsl: out = dropout(activation(x·W + b)). Each invocation computes 16 outputs
// of one row and loops over that row's nonzero inputs only; the invocations that SwiftShader
// runs side by side share the row, so they share the loop count. CPU twin: cpu/dense-forward.ts
// (which skips zeros in the same order, so the sums are identical).

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
@group(0) @binding(2) var<storage, read> columns: array<u32>;   // sparse-rows.wgsl output
@group(0) @binding(3) var<storage, read> values: array<f32>;
@group(0) @binding(4) var<storage, read> counts: array<u32>;
@group(0) @binding(5) var<storage, read> params: array<f32>;    // W (inputs × outputs), then b
@group(0) @binding(6) var<storage, read_write> out: array<f32>; // rows × outputs

override ACTIVATION: u32 = 1u;
override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

fn finish(row: u32, col: u32, z: f32) {
  if (col >= layer.outputs) { return; }
  let index = row * layer.outputs + col;
  var a = activate(ACTIVATION, z);
  if (step.training == 1u && layer.dropoutRate > 0.0) {
    a = select(0.0, a * layer.dropoutScale, dropoutKeeps(seedOf(step, layer.index), index, layer.dropoutRate));
  }
  out[index] = a;
}

fn weights4(w: u32, c: vec4u) -> vec4f {
  return vec4f(params[w + c.x], params[w + c.y], params[w + c.z], params[w + c.w]);
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let n = layer.outputs;
  let col = id.x * 16u;
  let row = id.y;
  if (row >= step.rows || col >= n) { return; }
  let last = vec4u(n - 1u);
  let c0 = min(vec4u(col) + vec4u(0u, 1u, 2u, 3u), last);
  let c1 = min(vec4u(col) + vec4u(4u, 5u, 6u, 7u), last);
  let c2 = min(vec4u(col) + vec4u(8u, 9u, 10u, 11u), last);
  let c3 = min(vec4u(col) + vec4u(12u, 13u, 14u, 15u), last);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  let base = row * layer.inputs;
  let count = counts[row];
  // acc += x·w as a rounded product then a rounded sum, nonzero inputs in column order: the twin does the same.
  for (var j = 0u; j < count; j++) {
    let v = values[base + j];
    let w = columns[base + j] * n;
    acc0 += v * weights4(w, c0);
    acc1 += v * weights4(w, c1);
    acc2 += v * weights4(w, c2);
    acc3 += v * weights4(w, c3);
  }
  let b = layer.inputs * n;
  let accs = array<vec4f, 4>(acc0 + weights4(b, c0), acc1 + weights4(b, c1), acc2 + weights4(b, c2), acc3 + weights4(b, c3));
  for (var q = 0u; q < 4u; q++) {
    for (var c = 0u; c < 4u; c++) {
      finish(row, col + q * 4u + c, accs[q][c]);
    }
  }
}
