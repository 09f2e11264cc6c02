// Where LineChart writes each series' name: beside the end of its line, moved apart just enough
// that no two labels overlap and none leaves the plot. Pure so it can be tested without a DOM.

export interface LabelWish {
  /** The y (in pixels) of the line's last point, where the label would like to sit. */
  y: number;
}

/**
 * Spreads labels that want to sit at `wishes[i].y` so that neighbours are at least `gap` pixels
 * apart and all lie within [top, bottom]; returns the placed y of each, in the input order.
 * Labels keep their vertical order, and each moves as little as the constraints allow
 * (a sweep down then a sweep up, the usual direct-labelling layout).
 */
export function spreadLabels(wishes: LabelWish[], gap: number, top: number, bottom: number): number[] {
  const order = wishes.map((w, i) => ({ i, y: Math.min(Math.max(w.y, top), bottom) })).sort((a, b) => a.y - b.y || a.i - b.i);
  // Push down: each label at least `gap` below the one above it.
  for (let k = 1; k < order.length; k++) order[k].y = Math.max(order[k].y, order[k - 1].y + gap);
  // Pull up from the bottom edge: the last label inside, each one above at least `gap` higher.
  if (order.length) order[order.length - 1].y = Math.min(order[order.length - 1].y, bottom);
  for (let k = order.length - 2; k >= 0; k--) order[k].y = Math.min(order[k].y, order[k + 1].y - gap);
  const placed = new Array<number>(wishes.length);
  for (const o of order) placed[o.i] = o.y;
  return placed;
}

/** A rough width of a label in pixels (system fonts at `size` px average ~0.6 em per character). */
export const labelWidth = (text: string, size: number) => Math.ceil(text.length * size * 0.62);
