// Turns a drawing into an MNIST-style input, the way MNIST itself was made: the ink's bounding
// box is scaled to fit a 20×20 box (keeping its aspect ratio, anti-aliased), then placed in a
// 28×28 frame so that the centre of mass of the ink sits at the centre of the frame.

export const FRAME = 28;
export const BOX = 20;
/** Where MNIST puts the centre of mass: pixel (14, 14) counted from 0, i.e. 14.5 pixel widths in. */
const CENTRE = FRAME / 2 + 0.5;
const BOX_THRESHOLD = 0.05;

/**
 * `ink` holds width × height values, 0 = paper, larger = more ink (any scale). Returns 784
 * bytes (0–255), or null when there is no ink at all.
 */
export function mnistFromDrawing(ink: ArrayLike<number>, width: number, height: number): Uint8Array | null {
  let peak = 0;
  for (let i = 0; i < width * height; i++) peak = Math.max(peak, ink[i]);
  if (peak <= 0) return null;
  // The box holds the strokes, not their faint anti-aliased fringe.
  const threshold = BOX_THRESHOLD * peak;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] < threshold) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }

  // Scale the bounding box so its longer side is BOX pixels.
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const scale = BOX / Math.max(boxWidth, boxHeight);
  const w = Math.max(1, Math.round(boxWidth * scale));
  const h = Math.max(1, Math.round(boxHeight * scale));
  const small = new Float64Array(w * h);
  // Each target pixel averages a grid of bilinear samples over the source area it covers.
  const samples = Math.max(2, Math.ceil(1 / scale));
  const sample = (x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const at = (xi: number, yi: number) =>
      xi < left || xi > right || yi < top || yi > bottom ? 0 : ink[yi * width + xi] / peak;
    return (
      at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy
    );
  };
  for (let ty = 0; ty < h; ty++) {
    for (let tx = 0; tx < w; tx++) {
      let sum = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = left - 0.5 + (tx + (sx + 0.5) / samples) / scale;
          const y = top - 0.5 + (ty + (sy + 0.5) / samples) / scale;
          sum += sample(x, y);
        }
      }
      small[ty * w + tx] = sum / (samples * samples);
    }
  }

  // Centre of mass of the scaled ink, moved to the centre of the frame (kept inside it).
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const offsetX = clamp(Math.round(CENTRE - cx / mass), 0, FRAME - w);
  const offsetY = clamp(Math.round(CENTRE - cy / mass), 0, FRAME - h);
  const out = new Uint8Array(FRAME * FRAME);
  let brightest = 0;
  for (const v of small) brightest = Math.max(brightest, v);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      out[(y + offsetY) * FRAME + x + offsetX] = Math.round((255 * small[y * w + x]) / brightest);
    }
  }
  return out;
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, v));
}

/** Centre of mass (x, y) of a 28×28 image, in pixel units from its top-left corner. */
export function centreOfMass(image: ArrayLike<number>): [number, number] {
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < FRAME * FRAME; i++) {
    mass += image[i];
    cx += image[i] * ((i % FRAME) + 0.5);
    cy += image[i] * (Math.floor(i / FRAME) + 0.5);
  }
  return [cx / mass, cy / mass];
}
