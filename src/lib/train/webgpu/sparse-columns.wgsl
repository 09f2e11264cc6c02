// The nonzero entries of each column of the input batch, in row order (compressed sparse
// columns): which samples light up pixel k. sparse-backward-weights.wgsl loops over these.

struct Shape {
  inputs: u32,
  capacity: u32,  // room per column list: the largest batch
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> shape: Shape;
@group(0) @binding(2) var<storage, read> x: array<f32>;                 // rows × inputs
@group(0) @binding(3) var<storage, read_write> rowsOf: array<u32>;      // column k's list at k × capacity
@group(0) @binding(4) var<storage, read_write> values: array<f32>;
@group(0) @binding(5) var<storage, read_write> counts: array<u32>;      // per column

override WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let k = id.x;
  if (k >= shape.inputs) { return; }
  let base = k * shape.capacity;
  var count = 0u;
  for (var i = 0u; i < step.rows; i++) {
    let v = x[i * shape.inputs + k];
    if (v != 0.0) {
      rowsOf[base + count] = i;
      values[base + count] = v;
      count++;
    }
  }
  counts[k] = count;
}
