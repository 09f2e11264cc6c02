// ::plot's reader (labels, range, points, reference lines, shaded intervals) and the derivatives it
// draws: every activation and loss the lessons plot, differentiated by the graph engine, against
// the textbook derivative written out here by hand, to 1e-12 relative — out into saturation
// (σ′(30) ≈ 9.4e-14), where a rounded σ(x)(1 − σ(x)) would give 0.
import { describe, expect, it } from 'vitest';
import { derivativeName, inShade, plotCurves, primed, readOut, readPlotAttributes, sampleWithJumps, type PlotWidget } from '../../src/lib/core/plot.ts';
import { parseDescentFunction, type DescentFunction } from '../../src/lib/core/descent.ts';

const relative = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
const plot = (attributes: Record<string, string>) => {
  const { widget, problems } = readPlotAttributes(attributes);
  expect(problems).toEqual([]);
  return widget as PlotWidget;
};
const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('::plot attributes', () => {
  it('reads labels, range, points, lines and shaded intervals', () => {
    const w = plot({ f: 'sigmoid(x); tanh(x)', labels: 'σ(x); tanh(x)', domain: '-6,6', range: '-1.2,1.2', derivative: 'true', at: '0', points: '0,0.5; 0, 0', lines: 'y=0.25; x = 0', shade: '-6,-4; 4,6', 'shade-label': 'saturated' });
    expect(w.labels).toEqual(['σ(x)', 'tanh(x)']);
    expect(w.range).toEqual([-1.2, 1.2]);
    expect(w.points).toEqual([{ x: 0, y: 0.5 }, { x: 0, y: 0 }]);
    expect(w.lines).toEqual([{ axis: 'y', value: 0.25 }, { axis: 'x', value: 0 }]);
    expect(w.shades).toEqual([[-6, -4], [4, 6]]);
    expect(plotCurves(w).map((c) => c.name)).toEqual(['σ(x)', 'tanh(x)', 'σ′(x)', 'tanh′(x)']);
    expect([inShade(w, -5), inShade(w, 0), inShade(w, 4)]).toEqual([true, false, true]);
  });

  it('names a derivative from its label, and keeps the old names without labels', () => {
    expect(primed('σ(x)')).toBe('σ′(x)');
    expect(primed('L(ŷ), y = 1')).toBe('L′(ŷ), y = 1');
    expect(primed('MAE')).toBe('MAE′');
    expect(primed('½(y − ŷ)²')).toBe('(½(y − ŷ)²)′');
    const named = plot({ f: 'abs(1 - x); (1 - x)^2', labels: '|y − ŷ|; (y − ŷ)²', 'derivative-labels': '−sign(y − ŷ); −2(y − ŷ)', derivative: 'true' });
    expect(plotCurves(named).map((c) => c.name)).toEqual(['|y − ŷ|', '(y − ŷ)²', '−sign(y − ŷ)', '−2(y − ŷ)']);
    expect(readPlotAttributes({ f: 'x', 'derivative-labels': 'one' }).problems.map((p) => p.attribute)).toEqual(['derivative-labels']);
    const one = plot({ f: 'x^2', derivative: 'true' });
    expect(derivativeName(one, 0)).toBe('f′(x)');
    expect(plot({ f: 'x^2; x^3', derivative: 'true' }).labels).toEqual(['f(x) = x^2', 'f(x) = x^3']);
  });

  it('reports each problem at its attribute, with the offset inside the value', () => {
    const { widget, problems } = readPlotAttributes({ f: 'x^2', domain: '-6,6', points: '0,0; 1,q', lines: 'y=1; w=2', shade: '-6,-4; 3,9', range: '2,1', labels: 'a; b' });
    expect(widget).toBeNull();
    expect(problems.map((p) => [p.attribute, p.offset])).toEqual([
      ['labels', 0],
      ['range', 0],
      ['points', 7],
      ['lines', 5],
      ['shade', 7]
    ]);
    expect(readPlotAttributes({ f: 'x', shade: '' , 'shade-label': 'dead' }).problems.map((p) => p.attribute)).toEqual(['shade-label']);
    expect(readPlotAttributes({ f: 'x', points: Array(21).fill('0,0').join(';') }).problems[0].message).toMatch(/at most 20/);
  });
});

describe('jumps are left as gaps, steep curves are not', () => {
  const gaps = (source: string, domain: [number, number], derivative = false) => {
    const fn = parseDescentFunction(source) as DescentFunction;
    return sampleWithJumps(derivative ? fn.derivative : fn.expr, domain).filter((p) => Number.isNaN(p.y)).map((p) => p.x);
  };
  const near = (xs: number[], at: number[]) => {
    expect(xs).toHaveLength(at.length);
    xs.forEach((x, i) => expect(Math.abs(x - at[i])).toBeLessThan(1e-6));
  };
  it('step(x) and the slopes of relu, |1 − x| and a maxout jump; sigmoid, tanh and −log(x)′ = −1/x² do not', () => {
    near(gaps('step(x)', [-4, 4]), [0]);
    near(gaps('relu(x)', [-4, 4], true), [0]);
    // |1 − x|′ is −1, then 0 at x = 1 itself (a sample), then 1: a gap on each side of that point.
    near(gaps('abs(1 - x)', [-1, 3], true), [1, 1]);
    near(gaps('max(0.5*x + 1, -x)', [-4, 4], true), [-2 / 3]);
    expect(gaps('relu(x)', [-4, 4])).toEqual([]);
    expect(gaps('sigmoid(x)', [-8, 8], true)).toEqual([]);
    expect(gaps('tanh(x)', [-5, 5])).toEqual([]);
    expect(gaps('-log(x)', [0.01, 0.99], true)).toEqual([]);
  });
});

