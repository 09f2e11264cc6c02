// Specs of any size and shape read, build, solve and step in time linear in their size (the
// figures are in `npm run bench:core`); here: the one-walk derivatives and flat-op search give
// exactly what the name-by-name versions give, big specs give the right numbers, nesting past the
// call stack is an author error, and the chain expansion ends on every graph.
import { describe, expect, it } from 'vitest';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';
import { add, call, constant, derivative, derivatives, div, flatOps, mul, neg, pow, ref, refsOf, sub, type Expr } from '../../src/lib/core/expr.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { MAX_DEPTH } from '../../src/lib/core/math-tree.ts';
import { ops } from '../../src/lib/core/ops.ts';
import { buildSteps, expandChain } from '../../src/lib/core/steps.ts';
import { random32 } from '../../src/lib/core/random.ts';

const names = ['a', 'b', 'c', 'd'];
const unary = ['sigmoid', 'tanh', 'relu', 'exp', 'log', 'sqrt', 'abs', 'step', 'softplus', 'neg'];
const binary = [add, sub, mul, div, (x: Expr, y: Expr) => pow(x, constant(2)), (x: Expr, y: Expr) => call('leaky_relu', x, y)];

function randomExpr(random: () => number, depth: number): Expr {
  if (depth === 0 || random() < 0.2) return random() < 0.8 ? ref(names[Math.floor(random() * names.length)]) : constant(Math.round(random() * 10) / 4);
  if (random() < 0.4) {
    const op = unary[Math.floor(random() * unary.length)];
    const arg = randomExpr(random, depth - 1);
    return op === 'neg' ? neg(arg) : call(op, arg);
  }
  return binary[Math.floor(random() * binary.length)](randomExpr(random, depth - 1), randomExpr(random, depth - 1));
}

/** The definition flatOps replaces: the first flat op, outermost first, in argument order. */
function firstFlatOp(e: Expr, name: string): string | null {
  if (e.kind !== 'call' || !refsOf(e).includes(name)) return null;
  if (ops[e.op].flat) return e.op;
  for (const a of e.args) {
    const found = firstFlatOp(a, name);
    if (found) return found;
  }
  return null;
}

describe('one walk per expression', () => {
  it('derivatives() builds the same tree as derivative() for every name, on 400 random expressions', () => {
    const random = random32(8);
    for (let i = 0; i < 400; i++) {
      const e = randomExpr(random, 6);
      const all = derivatives(e);
      for (const name of refsOf(e)) {
        const one = derivative(e, name);
        if (one.kind === 'const' && one.value === 0) expect(all.has(name), name).toBe(false);
        else expect(all.get(name), name).toEqual(one);
      }
      expect([...all.keys()].every((n) => refsOf(e).includes(n))).toBe(true);
    }
  });

  it('flatOps() names the same op as the name-by-name search, on 400 random expressions', () => {
    const random = random32(9);
    for (let i = 0; i < 400; i++) {
      const e = randomExpr(random, 6);
      const flats = flatOps(e);
      for (const name of refsOf(e)) expect(flats.get(name) ?? null, name).toBe(firstFlatOp(e, name));
    }
  });

  it('refsOf() lists each name once, in first-use order', () => {
    expect(refsOf(add(mul(ref('w2'), ref('x')), add(mul(ref('w1'), ref('x')), ref('w2'))))).toEqual(['w2', 'x', 'w1']);
  });
});

const sumSpec = (n: number) =>
  `graph:\n  params: { ${Array.from({ length: n }, (_, i) => `w${i + 1}: ${0.01 * ((i % 7) + 1)}`).join(', ')} }\n` +
  `  inputs: { ${Array.from({ length: n }, (_, i) => `x${i + 1}: ${0.1 * ((i % 5) + 1)}`).join(', ')}, y: 1 }\n` +
  `  nodes:\n    z: ${Array.from({ length: n }, (_, i) => `w${i + 1}*x${i + 1}`).join(' + ')}\n    a: sigmoid(z)\n    C: (a - y)^2\n  loss: C\n`;

const read = (text: string, file = 'big.yaml') => readSpecDocument(text, file);

