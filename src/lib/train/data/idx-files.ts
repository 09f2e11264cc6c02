// Opens IDX files chosen by the user (the page's file picker), plain or gzipped, as a split
// dataset: works wherever DecompressionStream exists (browsers, Node 18+), no file system needed.
import type { SplitDataset } from './dataset.ts';
import { IDX_FILES, imageSetFromIdx, parseIdx, splitFromIdx } from './idx.ts';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Needs the four standard files (any order, names as distributed, optionally ending in .gz). */
export async function splitFromIdxFiles(files: NamedBytes[], name = 'your IDX files'): Promise<SplitDataset> {
  const find = async (base: string) => {
    const file = files.find((f) => f.name === base || f.name === `${base}.gz` || f.name.startsWith(`${base}.`));
    if (!file) throw new Error(`missing ${base} (or ${base}.gz) among the chosen files`);
    return parseIdx(await gunzipIfNeeded(file.bytes), file.name);
  };
  const train = imageSetFromIdx(await find(IDX_FILES.trainImages), await find(IDX_FILES.trainLabels), 'train files');
  const test = imageSetFromIdx(await find(IDX_FILES.testImages), await find(IDX_FILES.testLabels), 't10k files');
  return splitFromIdx(train, test, name);
}