/** The engine's derivative of f at x, read out as the page reads it. */
const slope = (f: string, x: number) => readOut(plot({ f, domain: '-50,50' }), x)[0].slope!;
const value = (f: string, x: number) => readOut(plot({ f, domain: '-50,50' }), x)[0].value!;
const xs = [-30, -6, -2, -0.5, 0.5, 2, 6, 30];

describe('activation derivatives from the engine against the textbook', () => {
  const cases: [string, string, (x: number) => number][] = [
    ['sigmoid', 'sigmoid(x)', (x) => Math.exp(-Math.abs(x)) / (1 + Math.exp(-Math.abs(x))) ** 2],
    ['tanh', 'tanh(x)', (x) => 1 / Math.cosh(x) ** 2],
    ['ReLU', 'relu(x)', (x) => (x > 0 ? 1 : 0)],
    ['leaky ReLU (0.1x)', 'leaky_relu(x)', (x) => (x > 0 ? 1 : 0.1)],
    ['pReLU with α = 0.25', 'max(x, 0) + 0.25*min(0, x)', (x) => (x > 0 ? 1 : 0.25)],
    ['ELU with α = 1', 'elu(x)', (x) => (x > 0 ? 1 : Math.exp(x))],
    ['softplus', 'softplus(x)', (x) => sigma(x)],
    ['maxout of 0.5x + 1 and −x', 'max(0.5*x + 1, -x)', (x) => (0.5 * x + 1 > -x ? 0.5 : -1)],
    ['softmax of (x, 0), first output', 'exp(x - logsumexp(x, 0))', (x) => sigma(x) * (1 - sigma(x))],
    ['step', 'step(x)', () => 0]
  ];
  for (const [name, f, d] of cases) {
    it(`${name}: ${f}`, () => {
      for (const x of xs) expect(relative(slope(f, x), d(x)), `at x = ${x}`).toBeLessThanOrEqual(1e-12);
    });
  }

  it('the numbers the lesson asks for: σ′(0) = 1/4 is the largest σ′, tanh′(0) = 1, ReLU′(−2) = 0, leaky-ReLU′(−2) = 0.1', () => {
    expect(slope('sigmoid(x)', 0)).toBe(0.25);
    for (const x of [-3, -1, -0.1, 0.1, 1, 3]) expect(slope('sigmoid(x)', x)).toBeLessThan(0.25);
    expect(slope('tanh(x)', 0)).toBe(1);
    expect(slope('relu(x)', -2)).toBe(0);
    expect(slope('leaky_relu(x)', -2)).toBeCloseTo(0.1, 15);
    // Three sigmoids in a row: the chain's factor σ′(z₁)σ′(z₂)σ′(z₃) is at most (1/4)³.
    expect(slope('sigmoid(x)', 0) ** 3).toBe(1 / 64);
  });

  it('softmax of two logits is the sigmoid of their difference', () => {
    for (const x of xs) expect(relative(value('exp(x - logsumexp(x, 0))', x), sigma(x))).toBeLessThanOrEqual(1e-12);
  });
});

describe('loss derivatives with respect to ŷ from the engine against the hand derivation', () => {
  const yhats = [0.01, 0.2, 0.5, 0.8, 0.99];
  const cases: [string, string, (p: number) => number][] = [
    ['MAE, y = 1', 'abs(1 - x)', () => -1],
    ['MAE, y = 0', 'abs(0 - x)', () => 1],
    ['squared error, y = 1', '(1 - x)^2', (p) => -2 * (1 - p)],
    ['half squared error, y = 0', '0.5*(0 - x)^2', (p) => p],
    ['BCE, y = 1', '-(1*log(x) + (1 - 1)*log(1 - x))', (p) => -1 / p],
    ['BCE, y = 0', '-(0*log(x) + (1 - 0)*log(1 - x))', (p) => 1 / (1 - p)],
    ['BCE, y = 0.3 (a soft target)', '-(0.3*log(x) + 0.7*log(1 - x))', (p) => -0.3 / p + 0.7 / (1 - p)],
    ['cross-entropy of the true class', '-log(x)', (p) => -1 / p],
    ["the slides' log-likelihood J, y* = 1", '1*log(x) + (1 - 1)*log(1 - x)', (p) => 1 / p]
  ];
  for (const [name, f, d] of cases) {
    it(`${name}: ${f}`, () => {
      for (const p of yhats) expect(relative(slope(f, p), d(p)), `at ŷ = ${p}`).toBeLessThanOrEqual(1e-12);
    });
  }

  it('BCE written from the logit, bce_logits(z, y), has slope σ(z) − y', () => {
    for (const z of xs) {
      // σ(z) − 1 = −σ(−z), written so that it does not cancel at large z
      expect(relative(slope('bce_logits(x, 1)', z), -sigma(-z))).toBeLessThanOrEqual(1e-12);
      expect(relative(slope('bce_logits(x, 0)', z), sigma(z))).toBeLessThanOrEqual(1e-12);
    }
  });
});
