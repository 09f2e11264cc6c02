// The activation table the CPU kernels use: each activation's forward value and its derivative
// written in terms of its own output, which is what backprop has at hand. activation.wgsl mirrors it.
import { LEAKY_SLOPE } from './network.ts';

export function activate(code: number, z: number): number {
  switch (code) {
    case 1:
      return z > 0 ? z : 0;
    case 2:
      return z > 0 ? z : LEAKY_SLOPE * z;
    case 3:
      return 1 / (1 + Math.exp(-z));
    case 4:
      return tanhAccurate(z);
    default:
      return z;
  }
}

/** dA/dZ expressed through A = activation(Z), in float32 steps like the WGSL (1 − a² cancels near ±1). */
export function derivativeFromOutput(code: number, a: number): number {
  switch (code) {
    case 1:
      return a > 0 ? 1 : 0;
    case 2:
      return a > 0 ? 1 : LEAKY_SLOPE;
    case 3:
      return Math.fround(a * Math.fround(1 - a));
    case 4:
      return Math.fround(1 - Math.fround(a * a));
    default:
      return 1;
  }
}

/** tanh as tanhAccurate() in common.wgsl computes it: a series near 0, exp(−2|z|) elsewhere. */
export function tanhAccurate(z: number): number {
  const a = Math.abs(z);
  let t: number;
  if (a < 0.125) {
    const s = a * a;
    t = a * (1 + s * (-1 / 3 + s * (2 / 15 + s * (-17 / 315))));
  } else {
    const e = Math.exp(-2 * a);
    t = (1 - e) / (1 + e);
  }
  return z < 0 ? -t : t;
}
