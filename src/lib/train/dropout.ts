// Inverted dropout, described once for both backends: which units a step drops (a hash of the
// seed, the step, the layer and the unit index) and the float32 factors the kept units are scaled by.
import { dropoutSeedWord } from './dropout-hash.ts';

export interface DropoutDraw {
  /** float32 probability of dropping a unit */
  rate: number;
  /** float32 1 / (1 − rate): kept units are scaled up so the expected activation is unchanged */
  scale: number;
  /** float32 1 − rate: undoes the scaling when backprop needs the activation itself */
  keepProbability: number;
  /** the hash start for this layer at this step */
  seedWord: number;
}

export function dropoutDraw(rate: number, seed: number, step: number, layer: number): DropoutDraw | null {
  if (rate <= 0) return null;
  return {
    rate: Math.fround(rate),
    scale: Math.fround(1 / (1 - rate)),
    keepProbability: Math.fround(1 - rate),
    seedWord: dropoutSeedWord(seed, step, layer)
  };
}
