// CPU twin of dense-backward-weights.wgsl: the parameter gradient of one dense layer,
// dW = xᵀ·dZ and db = Σ_rows dZ, written as one (inputs + 1) × outputs block like the parameters.
// Rows are summed in ascending order, each float32 product rounded then added, as on the GPU.

export function denseBackwardWeights(
  x: Float32Array,
  dz: Float32Array,
  grads: Float32Array,
  rows: number,
  inputs: number,
  outputs: number
): void {
  const biasRow = inputs * outputs;
  grads.fill(0, 0, (inputs + 1) * outputs);
  for (let i = 0; i < rows; i++) {
    const xRow = i * inputs;
    const dzRow = i * outputs;
    for (let k = 0; k < inputs; k++) {
      const xv = x[xRow + k];
      if (xv === 0) continue;
      const g = k * outputs;
      for (let o = 0; o < outputs; o++) grads[g + o] += Math.fround(xv * dz[dzRow + o]);
    }
    for (let o = 0; o < outputs; o++) grads[biasRow + o] += dz[dzRow + o];
  }
}
