// Parameter gradient of one dense layer: dW = xᵀ·dz and db = Σ_rows dz, computed together by
// treating the bias as weight row `inputs` whose input is always 1. 4×4 register tiles over (k, o).

struct Layer {
  inputs: u32,
  outputs: u32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> layer: Layer;
@group(0) @binding(2) var<storage, read> x: array<f32>;      // rows × inputs
@group(0) @binding(3) var<storage, read> dz: array<f32>;     // rows × outputs
@group(0) @binding(4) var<storage, read_write> grads: array<f32>; // (inputs + 1) × outputs

override WORKGROUP_X: u32 = 8u;
override WORKGROUP_Y: u32 = 8u;

fn input(rowStart: u32, k: u32) -> f32 {
  return select(x[rowStart + min(k, layer.inputs - 1u)], 1.0, k >= layer.inputs);
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let n = layer.outputs;
  let kRows = layer.inputs + 1u;
  let col = id.x * 4u;   // output unit
  let k = id.y * 4u;     // input unit (or the bias row)
  if (k >= kRows || col >= n) { return; }
  let k1 = min(k + 1u, kRows - 1u);
  let k2 = min(k + 2u, kRows - 1u);
  let k3 = min(k + 3u, kRows - 1u);
  let c1 = min(col + 1u, n - 1u);
  let c2 = min(col + 2u, n - 1u);
  let c3 = min(col + 3u, n - 1u);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var i = 0u; i < step.rows; i++) {
    let xRow = i * layer.inputs;
    let xs = vec4f(input(xRow, k), input(xRow, k1), input(xRow, k2), input(xRow, k3));
    if (all(xs == vec4f(0.0))) { continue; }
    let d = i * n;
    let ds = vec4f(dz[d + col], dz[d + c1], dz[d + c2], dz[d + c3]);
    acc0 += xs.x * ds;
    acc1 += xs.y * ds;
    acc2 += xs.z * ds;
    acc3 += xs.w * ds;
  }
  let accs = array<vec4f, 4>(acc0, acc1, acc2, acc3);
  for (var r = 0u; r < 4u; r++) {
    for (var c = 0u; c < 4u; c++) {
      if (k + r < kRows && col + c < n) {
        grads[(k + r) * n + col + c] = accs[r][c];
      }
    }
  }
}
