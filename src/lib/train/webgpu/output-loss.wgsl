// The end of the forward pass and the start of the backward pass, fused: output activation,
// loss against the one-hot target, ∂loss/∂z (or the probabilities when evaluating), the
// predicted class, and the batch's loss and hits added to the running metrics — no readback.
// One workgroup: the work is rows × classes, tiny next to the matrix products.

struct Layer {
  classes: u32,
}

@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<uniform> layer: Layer;
@group(0) @binding(2) var<storage, read> z: array<f32>;              // rows × classes
@group(0) @binding(3) var<storage, read> labels: array<u32>;         // rows
@group(0) @binding(4) var<storage, read_write> out: array<f32>;      // ∂loss/∂z, or probabilities
@group(0) @binding(5) var<storage, read_write> predictions: array<u32>; // at batchStart + row
@group(0) @binding(6) var<storage, read_write> metrics: array<f32>;  // Σ loss, Σ correct, Σ rows

override LOSS: u32 = 0u;     // 0 cross-entropy, 1 binary cross-entropy, 2 mean squared error
override OUTPUT: u32 = 0u;   // 0 softmax, 1 sigmoid, 2 linear
override WORKGROUP_SIZE: u32 = 64u;

var<workgroup> lossParts: array<f32, WORKGROUP_SIZE>;
var<workgroup> hitParts: array<f32, WORKGROUP_SIZE>;

fn oneHot(c: u32, label: u32) -> f32 {
  return select(0.0, 1.0, c == label);
}

// Returns the row's loss; leaves the probabilities in out[row].
fn scoreRow(row: u32, label: u32) -> f32 {
  let classes = layer.classes;
  let base = row * classes;
  var maxZ = z[base];
  for (var c = 1u; c < classes; c++) { maxZ = max(maxZ, z[base + c]); }
  var sumExp = 0.0;
  if (OUTPUT == 0u) {
    for (var c = 0u; c < classes; c++) { sumExp += exp(z[base + c] - maxZ); }
    for (var c = 0u; c < classes; c++) { out[base + c] = exp(z[base + c] - maxZ) / sumExp; }
  } else if (OUTPUT == 1u) {
    for (var c = 0u; c < classes; c++) { out[base + c] = 1.0 / (1.0 + exp(-z[base + c])); }
  } else {
    for (var c = 0u; c < classes; c++) { out[base + c] = z[base + c]; }
  }
  if (LOSS == 0u) {
    return log(sumExp) - (z[base + label] - maxZ);
  }
  var sum = 0.0;
  for (var c = 0u; c < classes; c++) {
    let v = z[base + c];
    if (LOSS == 1u) {
      sum += max(v, 0.0) - v * oneHot(c, label) + log(1.0 + exp(-abs(v)));
    } else {
      let d = out[base + c] - oneHot(c, label);
      sum += d * d;
    }
  }
  return sum / f32(classes);
}

fn writeGradient(row: u32, label: u32) {
  let classes = layer.classes;
  let base = row * classes;
  if (LOSS != 2u) {
    // softmax + cross-entropy and sigmoid + binary cross-entropy both give p − y
    let perClass = select(step.gradientScale, step.gradientScale / f32(classes), LOSS == 1u);
    for (var c = 0u; c < classes; c++) {
      out[base + c] = (out[base + c] - oneHot(c, label)) * perClass;
    }
    return;
  }
  // mean squared error: g = 2(p − y)/C, then back through the output activation
  var gp = 0.0;
  if (OUTPUT == 0u) {
    for (var c = 0u; c < classes; c++) {
      gp += (2.0 * (out[base + c] - oneHot(c, label)) / f32(classes)) * out[base + c];
    }
  }
  for (var c = 0u; c < classes; c++) {
    let p = out[base + c];
    let g = 2.0 * (p - oneHot(c, label)) / f32(classes);
    var dz = g;
    if (OUTPUT == 0u) { dz = p * (g - gp); }
    if (OUTPUT == 1u) { dz = g * p * (1.0 - p); }
    out[base + c] = dz * step.gradientScale;
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_index) lane: u32) {
  var lossSum = 0.0;
  var hits = 0.0;
  for (var row = lane; row < step.rows; row += WORKGROUP_SIZE) {
    let label = labels[row];
    let base = row * layer.classes;
    var best = 0u;
    for (var c = 1u; c < layer.classes; c++) {
      if (z[base + c] > z[base + best]) { best = c; }
    }
    if (best == label) { hits += 1.0; }
    if (step.training == 0u) { predictions[step.batchStart + row] = best; }
    lossSum += scoreRow(row, label);
    if (step.training == 1u) { writeGradient(row, label); }
  }
  lossParts[lane] = lossSum;
  hitParts[lane] = hits;
  workgroupBarrier();
  for (var half = WORKGROUP_SIZE / 2u; half > 0u; half /= 2u) {
    if (lane < half) {
      lossParts[lane] += lossParts[lane + half];
      hitParts[lane] += hitParts[lane + half];
    }
    workgroupBarrier();
  }
  if (lane == 0u) {
    metrics[0] += lossParts[0];
    metrics[1] += hitParts[0];
    metrics[2] += f32(step.rows);
  }
}