describe('big specs', () => {
  it('a 1,000-term sum: every gradient is 2(a − y)·σ′(z)·x_i', () => {
    const doc = read(sumSpec(1000));
    expect(doc.reporter.diagnostics).toEqual([]);
    const graph = new Graph(doc.spec!);
    const s = graph.solve();
    let z = 0;
    for (let i = 1; i <= 1000; i++) z += 0.01 * (((i - 1) % 7) + 1) * (0.1 * (((i - 1) % 5) + 1));
    const a = 1 / (1 + Math.exp(-z));
    const slope = Math.exp(-z) / (1 + Math.exp(-z)) ** 2; // σ′(z) from z (a(1 − a) loses digits at z ≈ 12)
    expect(s.values.z).toBeCloseTo(z, 12);
    for (const i of [1, 2, 500, 999, 1000]) {
      const x = 0.1 * (((i - 1) % 5) + 1);
      expect(s.gradients[`w${i}`] / (2 * (a - 1) * slope * x)).toBeCloseTo(1, 12);
    }
    const steps = buildSteps(graph, s);
    expect(steps.filter((st) => st.pass === 'update')).toHaveLength(1000);
    expect(expandChain(graph, 'w1', s).paths).toHaveLength(1);
  });

  it('a chain of 1,000 nodes: the gradient of the first weight is the product along the chain', () => {
    const n = 1000;
    const params = Array.from({ length: n }, (_, i) => `w${i + 1}: 1.001`).join(', ');
    const nodes = Array.from({ length: n }, (_, i) => `    h${i + 1}: w${i + 1}*${i === 0 ? 'x' : `h${i}`}`).join('\n');
    const doc = read(`graph:\n  params: { ${params} }\n  inputs: { x: 0.5 }\n  nodes:\n${nodes}\n    C: h${n}^2\n  loss: C\n`);
    expect(doc.reporter.diagnostics).toEqual([]);
    const graph = new Graph(doc.spec!);
    const s = graph.solve();
    const h = 0.5 * 1.001 ** n;
    expect(s.gradients.w1 / ((2 * h * h) / 1.001)).toBeCloseTo(1, 11);
    const chain = expandChain(graph, 'w1', s);
    expect(chain.paths).toHaveLength(1);
    expect(chain.paths[0].factors).toHaveLength(n + 1);
    expect(chain.paths[0].product / s.gradients.w1).toBeCloseTo(1, 11);
  });

  it(`a sum that nests deeper than ${MAX_DEPTH} levels is an author error at file:line:col, and one just inside the limit works end to end`, () => {
    const deep = read(sumSpec(MAX_DEPTH + 100));
    expect(deep.spec).toBeNull();
    expect(deep.reporter.diagnostics.map(formatDiagnostic)).toEqual([
      `big.yaml:5:8: error: node "z": the expression nests too deeply (more than ${MAX_DEPTH} levels; a sum of n terms nests n levels): split it into several nodes`
    ]);
    const doc = read(sumSpec(MAX_DEPTH - 5));
    const graph = new Graph(doc.spec!);
    const steps = buildSteps(graph);
    expect(steps.every((st) => st.formulaTex.length > 0 && Number.isFinite(st.value))).toBe(true);
  });

  it('duplicate keys are still found in flow and block mappings, at the second key', () => {
    const doc = read('graph:\n  params: { w1: 0.5, w2: 1, w1: 2 }\n  nodes:\n    C: w1^2\n    C: w2^2\n  loss: C\n', 'dup.yaml');
    expect(doc.reporter.diagnostics.map(formatDiagnostic)).toEqual(['dup.yaml:2:29: error: YAML: Map keys must be unique', 'dup.yaml:5:5: error: YAML: Map keys must be unique']);
    expect(doc.spec).toBeNull();
  });
});

describe('the chain expansion ends on every graph', () => {
  // w feeds a live path to the loss and a lattice: every node of a layer reads both nodes of the
  // layer below. 2^depth paths run through the lattice; none of them reaches the loss when dead.
  const lattice = (depth: number, live: boolean) => {
    const lines = ['    u1_1: w*x', '    u1_2: w*x'];
    for (let l = 2; l <= depth; l++) for (const j of [1, 2]) lines.push(`    u${l}_${j}: u${l - 1}_1*u${l - 1}_2`);
    const end = live ? ` + 0.001*u${depth}_1 + 0.001*u${depth}_2` : '';
    return `graph:\n  params: { w: 0.9 }\n  inputs: { x: 1 }\n  nodes:\n${lines.join('\n')}\n    C: (w - 2)^2${end}\n  loss: C\n`;
  };

  it('each dead node of the lattice gets a warning naming it', () => {
    const doc = read(lattice(40, false), 'lattice.yaml');
    const warnings = doc.reporter.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(80);
    expect(warnings[0].message).toMatch(/^node "u1_1" does not reach the loss "C"/);
    expect(warnings[79].message).toMatch(/^node "u40_2" does not reach the loss "C"/);
  });

  it('a dead lattice of 2^40 paths costs nothing: the one live path is found', () => {
    const graph = new Graph(read(lattice(40, false)).spec!);
    const chain = expandChain(graph, 'w');
    expect(chain.truncated).toBe(false);
    expect(chain.paths).toHaveLength(1);
    expect(chain.value).toBeCloseTo(2 * (0.9 - 2), 14);
    expect(expandChain(graph, 'u3_1')).toMatchObject({ paths: [], truncated: false, value: 0 });
  });

  it('a live lattice of 2^40 paths stops at the cap and says so', () => {
    const graph = new Graph(read(lattice(40, true)).spec!);
    const chain = expandChain(graph, 'w', undefined, 64);
    expect(chain.truncated).toBe(true);
    expect(chain.paths).toHaveLength(64);
  });
});
