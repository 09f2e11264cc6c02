// The datasets: the prepared mnist10k file (fixed split, real digits) and the IDX reader.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset, loadIdxDirectory } from '../../src/lib/train/node/datasets.ts';
import { decodeSplitFile, encodeSplitFile } from '../../src/lib/train/data/mnist10k-format.ts';
import { parseIdx } from '../../src/lib/train/data/idx.ts';
import { pixelRange } from '../../src/lib/train/data/dataset.ts';

function idxBytes(shape: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((n, i) => view.setUint32(4 + 4 * i, n, false));
  const bytes = new Uint8Array(header.length + data.length);
  bytes.set(header);
  bytes.set(data, header.length);
  return bytes;
}

describe('mnist10k', () => {
  const data = loadDataset('mnist10k');

  it('holds the 10,000 digits of the mnist package in an 8,000/1,000/1,000 split', () => {
    expect([data.train.count, data.validation.count, data.test.count]).toEqual([8000, 1000, 1000]);
    expect([data.train.rows, data.train.cols, data.classes]).toEqual([28, 28, 10]);
    expect(pixelRange(data.train)).toEqual({ min: 0, max: 255 });
  });

  it('is shuffled: every split has every digit in roughly MNIST proportions', () => {
    for (const set of [data.train, data.validation, data.test]) {
      const counts = new Array(10).fill(0);
      for (const label of set.labels) counts[label]++;
      for (const n of counts) expect(n / set.count).toBeGreaterThan(0.06);
    }
  });

  it('stores real handwriting: about a fifth of the pixels are ink, centred in the frame', () => {
    let ink = 0;
    let border = 0;
    const p = data.test.pixels;
    for (let i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        ink++;
        const x = i % 28;
        const y = Math.floor(i / 28) % 28;
        if (x < 2 || x > 25 || y < 2 || y > 25) border++;
      }
    }
    expect(ink / p.length).toBeGreaterThan(0.1);
    expect(ink / p.length).toBeLessThan(0.3);
    expect(border / ink).toBeLessThan(0.01);
  });

  it('round-trips through the file format and rejects a damaged header', () => {
    const all = { count: 3, rows: 2, cols: 2, pixels: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), labels: Uint8Array.from([2, 0, 1]) };
    const bytes = encodeSplitFile(all, { train: 1, validation: 1, test: 1 });
    const back = decodeSplitFile(bytes);
    expect(Array.from(back.validation.pixels)).toEqual([5, 6, 7, 8]);
    expect(Array.from(back.test.labels)).toEqual([1]);
    bytes[0] ^= 0xff;
    expect(() => decodeSplitFile(bytes)).toThrow(/magic/);
  });
});

describe('IDX files', () => {
  it('parses images and labels, plain or gzipped, with the last tenth of train held out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idx-'));
    const images = Uint8Array.from({ length: 20 * 3 * 2 }, (_, i) => i % 256);
    const labels = Uint8Array.from({ length: 20 }, (_, i) => i % 4);
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(idxBytes([20, 3, 2], images)));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idxBytes([20], labels));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), idxBytes([5, 3, 2], images.subarray(0, 30)));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idxBytes([5], labels.subarray(0, 5))));
    const data = loadIdxDirectory(dir);
    expect([data.train.count, data.validation.count, data.test.count]).toEqual([18, 2, 5]);
    expect(data.classes).toBe(4);
    expect(Array.from(data.validation.pixels.subarray(0, 6))).toEqual([108, 109, 110, 111, 112, 113]);
  });

  it('explains what is wrong with a file that is not IDX', () => {
    expect(() => parseIdx(gzipSync(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 0])), 'x.gz')).toThrow(/gzip/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'floats')).toThrow(/unsigned byte/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 9, 1]), 'short')).toThrow(/truncated/);
  });
});

describe('IDX files from a file picker', () => {
  it('opens the four files, gzipped or not, without a file system', async () => {
    const { splitFromIdxFiles } = await import('../../src/lib/train/data/idx-files.ts');
    const images = Uint8Array.from({ length: 10 * 4 }, (_, i) => (i * 3) % 256);
    const labels = Uint8Array.from({ length: 10 }, (_, i) => i % 3);
    const data = await splitFromIdxFiles([
      { name: 't10k-labels-idx1-ubyte', bytes: idxBytes([2], labels.subarray(0, 2)) },
      { name: 'train-images-idx3-ubyte.gz', bytes: gzipSync(idxBytes([10, 2, 2], images)) },
      { name: 'train-labels-idx1-ubyte.gz', bytes: gzipSync(idxBytes([10], labels)) },
      { name: 't10k-images-idx3-ubyte', bytes: idxBytes([2, 2, 2], images.subarray(0, 8)) }
    ]);
    expect([data.train.count, data.validation.count, data.test.count, data.classes]).toEqual([9, 1, 2, 3]);
    expect(Array.from(data.validation.labels)).toEqual([0]);
    await expect(splitFromIdxFiles([])).rejects.toThrow(/missing train-images-idx3-ubyte/);
  });
});
