// Every op's local partials (symbolic, then evaluated) against central finite differences.
import { describe, expect, it } from 'vitest';
import { ops } from '../../src/lib/core/ops.ts';
import { Random } from '../../src/lib/core/random.ts';
import { call, constant, derivative, evaluate, ref, type Expr } from '../../src/lib/core/expr.ts';

/** Where each argument may be drawn from (away from kinks and outside domains). */
const domains: Record<string, [number, number][]> = {
  log: [[0.2, 5]],
  sqrt: [[0.2, 5]],
  pow: [[0.3, 3], [-2, 3]],
  pow_grad_exponent: [[0.3, 3], [-2, 3]],
  div: [[-3, 3], [0.5, 3]],
  div_grad: [[-3, 3], [0.5, 3]],
  leaky_relu: [[-3, 3], [0.01, 0.5]],
  elu: [[-3, 3], [0.2, 2]]
};

const central = (f: (x: number) => number, x: number) => {
  const h = 1e-6 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
};

describe('op table', () => {
  const generator = new Random(20261126);
  const random = () => generator.next();
  for (const [name, op] of Object.entries(ops)) {
    it(`${name}: symbolic partials match central differences at random points`, () => {
      const argNames = Array.from({ length: op.arity }, (_, i) => `p${i}`);
      const expr: Expr = call(name, ...argNames.map(ref));
      for (let trial = 0; trial < 25; trial++) {
        const point = argNames.map((_, i) => {
          const [lo, hi] = domains[name]?.[i] ?? [-3, 3];
          let v = lo + (hi - lo) * random();
          if (Math.abs(v) < 0.05) v += 0.1; // stay off the kinks of relu, abs, step
          return v;
        });
        const at = (values: number[]) => evaluate(expr, (n) => values[argNames.indexOf(n)]);
        argNames.forEach((arg, i) => {
          const symbolic = evaluate(derivative(expr, arg), (n) => point[argNames.indexOf(n)]);
          const numeric = central((v) => at(point.map((p, j) => (j === i ? v : p))), point[i]);
          expect(symbolic, `${name} ∂/∂arg${i} at ${point.join(', ')}`).toBeCloseTo(numeric, 5);
          if (Math.abs(numeric) > 1e-3) expect(Math.abs(symbolic - numeric) / Math.abs(numeric)).toBeLessThan(1e-6);
        });
      }
    });
  }

  it('differentiates compound expressions through every path (product rule, chain rule)', () => {
    // f(x) = x · σ(x)^2 + exp(−x): three uses of x.
    const x = ref('x');
    const f = call('add', call('mul', x, call('pow', call('sigmoid', x), constant(2))), call('exp', call('neg', x)));
    for (const v of [-2.5, -0.3, 0.7, 1.9]) {
      const symbolic = evaluate(derivative(f, 'x'), () => v);
      const numeric = central((t) => evaluate(f, () => t), v);
      expect(Math.abs(symbolic - numeric) / Math.abs(numeric)).toBeLessThan(1e-7);
    }
  });

  it('step has derivative 0 and is flagged flat, so the graph can warn', () => {
    expect(ops.step.flat).toBe(true);
    expect(evaluate(derivative(call('step', ref('x')), 'x'), () => 0.7)).toBe(0);
  });

  it('sigmoid is accurate far into both tails', () => {
    expect(ops.sigmoid.forward(-800)).toBeGreaterThanOrEqual(0);
    expect(ops.sigmoid.forward(800)).toBe(1);
    expect(ops.sigmoid.forward(-40)).toBeCloseTo(Math.exp(-40), 30);
  });
});

describe('max and min', () => {
  it('pReLU written as max(x, 0) + alpha*min(0, x) in a spec: gradients match finite differences of the loss', async () => {
    const { readSpecDocument } = await import('../../src/lib/content/document.ts');
    const { Graph } = await import('../../src/lib/core/graph.ts');
    for (const x of [-1.3, 0.8]) {
      const text = `graph:\n  params: { w: 0.9, b: 0.2, alpha: 0.25 }\n  inputs: { x: ${x}, y: 0.3 }\n  nodes:\n    z: w*x + b\n    a: max(z, 0) + alpha*min(0, z)\n    C: (a - y)^2\n  loss: C\n`;
      const doc = readSpecDocument(text, 'prelu.yaml');
      expect(doc.reporter.diagnostics).toEqual([]);
      const graph = new Graph(doc.spec!);
      const { values, gradients } = graph.solve();
      const z = 0.9 * x + 0.2;
      expect(values.a).toBe(z > 0 ? z : 0.25 * z);
      for (const name of ['w', 'b', 'alpha']) {
        const base = doc.spec!.params[name];
        const h = 1e-6;
        const numeric = (graph.solve({ [name]: base + h }).loss - graph.solve({ [name]: base - h }).loss) / (2 * h);
        expect(Math.abs(gradients[name] - numeric), `∂C/∂${name} at x = ${x}`).toBeLessThan(1e-8 * Math.max(1, Math.abs(numeric)));
      }
      // Only one of the two branches carries the gradient: alpha learns only on the negative side.
      expect(gradients.alpha === 0).toBe(z > 0);
    }
  });

  it('are typeset as \\max and \\min and written back as spec text', async () => {
    const { toSource, toTex } = await import('../../src/lib/core/expr.ts');
    const e = call('add', call('max', ref('x'), constant(0)), call('mul', ref('alpha'), call('min', constant(0), ref('x'))));
    expect(toTex(e, (n) => (n === 'alpha' ? '\\alpha' : n))).toBe('\\max\\left(x, 0\\right) + \\alpha \\min\\left(0, x\\right)');
    expect(toSource(e)).toBe('max(x, 0) + alpha * min(0, x)');
  });
});

describe('ops that take any number of arguments', () => {
  it('logsumexp(z1, z2, z3): value shifted by the max, partials are the softmax', () => {
    const names = ['z1', 'z2', 'z3'];
    const expr = call('logsumexp', ...names.map(ref));
    const at = [0.3, -1.2, 2.0];
    const value = (p: number[]) => evaluate(expr, (n) => p[names.indexOf(n)]);
    expect(value(at)).toBeCloseTo(Math.log(at.reduce((s, z) => s + Math.exp(z), 0)), 14);
    expect(value([800, 799, 0])).toBeCloseTo(800 + Math.log1p(Math.exp(-1)), 12);
    names.forEach((n, i) => {
      const symbolic = evaluate(derivative(expr, n), (m) => at[names.indexOf(m)]);
      const numeric = central((v) => value(at.map((p, j) => (j === i ? v : p))), at[i]);
      expect(Math.abs(symbolic - numeric) / Math.abs(numeric)).toBeLessThan(1e-7);
    });
  });

  it('softmax_of(z, z1, z2, z3) and its partials', () => {
    const names = ['z', 'z1', 'z2', 'z3'];
    const expr = call('softmax_of', ...names.map(ref));
    const at = [0.3, 0.3, -1.2, 2.0];
    const value = (p: number[]) => evaluate(expr, (n) => p[names.indexOf(n)]);
    names.forEach((n, i) => {
      const symbolic = evaluate(derivative(expr, n), (m) => at[names.indexOf(m)]);
      const numeric = central((v) => value(at.map((p, j) => (j === i ? v : p))), at[i]);
      expect(Math.abs(symbolic - numeric) / Math.abs(numeric)).toBeLessThan(1e-7);
    });
  });
});
