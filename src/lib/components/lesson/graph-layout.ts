// Hand layout of a computation graph: a node's column (rank) is its depth from the inputs, a
// param or input sits one column before its first reader, and rows are whole slots chosen near
// the nodes they connect to. Ranks run left to right on wide screens and top to bottom on phones.
// Boxes are sized to the widest label they can hold (the name, and numbers written with four
// significant digits), and the gaps between ranks leave room for an edge label on its own
// background; positions depend only on the graph's shape, so they never jump while numbers change.
import type { Graph } from '../../core/graph.ts';

export interface NodeBox {
  name: string;
  rank: number;
  slot: number;
  x: number;
  y: number;
}

export type Direction = 'right' | 'down';

export interface GraphLayout {
  boxes: Map<string, NodeBox>;
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
  direction: Direction;
}

/** Room for the longest number the graph writes ("∂ −5.887×10⁻⁴", 12 px) and an edge label (11 px). */
export const geometry = { minNodeWidth: 104, nodeHeight: 62, labelWidth: 78, labelHeight: 18, slotGap: 16, margin: 12, namePx: 17 };

/**
 * A generous width for a name's TeX as KaTeX sets it: a command (\alpha) is one glyph,
 * sub- and superscripts are smaller, braces and \left/\right take no room.
 */
export function texWidth(tex: string, px = geometry.namePx): number {
  let width = 0;
  let depth = 0;
  const body = tex.replace(/\\(left|right)\b/g, '').replace(/\\(hat|bar|tilde|mathrm|text|operatorname)\b/g, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '^' || c === '_') {
      depth++;
      if (body[i + 1] !== '{') {
        width += 0.7 * 0.62 * px;
        i++;
        depth--;
      }
      continue;
    }
    if (c === '{') continue;
    if (c === '}') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (c === '\\') {
      const m = /^\\[a-zA-Z]+/.exec(body.slice(i));
      if (m) i += m[0].length - 1;
    }
    if (c === ' ') continue;
    width += (depth > 0 ? 0.7 : 1) * 0.62 * px;
  }
  return Math.ceil(width);
}

/** Take the free integer slot nearest to `want`, alternating above and below on ties. */
function claim(taken: Set<number>, want: number): number {
  const base = Math.round(want);
  for (let d = 0; ; d++) {
    for (const s of d === 0 ? [base] : [base - d, base + d]) {
      if (!taken.has(s)) {
        taken.add(s);
        return s;
      }
    }
  }
}

export function layoutGraph(graph: Graph, options: { hideParams?: boolean; direction?: Direction } = {}): GraphLayout {
  const rank = new Map<string, number>();
  const isNode = (n: string) => graph.roles.get(n) === 'node';
  // Depth of each computed node: one more than the deepest computed node it reads.
  for (const node of graph.spec.nodes) {
    const deps = (graph.dependencies.get(node.name) ?? []).map((e) => e.from).filter(isNode);
    rank.set(node.name, 1 + Math.max(0, ...deps.map((d) => rank.get(d)!)));
  }
  const shown = graph.order.filter((n) => isNode(n) || !(options.hideParams && graph.roles.get(n) === 'param'));
  // Leaves (params, inputs) one column before their first reader.
  for (const name of shown) {
    if (isNode(name)) continue;
    const readers = (graph.consumers.get(name) ?? []).map((e) => rank.get(e.to)!);
    rank.set(name, readers.length ? Math.min(...readers) - 1 : 0);
  }
  const slot = new Map<string, number>();
  const taken = new Map<number, Set<number>>();
  const takenIn = (r: number) => taken.get(r) ?? taken.set(r, new Set()).get(r)!;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  // Computed nodes left to right, each near the mean row of the computed nodes it reads.
  for (const node of graph.spec.nodes) {
    const deps = (graph.dependencies.get(node.name) ?? []).map((e) => e.from).filter((d) => isNode(d) && slot.has(d));
    slot.set(node.name, claim(takenIn(rank.get(node.name)!), mean(deps.map((d) => slot.get(d)!))));
  }
  // Then leaves (params, inputs), column by column, ordered by the mean row of their readers
  // (ties keep the order of the expressions, so w1, x, b1 stay together around z1).
  const leavesByRank = new Map<number, { name: string; want: number }[]>();
  for (const name of shown) {
    if (isNode(name)) continue;
    const want = mean((graph.consumers.get(name) ?? []).map((e) => slot.get(e.to)!));
    const r = rank.get(name)!;
    leavesByRank.set(r, [...(leavesByRank.get(r) ?? []), { name, want }]);
  }
  for (const [r, leaves] of leavesByRank) {
    leaves.sort((a, b) => a.want - b.want); // stable: equal wants keep their order
    const taken = takenIn(r);
    if (taken.size === 0) {
      // A column of leaves only: stack them without gaps, centred on where they want to be.
      const start = Math.round(mean(leaves.map((l) => l.want)) - (leaves.length - 1) / 2);
      leaves.forEach((l, i) => (slot.set(l.name, start + i), taken.add(start + i)));
    } else for (const l of leaves) slot.set(l.name, claim(taken, l.want));
  }
  const { nodeHeight, labelWidth, labelHeight, slotGap, margin } = geometry;
  const direction = options.direction ?? 'right';
  const nodeWidth = Math.max(geometry.minNodeWidth, ...shown.map((n) => texWidth(graph.tex(n)) + 16));
  // Along the ranks the gap holds an edge label; across them, only air between boxes.
  const across = direction === 'right' ? nodeHeight : nodeWidth;
  const along = direction === 'right' ? nodeWidth : nodeHeight;
  const rankGap = direction === 'right' ? labelWidth + 8 : labelHeight + 30;
  const slots = [...slot.values()];
  const minSlot = Math.min(...slots);
  const maxSlot = Math.max(...slots);
  const maxRank = Math.max(...rank.values());
  const boxes = new Map<string, NodeBox>();
  for (const name of shown) {
    const r = rank.get(name)!;
    const s = slot.get(name)!;
    const a = margin + r * (along + rankGap);
    const b = margin + (s - minSlot) * (across + slotGap);
    boxes.set(name, { name, rank: r, slot: s, ...(direction === 'right' ? { x: a, y: b } : { x: b, y: a }) });
  }
  const alongSize = 2 * margin + (maxRank + 1) * along + maxRank * rankGap;
  const acrossSize = 2 * margin + (maxSlot - minSlot + 1) * across + (maxSlot - minSlot) * slotGap;
  return {
    boxes,
    width: direction === 'right' ? alongSize : acrossSize,
    height: direction === 'right' ? acrossSize : alongSize,
    nodeWidth,
    nodeHeight,
    direction
  };
}
