// Shared by every training kernel: the per-step uniform, the dropout hash and the activations.
// The TypeScript twins are dropout-hash.ts (pcgHash, dropoutKeeps) and activations.ts.

struct Step {
  rows: u32,            // rows in this batch
  batchStart: u32,      // first position of the batch in the order buffer
  training: u32,        // 1: dropout on and gradients out; 0: evaluation
  layerCount: u32,
  stepSize: f32,        // the optimizer's learning rate for this update (Adam: bias-corrected)
  gradientScale: f32,   // 1 / rows, as a float32 computed on the CPU
  reserved0: u32,
  reserved1: u32,
  seeds: array<vec4<u32>, 4>,  // dropout seed word of layer l at seeds[l / 4][l % 4]
}

// LEAKY_SLOPE (leaky ReLU's slope below 0) is declared by shaders.ts from the op table.

fn pcgHash(value: u32) -> u32 {
  let state = value * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}

fn dropoutKeeps(seedWord: u32, index: u32, rate: f32) -> bool {
  return f32(pcgHash(index ^ seedWord) >> 8u) * (1.0 / 16777216.0) >= rate;
}

fn seedOf(step: Step, layer: u32) -> u32 {
  return step.seeds[layer / 4u][layer % 4u];
}

// 0 linear, 1 relu, 2 leaky relu, 3 sigmoid, 4 tanh
fn activate(kind: u32, z: f32) -> f32 {
  switch kind {
    case 1u: { return max(z, 0.0); }
    case 2u: { return select(LEAKY_SLOPE * z, z, z > 0.0); }
    case 3u: { return 1.0 / (1.0 + exp(-z)); }
    case 4u: { return tanhAccurate(z); }
    default: { return z; }
  }
}

// tanh without overflow (exp of −2|z| only) and without cancellation near 0 (series there);
// activations.ts computes it the same way.
fn tanhAccurate(z: f32) -> f32 {
  let a = abs(z);
  var t: f32;
  if (a < 0.125) {
    let s = a * a;
    t = a * (1.0 + s * (-1.0 / 3.0 + s * (2.0 / 15.0 + s * (-17.0 / 315.0))));
  } else {
    let e = exp(-2.0 * a);
    t = (1.0 - e) / (1.0 + e);
  }
  return select(t, -t, z < 0.0);
}

// dA/dZ written with A = activate(Z)
fn derivativeFromOutput(kind: u32, a: f32) -> f32 {
  switch kind {
    case 1u: { return select(0.0, 1.0, a > 0.0); }
    case 2u: { return select(LEAKY_SLOPE, 1.0, a > 0.0); }
    case 3u: { return a * (1.0 - a); }
    case 4u: { return 1.0 - a * a; }
    default: { return 1.0; }
  }
}
