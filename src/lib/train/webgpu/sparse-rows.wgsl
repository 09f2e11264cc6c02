// The nonzero entries of each row of the input batch, in column order (compressed sparse rows).
// MNIST pixels are about 80% zero, and SwiftShader runs both sides of a branch, so skipping zeros
// only pays when the loop itself runs over the nonzeros; sparse-forward.wgsl does that.

struct Shape {
  inputs: u32,
  capacity: u32,  // rows the column lists have room for (sparse-columns.wgsl)
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> shape: Shape;
@group(0) @binding(2) var<storage, read> x: array<f32>;                 // rows × inputs
@group(0) @binding(3) var<storage, read_write> columns: array<u32>;     // row r's list at r × inputs
@group(0) @binding(4) var<storage, read_write> values: array<f32>;
@group(0) @binding(5) var<storage, read_write> counts: array<u32>;      // per row

override WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let row = id.x;
  if (row >= step.rows) { return; }
  let base = row * shape.inputs;
  var count = 0u;
  for (var k = 0u; k < shape.inputs; k++) {
    let v = x[base + k];
    if (v != 0.0) {
      columns[base + count] = k;
      values[base + count] = v;
      count++;
    }
  }
  counts[row] = count;
}
