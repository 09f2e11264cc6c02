// The engine's float64 results against an independent 50-digit reference (Python's decimal,
// hand-written backpropagation: test/fixtures/reference/generate.py), to 1e-12 relative.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph, type Solution } from '../../src/lib/core/graph.ts';

const fixture = (name: string) => `test/fixtures/reference/${name}`;
const loadGraph = (file: string) => {
  const doc = readSpecDocument(readFileSync(file, 'utf8'), file);
  expect(doc.reporter.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Graph(doc.spec!);
};
const reference = (name: string) =>
  JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8')) as Record<'values' | 'gradients' | 'updated', Record<string, string>>;

function expectMatches(solution: Solution, ref: ReturnType<typeof reference>) {
  let compared = 0;
  for (const part of ['values', 'gradients', 'updated'] as const) {
    for (const [name, exact] of Object.entries(ref[part])) {
      const want = Number(exact);
      const got = solution[part][name];
      expect(got, `${part}.${name}`).toBeTypeOf('number');
      const err = want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
      expect(err, `${part}.${name}: got ${got}, reference ${exact}`).toBeLessThanOrEqual(1e-12);
      compared++;
    }
  }
  return compared;
}

describe('autograd against the high-precision reference', () => {
  it('the 3-neuron chain lesson', () => {
    const solution = loadGraph('lessons/01-chain.md').solve();
    expect(expectMatches(solution, reference('chain'))).toBeGreaterThan(30);
  });

  it('the same chain written as a layered network', () => {
    const solution = loadGraph(fixture('chain-network.yaml')).solve();
    const rename: Record<string, string> = { x: 'x1', y: 'y1', w1: 'w1_1_1', w2: 'w2_1_1', w3: 'w3_1_1', b1: 'b1_1', b2: 'b2_1', b3: 'b3_1',
      z1: 'z1_1', a1: 'a1_1', z2: 'z2_1', a2: 'a2_1', z3: 'z3_1', a3: 'a3_1', C: 'C' };
    const ref = reference('chain');
    const renamed = Object.fromEntries(Object.entries(ref).map(([part, table]) => [part, Object.fromEntries(Object.entries(table).map(([k, v]) => [rename[k], v]))])) as typeof ref;
    expect(expectMatches(solution, renamed)).toBeGreaterThan(30);
  });

  it('a 2-2-2 sigmoid network (hidden gradients are sums over two paths), layered form', () => {
    const solution = loadGraph(fixture('net222-network.yaml')).solve();
    expect(expectMatches(solution, reference('net222'))).toBeGreaterThan(40);
  });

  it('a 2-2-2 sigmoid network, hand-written equations form', () => {
    const solution = loadGraph(fixture('net222-equations.yaml')).solve();
    expect(expectMatches(solution, reference('net222'))).toBeGreaterThan(40);
  });

  it('the chain lesson shows the numbers the course slide asks for', () => {
    const { values, gradients, updated } = loadGraph('lessons/01-chain.md').solve();
    const close = (got: number, want: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-11);
    close(values.z1, 0.32);
    close(values.a1, 0.579324252149);
    close(values.a2, 0.526045993661);
    close(values.a3, 0.530210799671);
    close(values.C, 0.220701892746);
    close(gradients.w3, -0.123114254669);
    close(gradients.b2, -0.0134206136747);
    close(updated.w3, 0.242311425467);
    close(updated.b2, 0.00134206136747);
  });
});
