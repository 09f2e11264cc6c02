// Parameter gradient of the first dense layer from the sparse columns of its input:
// dW[k, :] = Σ over the samples where pixel k is nonzero of x[i, k]·dz[i, :], and the bias row
// Σ_i dz[i, :]. 16 outputs per invocation. CPU twin: cpu/dense-backward-weights.ts (same order).

struct Layer {
  inputs: u32,
  outputs: u32,
  capacity: u32,  // room per column list in the sparse columns
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> layer: Layer;
@group(0) @binding(2) var<storage, read> rowsOf: array<u32>;    // sparse-columns.wgsl output
@group(0) @binding(3) var<storage, read> values: array<f32>;
@group(0) @binding(4) var<storage, read> counts: array<u32>;
@group(0) @binding(5) var<storage, read> dz: array<f32>;        // rows × outputs
@group(0) @binding(6) var<storage, read_write> grads: array<f32>; // (inputs + 1) × outputs

override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

fn dz4(d: u32, c: vec4u) -> vec4f {
  return vec4f(dz[d + c.x], dz[d + c.y], dz[d + c.z], dz[d + c.w]);
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let n = layer.outputs;
  let col = id.x * 16u;
  let k = id.y;   // input unit, or the bias row when k == inputs
  if (k > layer.inputs || col >= n) { return; }
  let last = vec4u(n - 1u);
  let c0 = min(vec4u(col) + vec4u(0u, 1u, 2u, 3u), last);
  let c1 = min(vec4u(col) + vec4u(4u, 5u, 6u, 7u), last);
  let c2 = min(vec4u(col) + vec4u(8u, 9u, 10u, 11u), last);
  let c3 = min(vec4u(col) + vec4u(12u, 13u, 14u, 15u), last);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  let bias = k == layer.inputs;
  // The bias row's input is 1 for every sample; every other row visits its nonzeros only.
  let base = min(k, layer.inputs - 1u) * layer.capacity;
  let count = select(counts[min(k, layer.inputs - 1u)], step.rows, bias);
  for (var j = 0u; j < count; j++) {
    let i = select(rowsOf[base + j], j, bias);
    let v = select(values[base + j], 1.0, bias);
    let d = i * n;
    acc0 += v * dz4(d, c0);
    acc1 += v * dz4(d, c1);
    acc2 += v * dz4(d, c2);
    acc3 += v * dz4(d, c3);
  }
  let accs = array<vec4f, 4>(acc0, acc1, acc2, acc3);
  for (var q = 0u; q < 4u; q++) {
    for (var c = 0u; c < 4u; c++) {
      let o = col + q * 4u + c;
      if (o < n) { grads[k * n + o] = accs[q][c]; }
    }
  }
}
