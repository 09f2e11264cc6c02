// Reader for the IDX files MNIST and Fashion-MNIST are distributed in (train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-*), after gunzip. Only the unsigned-byte element type is needed.
import { classCount, sliceSet, type ImageSet, type SplitDataset } from './dataset.ts';

const UNSIGNED_BYTE = 0x08;

export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

/** Parses one IDX file: two zero bytes, a type byte, a dimension count, big-endian u32 sizes, data. */
export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`${name}: not an IDX file (is it still gzip-compressed?)`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new Error(`${name}: element type 0x${bytes[2].toString(16)} is not unsigned byte`);
  }
  const dims = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < dims; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const start = 4 + 4 * dims;
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length < start + size) throw new Error(`${name}: truncated (${bytes.length} bytes, need ${start + size})`);
  return { shape, data: bytes.subarray(start, start + size) };
}

export function imageSetFromIdx(images: IdxArray, labels: IdxArray, name: string): ImageSet {
  if (images.shape.length !== 3) throw new Error(`${name}: images must be 3-dimensional, got [${images.shape}]`);
  if (labels.shape.length !== 1) throw new Error(`${name}: labels must be 1-dimensional, got [${labels.shape}]`);
  const [count, rows, cols] = images.shape;
  if (labels.shape[0] !== count) throw new Error(`${name}: ${count} images but ${labels.shape[0]} labels`);
  return { count, rows, cols, pixels: images.data, labels: labels.data };
}

/**
 * The standard train/test files as a split dataset. The validation set is the last
 * `validationFraction` of the training file (as Keras's validation_split does), so it is fixed.
 */
export function splitFromIdx(train: ImageSet, test: ImageSet, name: string, validationFraction = 0.1): SplitDataset {
  const validation = Math.round(train.count * validationFraction);
  const kept = train.count - validation;
  return {
    name,
    classes: classCount(train, test),
    train: sliceSet(train, 0, kept),
    validation: sliceSet(train, kept, validation),
    test
  };
}

/** The file names looked for in a directory, plain or gzipped. */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte'
} as const;
