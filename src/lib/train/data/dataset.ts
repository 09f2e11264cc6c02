// The in-memory shape of a labelled image dataset, shared by the mnist10k file, IDX files,
// the CLI and the page: raw uint8 pixels (scaled on the fly by the backends) and uint8 labels.

export interface ImageSet {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, row-major images one after another. */
  pixels: Uint8Array;
  /** count class indices. */
  labels: Uint8Array;
}

export interface SplitDataset {
  /** Where it came from, e.g. "mnist10k" or "idx:/usr/share/datasets/fashion-mnist". */
  name: string;
  classes: number;
  train: ImageSet;
  validation: ImageSet;
  test: ImageSet;
}

/** Min-max scaling x' = (x − min) / (max − min), with min and max taken over the training pixels. */
export interface Scaling {
  min: number;
  max: number;
}

export function featuresOf(set: ImageSet): number {
  return set.rows * set.cols;
}

export function pixelRange(set: ImageSet): Scaling {
  let min = 255;
  let max = 0;
  for (const p of set.pixels) {
    if (p < min) min = p;
    if (p > max) max = p;
  }
  return max > min ? { min, max } : { min: 0, max: 255 };
}

/** A contiguous slice of a set, sharing its memory. */
export function sliceSet(set: ImageSet, start: number, count: number): ImageSet {
  const size = featuresOf(set);
  const end = Math.min(set.count, start + count);
  return {
    count: end - start,
    rows: set.rows,
    cols: set.cols,
    pixels: set.pixels.subarray(start * size, end * size),
    labels: set.labels.subarray(start, end)
  };
}

/** Keep only the first `limit` training samples (the `--samples` option); the held-out sets are untouched. */
export function limitTraining(data: SplitDataset, limit: number | undefined): SplitDataset {
  if (!limit || limit >= data.train.count) return data;
  return { ...data, train: sliceSet(data.train, 0, limit) };
}

export function classCount(...sets: ImageSet[]): number {
  let max = 0;
  for (const set of sets) for (const label of set.labels) if (label > max) max = label;
  return max + 1;
}
