// CPU twin of gather-batch.wgsl: copies the images a batch needs (in shuffled order) into the
// input matrix, min-max scaled to float32, and their labels into the batch label list.

export interface ScalingFactors {
  /** float32 minimum pixel value */
  min: number;
  /** float32 1 / (max − min) */
  inverseRange: number;
}

export function scalingFactors(min: number, max: number): ScalingFactors {
  return { min: Math.fround(min), inverseRange: Math.fround(1 / (max - min)) };
}

export function gatherBatch(
  pixels: Uint8Array,
  labels: Uint8Array,
  features: number,
  order: Uint32Array,
  batchStart: number,
  rows: number,
  scaling: ScalingFactors,
  x: Float32Array,
  batchLabels: Uint32Array
): void {
  const { min, inverseRange } = scaling;
  for (let r = 0; r < rows; r++) {
    const source = order[batchStart + r];
    const from = source * features;
    const to = r * features;
    for (let f = 0; f < features; f++) x[to + f] = (pixels[from + f] - min) * inverseRange;
    batchLabels[r] = labels[source];
  }
}
