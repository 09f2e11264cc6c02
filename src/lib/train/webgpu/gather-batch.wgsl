// Builds one batch on the GPU: the images at order[batchStart ..] (uint8 pixels, four per u32)
// become min-max scaled float32 rows of x, and their labels go to batchLabels.

struct Gather {
  features: u32,
  wordsPerRow: u32,
  minValue: f32,
  inverseRange: f32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> gather: Gather;
@group(0) @binding(2) var<storage, read> pixels: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read> order: array<u32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;
@group(0) @binding(6) var<storage, read_write> batchLabels: array<u32>;

override WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let index = id.x + id.y * groups.x * WORKGROUP_SIZE;
  let row = index / gather.wordsPerRow;
  let word = index % gather.wordsPerRow;
  if (row >= step.rows) { return; }
  let source = order[step.batchStart + row];
  let packed = pixels[source * gather.wordsPerRow + word];
  for (var j = 0u; j < 4u; j++) {
    let feature = word * 4u + j;
    if (feature < gather.features) {
      let value = f32((packed >> (8u * j)) & 0xffu);
      x[row * gather.features + feature] = (value - gather.minValue) * gather.inverseRange;
    }
  }
  if (word == 0u) { batchLabels[row] = labels[source]; }
}
