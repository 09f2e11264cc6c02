// The draw pad's preprocessing: drawings of any size and position come out like MNIST digits.
import { describe, expect, it } from 'vitest';
import { BOX, FRAME, centreOfMass, mnistFromDrawing } from '../../src/lib/train/draw-preprocess.ts';
import { loadDataset } from '../../src/lib/train/node/datasets.ts';
import { Trainer } from '../../src/lib/train/trainer.ts';
import { defaultNetwork } from '../../src/lib/train/network.ts';
import { optimizerConfig } from '../../src/lib/train/optimizers.ts';
import { sliceSet } from '../../src/lib/train/data/dataset.ts';

function inkBox(image: Uint8Array): { width: number; height: number } {
  let [l, t, r, b] = [FRAME, FRAME, -1, -1];
  image.forEach((v, i) => {
    if (!v) return;
    const x = i % FRAME;
    const y = Math.floor(i / FRAME);
    [l, t, r, b] = [Math.min(l, x), Math.min(t, y), Math.max(r, x), Math.max(b, y)];
  });
  return { width: r - l + 1, height: b - t + 1 };
}

/** A 28×28 digit blown up onto a large canvas at some offset, as if drawn there. */
function drawnFrom(digit: Uint8Array, zoom: number, dx: number, dy: number, size: number): Float32Array {
  const canvas = new Float32Array(size * size);
  for (let y = 0; y < FRAME * zoom; y++) {
    for (let x = 0; x < FRAME * zoom; x++) {
      canvas[(y + dy) * size + x + dx] = digit[Math.floor(y / zoom) * FRAME + Math.floor(x / zoom)];
    }
  }
  return canvas;
}

describe('mnistFromDrawing', () => {
  it('returns nothing for an empty pad', () => {
    expect(mnistFromDrawing(new Float32Array(100 * 100), 100, 100)).toBeNull();
  });

  it('fits a stroke anywhere on the pad into the 20×20 box, centred by mass', () => {
    const size = 280;
    const pad = new Float32Array(size * size);
    // A slanted bar in the bottom-right corner.
    for (let t = 0; t < 90; t++) {
      for (let w = 0; w < 12; w++) pad[(180 + t) * size + 200 + w + Math.floor(t / 6)] = 1;
    }
    const image = mnistFromDrawing(pad, size, size)!;
    const box = inkBox(image);
    expect(Math.max(box.width, box.height)).toBeGreaterThanOrEqual(BOX - 1);
    expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(BOX + 1);
    const [cx, cy] = centreOfMass(image);
    expect(Math.abs(cx - 14.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14.5)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...image)).toBe(255);
  });

  it('gives back MNIST digits drawn large and off-centre, close enough to be read the same', async () => {
    const mnist = loadDataset('mnist10k');
    const trainer = new Trainer(mnist, { network: defaultNetwork([784, 64, 10]), optimizer: optimizerConfig('adam'), batchSize: 64, epochs: 2, seed: 4 });
    await trainer.run();
    const digits = sliceSet(mnist.test, 0, 200);
    const redrawn = new Uint8Array(digits.pixels.length);
    for (let i = 0; i < digits.count; i++) {
      const digit = digits.pixels.subarray(i * 784, (i + 1) * 784);
      const drawing = drawnFrom(digit, 9, (i * 7) % 20, (i * 13) % 20, 280);
      redrawn.set(mnistFromDrawing(drawing, 280, 280)!, i * 784);
    }
    const original = await trainer.predict(digits);
    const again = await trainer.predict({ ...digits, pixels: redrawn });
    const argmax = (p: Float32Array, i: number) => {
      const row = Array.from(p.subarray(i * 10, (i + 1) * 10));
      return row.indexOf(Math.max(...row));
    };
    let same = 0;
    for (let i = 0; i < digits.count; i++) same += argmax(original, i) === argmax(again, i) ? 1 : 0;
    expect(same / digits.count).toBeGreaterThanOrEqual(0.97);
  });
});
