// Shared by the trainer tests: fresh random inputs (the seed is printed on failure), and the
// relative error used to compare a kernel with its twin.
import { Random } from '../../src/lib/core/random.ts';

/** A new seed per run, so every run tries new inputs; failures name it. */
/** A new seed each run (fresh random data), or BACKSTEP_SEED to replay a failure a test reported. */
export function freshSeed(): number {
  const replay = process.env.BACKSTEP_SEED;
  return replay ? Number(replay) >>> 0 : Math.floor(Math.random() * 2 ** 32);
}

export function randomFloats(random: Random, length: number, low: number, high: number, zeroFraction = 0): Float32Array {
  return Float32Array.from({ length }, () => (random.next() < zeroFraction ? 0 : random.uniform(low, high)));
}

/**
 * Largest elementwise relative error |a − e| / |e|. Elements of `expected` much smaller than its
 * largest (cancellation, true zeros) are measured against 1e-3 of that largest value instead,
 * so nothing is ever divided by zero or judged on a value that is pure rounding noise.
 * `magnitudes`, when given, is the size of the terms an element was computed from: where a
 * formula subtracts nearly equal numbers, the error is judged against what was subtracted.
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, magnitudes: ArrayLike<number> = expected): number {
  if (actual.length !== expected.length) return Infinity;
  let largest = 0;
  for (let i = 0; i < expected.length; i++) largest = Math.max(largest, Math.abs(expected[i]));
  if (largest === 0) throw new Error('expected values are all zero: a test on zeros proves nothing');
  const floor = 1e-3 * largest;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), Math.abs(magnitudes[i]), floor);
    if (!(error <= worst)) worst = error; // NaN propagates as a failure
  }
  return worst;
}
