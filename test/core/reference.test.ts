// The engine's float64 results against an independent high-precision reference (Python's decimal
// and mpmath, hand-written backpropagation: test/fixtures/reference/generate.py), to 1e-12
// relative wherever the true value is a normal float64 — including saturation and overflow.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph, type Solution } from '../../src/lib/core/graph.ts';
import { call, derivative, evaluate, ref } from '../../src/lib/core/expr.ts';

const MIN_NORMAL = 2.2250738585072014e-308;
/** Relative error to the reference; below the normal range (or at 0) the absolute error. */
function errorTo(got: number, exact: string): number {
  const want = Number(exact);
  if (!Number.isFinite(want)) return got === want ? 0 : Infinity;
  if (Math.abs(want) < MIN_NORMAL) return Math.abs(got - want) <= 1e-300 ? 0 : Math.abs(got - want);
  return Math.abs(got - want) / Math.abs(want);
}

const fixture = (name: string) => `test/fixtures/reference/${name}`;
const loadGraph = (file: string) => {
  const doc = readSpecDocument(readFileSync(file, 'utf8'), file);
  expect(doc.reporter.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Graph(doc.spec!);
};
const reference = (name: string) =>
  JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8')) as Record<'values' | 'gradients' | 'updated', Record<string, string>>;

/** The chain's names in the reference, and in its layered form. */
const chainNames: Record<string, string> = { x: 'x1', y: 'y1', w1: 'w1_1_1', w2: 'w2_1_1', w3: 'w3_1_1', b1: 'b1_1', b2: 'b2_1', b3: 'b3_1',
  z1: 'z1_1', a1: 'a1_1', z2: 'z2_1', a2: 'a2_1', z3: 'z3_1', a3: 'a3_1', C: 'C' };

function expectMatches(solution: Solution, ref: ReturnType<typeof reference>) {
  let compared = 0;
  for (const part of ['values', 'gradients', 'updated'] as const) {
    for (const [name, exact] of Object.entries(ref[part])) {
      const got = solution[part][name];
      expect(got, `${part}.${name}`).toBeTypeOf('number');
      const err = errorTo(got, exact);
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
    const ref = reference('chain');
    const renamed = Object.fromEntries(Object.entries(ref).map(([part, table]) => [part, Object.fromEntries(Object.entries(table).map(([k, v]) => [chainNames[k], v]))])) as typeof ref;
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

  it('a batch of three through a 2-3-1 network, cost: mean (every scalar gradient averaged over the batch)', () => {
    const graph = loadGraph(fixture('batch231-mean.yaml'));
    const solution = graph.solve();
    expect(expectMatches(solution, reference('batch231-mean'))).toBeGreaterThan(70);
    // Still scalar nodes: three examples' z, a and loss, and C their mean.
    expect(graph.spec.nodes.map((n) => n.name)).toContain('a2_1_e3');
    expect(graph.spec.nodes.find((n) => n.name === 'C')!.source).toBe('(C_e1 + C_e2 + C_e3) / 3');
  });

  it('the same batch with cost: sum (Welch Labs\' J = Σ ½(y − ŷ)²): every param gradient is 3× the mean\'s', () => {
    const sum = loadGraph(fixture('batch231-sum.yaml')).solve();
    expect(expectMatches(sum, reference('batch231-sum'))).toBeGreaterThan(70);
    const mean = loadGraph(fixture('batch231-mean.yaml')).solve();
    for (const p of ['w1_2_1', 'b1_3', 'w2_1_1', 'b2_1']) expect(sum.gradients[p] / mean.gradients[p]).toBeCloseTo(3, 12);
  });

  it('the chain with its first sigmoid saturated at z = 40 (σ′(40) = 4.2e-18 reaches w1)', () => {
    const solution = loadGraph(fixture('chain-saturated.yaml')).solve();
    const ref = reference('chain-saturated');
    const renamed = Object.fromEntries(Object.entries(ref).map(([part, table]) => [part, Object.fromEntries(Object.entries(table).map(([k, v]) => [chainNames[k], v]))])) as typeof ref;
    expect(expectMatches(solution, renamed)).toBeGreaterThan(30);
    expect(solution.gradients.w1_1_1).toBeLessThan(0);
  });

  it('an equations spec at the edges: σ′(40), tanh′(15), ∂(p/q)/∂q at p = q = 1e-200', () => {
    const solution = loadGraph(fixture('edges-equations.yaml')).solve();
    expect(expectMatches(solution, reference('edges-equations'))).toBe(20);
    expect(solution.gradients.w).toBeCloseTo(4.248354255291589e-18, 30);
    expect(solution.gradients.q).toBe(-1e200);
  });

  it('softmax + cross-entropy from the logits: logits 800/799 with target [1, 0] give C = 0.313262', () => {
    const solution = loadGraph(fixture('softmax-800.yaml')).solve();
    expect(expectMatches(solution, reference('softmax-800'))).toBeGreaterThan(25);
    expect(solution.loss.toFixed(6)).toBe('0.313262');
    // The fused gradient: ∂C/∂z_j = ŷ_j − y_j.
    expect(solution.gradients.z1_1).toBeCloseTo(solution.values.a1_1 - 1, 12);
    expect(solution.gradients.z1_2).toBeCloseTo(solution.values.a1_2 - 0, 12);
  });

  it('softmax + cross-entropy when an output underflows: logits 800/0, target on the second, C = 800', () => {
    const solution = loadGraph(fixture('softmax-underflow.yaml')).solve();
    expect(expectMatches(solution, reference('softmax-underflow'))).toBeGreaterThan(25);
    expect(solution.loss).toBe(800);
  });

  it('sigmoid + bce from the logit: z = 40, target 0 gives C = 40 and ∂C/∂w = 1', () => {
    const solution = loadGraph(fixture('sigmoid-40.yaml')).solve();
    expect(expectMatches(solution, reference('sigmoid-40'))).toBeGreaterThan(12);
    expect(solution.loss).toBe(40);
    expect(solution.gradients.w1_1_1).toBe(1);
  });

  it('sigmoid + bce from the logit: z = 40, target 1 gives C = 4.2e-18, not 0', () => {
    const solution = loadGraph(fixture('sigmoid-40-right.yaml')).solve();
    expect(expectMatches(solution, reference('sigmoid-40-right'))).toBeGreaterThan(12);
    expect(solution.loss).toBeGreaterThan(0);
  });

  it('bce is the mean over the outputs', () => {
    const solution = loadGraph(fixture('bce-mean.yaml')).solve();
    expect(expectMatches(solution, reference('bce-mean'))).toBeGreaterThan(25);
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

describe('single ops at the edges of float64 against mpmath', () => {
  const { cases } = JSON.parse(readFileSync(fixture('ops-edges.json'), 'utf8')) as { cases: { op: string; args: string[]; value: string; partials: string[] }[] };
  // One test per op, each over all of its points (σ′ and tanh′ also over a sweep of the whole range
  // where they are normal floats: |z| ≤ 708 and |z| ≤ 354).
  for (const op of [...new Set(cases.map((c) => c.op))]) {
    const mine = cases.filter((c) => c.op === op);
    it(`${op}: value and every partial at ${mine.length} points`, () => {
      const wrong: string[] = [];
      for (const c of mine) {
        const names = c.args.map((_, i) => `p${i}`);
        const expr = call(c.op, ...names.map((n) => ref(n)));
        const at = (n: string) => Number(c.args[names.indexOf(n)]);
        const value = evaluate(expr, at);
        if (!(errorTo(value, c.value) <= 1e-12)) wrong.push(`${op}(${c.args.join(', ')}) = ${value}, reference ${c.value}`);
        names.forEach((n, i) => {
          const got = evaluate(derivative(expr, n), at);
          if (!(errorTo(got, c.partials[i]) <= 1e-12)) wrong.push(`∂${op}/∂arg${i} at (${c.args.join(', ')}) = ${got}, reference ${c.partials[i]}`);
        });
      }
      expect(wrong).toEqual([]);
    });
  }

  it('covers the saturation and overflow points of the issue', () => {
    const has = (op: string, ...args: string[]) => cases.some((c) => c.op === op && c.args.join() === args.join());
    expect(has('sigmoid', '40') && has('tanh', '15') && has('div', '1e-200', '1e-200')).toBe(true);
  });
});
