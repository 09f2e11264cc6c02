// The graph view's hand layout: columns by depth, leaves beside their readers, stable and overlap-free.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { layoutGraph } from '../../src/lib/components/lesson/graph-layout.ts';

const graphOf = (file: string) => parseLesson(readFileSync(file, 'utf8'), file).graph!;

describe('graph layout', () => {
  it('puts the chain on one row with each weight above and bias below its neuron', () => {
    const { boxes } = layoutGraph(graphOf('lessons/01-chain.md'));
    const row = (n: string) => boxes.get(n)!.slot;
    const col = (n: string) => boxes.get(n)!.rank;
    expect(['x', 'z1', 'a1', 'z2', 'a2', 'z3', 'a3', 'C'].map(col)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(['x', 'z1', 'a1', 'z2', 'a2', 'z3', 'a3', 'C'].every((n) => row(n) === 0)).toBe(true);
    expect(row('w1')).toBeLessThan(0);
    expect(row('b1')).toBeGreaterThan(0);
    expect(col('w3')).toBe(col('z3') - 1);
  });

  for (const file of ['lessons/01-chain.md', 'lessons/02-logistic-regression.md', 'lessons/03-two-layer-network.md']) {
    it(`${file}: no two boxes overlap, every edge goes left to right`, () => {
      const graph = graphOf(file);
      const { boxes } = layoutGraph(graph);
      const cells = new Set([...boxes.values()].map((b) => `${b.rank}:${b.slot}`));
      expect(cells.size).toBe(boxes.size);
      for (const e of graph.edges) expect(boxes.get(e.from)!.rank).toBeLessThan(boxes.get(e.to)!.rank);
      expect(layoutGraph(graph)).toEqual(layoutGraph(graph));
    });
  }
});
