// CPU twin of dense-forward.wgsl: out = dropout(activation(x·W + b)) for one dense layer.
// Same float32 operations in the same order as the GPU (k ascending; product rounded, then added);
// zero inputs are skipped,
// which changes nothing in the sum and saves most of the work on MNIST (about 80% of pixels are 0).
import { activate } from '../activations.ts';
import type { DropoutDraw } from '../dropout.ts';
import { dropoutKeeps } from '../dropout-hash.ts';

export function denseForward(
  x: Float32Array,
  params: Float32Array,
  out: Float32Array,
  rows: number,
  inputs: number,
  outputs: number,
  activation: number,
  dropout: DropoutDraw | null
): void {
  const biasRow = inputs * outputs;
  for (let i = 0; i < rows; i++) {
    const o = i * outputs;
    out.fill(0, o, o + outputs);
    const xRow = i * inputs;
    for (let k = 0; k < inputs; k++) {
      const xv = x[xRow + k];
      if (xv === 0) continue;
      const w = k * outputs;
      for (let j = 0; j < outputs; j++) out[o + j] += Math.fround(xv * params[w + j]);
    }
    for (let j = 0; j < outputs; j++) {
      const z = Math.fround(out[o + j] + params[biasRow + j]);
      let a = Math.fround(activate(activation, z));
      if (dropout) a = dropoutKeeps(dropout.seedWord, o + j, dropout.rate) ? a * dropout.scale : 0;
      out[o + j] = a;
    }
  }
}
