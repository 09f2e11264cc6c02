// Whole-graph gradients against finite differences of the loss, for layered networks of every
// activation and loss, plus the behaviour the step script and the checker rely on.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { activations, losses } from '../../src/lib/core/network.ts';
import { buildSteps, expandChain } from '../../src/lib/core/steps.ts';
import { parseExpression } from '../../src/lib/core/spec.ts';
import { evaluate, ref, type Expr } from '../../src/lib/core/expr.ts';

const graphOf = (text: string, file = 'inline.yaml') => {
  const doc = readSpecDocument(text, file);
  expect(doc.reporter.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return new Graph(doc.spec!);
};

function seeded(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('layered networks', () => {
  const random = seeded(7);
  const r = (lo: number, hi: number) => Math.round((lo + (hi - lo) * random()) * 1000) / 1000;
  for (const loss of losses) {
    for (const activation of activations.filter((a) => a !== 'softmax')) {
      const output = loss === 'cross_entropy' ? 'softmax' : loss === 'bce' ? 'sigmoid' : activation;
      it(`${activation} hidden layer, ${output} output, ${loss} loss: gradients match finite differences of the loss`, () => {
        const target = loss === 'cross_entropy' ? [0, 1] : [0.2, 0.9];
        const spec = {
          network: {
            input: [r(-1, 1), r(-1, 1), r(-1, 1)],
            target,
            layers: [
              { weights: [0, 1].map(() => [0, 1, 2].map(() => r(-1, 1))), biases: [r(-0.5, 0.5), r(-0.5, 0.5)], activation },
              { weights: [0, 1].map(() => [0, 1].map(() => r(-1, 1))), biases: [r(-0.5, 0.5), r(-0.5, 0.5)], activation: output }
            ],
            loss
          }
        };
        const graph = graphOf(stringify(spec));
        const { gradients, values } = graph.solve();
        // Each expanded node's source text reads back to the same expression.
        for (const node of graph.spec.nodes) {
          const reread = parseExpression(node.source, (n) => ref(n));
          expect('message' in reread, `${node.name}: ${node.source}`).toBe(false);
          expect(evaluate(reread as Expr, (n) => values[n]), node.source).toBeCloseTo(values[node.name], 12);
        }
        for (const name of Object.keys(graph.spec.params)) {
          const h = 1e-6;
          const base = graph.spec.params[name];
          const numeric = (graph.solve({ [name]: base + h }).loss - graph.solve({ [name]: base - h }).loss) / (2 * h);
          expect(gradients[name], name).toBeCloseTo(numeric, 7);
        }
      });
    }
  }

  it('names nodes predictably and gives them layer TeX', () => {
    const graph = graphOf(readFileSync('test/fixtures/reference/net222-network.yaml', 'utf8'));
    expect(graph.order).toContain('w2_1_2');
    expect(graph.tex('w2_1_2')).toBe('W^{(2)}_{12}');
    expect(graph.tex('z1_2')).toBe('z^{(1)}_{2}');
    expect(graph.tex('a2_1')).toBe('a^{(2)}_{1}');
    expect(graph.tex('b1_1')).toBe('b^{(1)}_{1}');
    expect(graph.spec.network?.sizes).toEqual([2, 2, 2]);
  });
});

describe('the step script', () => {
  const graph = graphOf(readFileSync('lessons/01-chain.md', 'utf8'), 'lessons/01-chain.md');
  const solution = graph.solve();
  const steps = buildSteps(graph, solution);

  it('walks forward in topological order, backward in reverse, then updates every param', () => {
    const forward = steps.filter((s) => s.pass === 'forward').map((s) => s.name);
    expect(forward).toEqual(['z1', 'a1', 'z2', 'a2', 'z3', 'a3', 'C']);
    const backward = steps.filter((s) => s.pass === 'backward').map((s) => s.name);
    expect(backward.slice(0, 5)).toEqual(['C', 'y', 'a3', 'z3', 'b3']);
    expect(backward.indexOf('w3')).toBeLessThan(backward.indexOf('a2'));
    expect(steps.filter((s) => s.pass === 'update').map((s) => s.name).sort()).toEqual(['b1', 'b2', 'b3', 'w1', 'w2', 'w3']);
    steps.forEach((s, i) => expect(s.index).toBe(i));
  });

  it('every step carries TeX with the numbers in and the exact value', () => {
    const z3 = steps.find((s) => s.id === 'backward:z3')!;
    expect(z3.formulaTex).toContain('\\sigma\\left(z^{(L)}\\right)');
    expect(z3.substitutedTex).toContain('-0.939578');
    expect(z3.value).toBe(solution.gradients.z3);
    expect(z3.terms).toHaveLength(1);
    expect(z3.terms![0].upstream * z3.terms![0].local).toBeCloseTo(z3.value, 15);
    const update = steps.find((s) => s.id === 'update:w3')!;
    expect(update.value).toBe(solution.updated.w3);
    expect(update.substitutedTex).toContain('0.242311');
  });

  it('expands the full chain for W^{(L-1)} as on the course slide', () => {
    const chain = expandChain(graph, 'w2', solution);
    expect(chain.paths).toHaveLength(1);
    expect(chain.paths[0].factors.map((f) => `${f.edge.from}→${f.edge.to}`)).toEqual(['w2→z2', 'z2→a2', 'a2→z3', 'z3→a3', 'a3→C']);
    expect(chain.tex).toContain('\\frac{\\partial z^{(L-1)}}{\\partial W^{(L-1)}} \\cdot \\frac{\\partial a^{(L-1)}}{\\partial z^{(L-1)}}');
    expect(Math.abs(chain.paths[0].product - solution.gradients.w2) / Math.abs(solution.gradients.w2)).toBeLessThan(1e-14);
  });

  it('sums a hidden unit’s gradient over every path', () => {
    const net = graphOf(readFileSync('test/fixtures/reference/net222-network.yaml', 'utf8'));
    const sol = net.solve();
    const chain = expandChain(net, 'w1_1_1', sol);
    expect(chain.paths).toHaveLength(2);
    const total = chain.paths.reduce((s, p) => s + p.product, 0);
    expect(Math.abs(total - sol.gradients.w1_1_1) / Math.abs(sol.gradients.w1_1_1)).toBeLessThan(1e-13);
    const step = buildSteps(net, sol).find((s) => s.id === 'backward:a1_1')!;
    expect(step.terms!.map((t) => t.via)).toEqual(['z2_1', 'z2_2']);
  });

  it('a node used twice gets the sum of both uses', () => {
    const g = graphOf('graph:\n  params: { w: 0.7 }\n  nodes:\n    u: w*w\n    C: u + 3*u\n  loss: C\n');
    expect(g.solve().gradients.w).toBeCloseTo(4 * 2 * 0.7, 14);
  });

  it('reruns from pinned values (what error-carried-forward needs)', () => {
    const values = graph.initialValues();
    const pinned = new Uint8Array(graph.size);
    values[graph.slot.get('a1')!] = 0.6; // a student's own a1
    pinned[graph.slot.get('a1')!] = 1;
    graph.forward(values, pinned);
    expect(values[graph.slot.get('z2')!]).toBeCloseTo(0.18 * 0.6, 15);
  });

  it('warns about step(): its derivative is zero almost everywhere', () => {
    const g = graphOf('graph:\n  params: { w: 0.7 }\n  inputs: { x: 1 }\n  nodes:\n    a: step(w*x)\n    C: (a - 1)^2\n  loss: C\n');
    expect(g.flatEdges().map((e) => `${e.from}→${e.to}`)).toEqual(['w→a', 'x→a']);
    const doc = readSpecDocument('graph:\n  params: { w: 0.7 }\n  inputs: { x: 1 }\n  nodes:\n    a: step(w*x)\n    C: (a - 1)^2\n  loss: C\n', 'step.yaml');
    expect(doc.reporter.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '5:5 warning node "a": the gradient through step() is 0 almost everywhere, so nothing learns through "w", "x" here'
    ]);
    expect(g.solve().gradients.w).toBe(0);
  });
});
