// The `Step` uniform of common.wgsl, packed on the CPU once per batch: batch rows and position,
// training flag, the optimizer's step size, 1/rows, and each layer's dropout seed word.
import { packUniform } from './kernel.ts';

export const MAX_LAYERS = 16;
export const STEP_BYTES = 96;

export interface StepValues {
  rows: number;
  batchStart: number;
  training: boolean;
  layerCount: number;
  stepSize: number;
  seeds: ArrayLike<number>;
}

export function packStep(values: StepValues): ArrayBuffer {
  const seeds = Array.from({ length: MAX_LAYERS }, (_, i) => values.seeds[i] ?? 0);
  return packUniform('uuuuffuu' + 'u'.repeat(MAX_LAYERS), [
    values.rows,
    values.batchStart,
    values.training ? 1 : 0,
    values.layerCount,
    values.stepSize,
    Math.fround(1 / Math.max(1, values.rows)),
    0,
    0,
    ...seeds
  ]);
}
