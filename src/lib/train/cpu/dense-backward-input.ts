// CPU twin of dense-backward-input.wgsl: carries the gradient one layer down,
// dZprev = (dZ·Wᵀ) ⊙ activation′(Aprev) ⊙ dropout mask of the layer below, in one pass.
import { derivativeFromOutput } from '../activations.ts';
import type { DropoutDraw } from '../dropout.ts';
import { dropoutKeeps } from '../dropout-hash.ts';

export function denseBackwardInput(
  dz: Float32Array,
  params: Float32Array,
  previousOutput: Float32Array,
  dPrevious: Float32Array,
  rows: number,
  inputs: number,
  outputs: number,
  previousActivation: number,
  previousDropout: DropoutDraw | null
): void {
  for (let i = 0; i < rows; i++) {
    const dzRow = i * outputs;
    for (let k = 0; k < inputs; k++) {
      const w = k * outputs;
      let sum = 0;
      for (let o = 0; o < outputs; o++) sum = Math.fround(sum + Math.fround(dz[dzRow + o] * params[w + o]));
      const index = i * inputs + k;
      const a = previousOutput[index];
      if (!previousDropout) {
        dPrevious[index] = sum * derivativeFromOutput(previousActivation, a);
      } else if (dropoutKeeps(previousDropout.seedWord, index, previousDropout.rate)) {
        // The stored activation was scaled by 1/(1−rate); undo that to get activation′.
        const unscaled = Math.fround(a * previousDropout.keepProbability);
        dPrevious[index] = Math.fround(sum * derivativeFromOutput(previousActivation, unscaled)) * previousDropout.scale;
      } else {
        dPrevious[index] = 0;
      }
    }
  }
}
