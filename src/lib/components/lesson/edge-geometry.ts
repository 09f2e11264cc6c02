// Where an edge of the workbench graph runs and where its label sits: a cubic from the reader's
// side of the source box to the source side of the target box, entry and exit points spread over
// the box side so edges into one box stay apart, and the label centred in the last gap before the
// target (boxes only occupy the rank columns, so a label there is never over a box).
import type { GraphLayout, NodeBox } from './graph-layout.ts';

export interface EdgeGeometry {
  d: string;
  label: { x: number; y: number };
}

export function edgeGeometry(layout: GraphLayout, from: NodeBox, to: NodeBox, exit: [number, number], entry: [number, number]): EdgeGeometry {
  const { nodeWidth: w, nodeHeight: h } = layout;
  const spread = (i: number, n: number, size: number) => size * (0.5 + (i - (n - 1) / 2) * Math.min(0.22, 0.8 / Math.max(1, n)));
  const right = layout.direction === 'right';
  // Along the rank axis (a) and across it (b).
  const a1 = right ? from.x + w : from.y + h;
  const b1 = (right ? from.y : from.x) + spread(exit[0], exit[1], right ? h : w);
  const a2 = (right ? to.x : to.y) - 3;
  const b2 = (right ? to.y : to.x) + spread(entry[0], entry[1], right ? h : w);
  const am = (a1 + a2) / 2;
  const point = (a: number, b: number) => (right ? `${a} ${b}` : `${b} ${a}`);
  const d = `M ${point(a1, b1)} C ${point(am, b1)}, ${point(am, b2)}, ${point(a2, b2)}`;
  // The last gap before the target: its middle along a, found on the curve by bisection.
  const gap = right ? to.x - (from.x + w) : to.y - (from.y + h);
  const rankGap = Math.min(gap, layoutGap(layout));
  const target = (right ? to.x : to.y) - rankGap / 2;
  const at = (t: number, p0: number, p1: number, p2: number, p3: number) => (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3;
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (at(mid, a1, am, am, a2) < target) lo = mid;
    else hi = mid;
  }
  const b = at(lo, b1, b1, b2, b2);
  return { d, label: right ? { x: target, y: b } : { x: b, y: target } };
}

/** The gap between two neighbouring ranks. */
function layoutGap(layout: GraphLayout): number {
  const ranks = [...layout.boxes.values()].sort((p, q) => p.rank - q.rank);
  for (let i = 1; i < ranks.length; i++) {
    if (ranks[i].rank === ranks[i - 1].rank + 1) {
      return layout.direction === 'right' ? ranks[i].x - ranks[i - 1].x - layout.nodeWidth : ranks[i].y - ranks[i - 1].y - layout.nodeHeight;
    }
  }
  return 40;
}
