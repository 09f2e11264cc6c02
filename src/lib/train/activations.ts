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
      return stableTanh(z);
    default:
      return z;
  }
}

/** dA/dZ expressed through A = activation(Z). */
export function derivativeFromOutput(code: number, a: number): number {
  switch (code) {
    case 1:
      return a > 0 ? 1 : 0;
    case 2:
      return a > 0 ? 1 : LEAKY_SLOPE;
    case 3:
      return a * (1 - a);
    case 4:
      return 1 - a * a;
    default:
      return 1;
  }
}

/** tanh through exp(−2|z|), which never overflows; the WGSL twin uses the same formula. */
export function stableTanh(z: number): number {
  const e = Math.exp(-2 * Math.abs(z));
  const t = (1 - e) / (1 + e);
  return z < 0 ? -t : t;
}
