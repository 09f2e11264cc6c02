// Gradient descent on one variable through the graph engine and the one optimizer table: the
// iterates on x² against the closed form xₙ = x₀(1 − 2α)ⁿ (written out here, not read from the
// module), the verdict for each rate the lesson uses, divergence said in words with no Infinity or
// NaN in the rows, and the widget's attributes read with every problem at its attribute.
import { describe, expect, it } from 'vitest';
import { parseDescentFunction, plotDomain, readDescentAttributes, runDescent, sampleCurve, visibleIterates, type DescentFunction } from '../../src/lib/core/descent.ts';

const fn = (source: string) => parseDescentFunction(source) as DescentFunction;
const square = fn('x^2');
const relative = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('runDescent on x²', () => {
  for (const rate of [0.01, 0.1, 0.3, 0.7, 0.9]) {
    it(`rate ${rate} from x₀ = 10: xₙ = 10(1 − 2·${rate})ⁿ, f′(xₙ) = 2xₙ, next = xₙ − α f′(xₙ)`, () => {
      const run = runDescent(square, rate, 10, 60);
      expect(run.rows).toHaveLength(61);
      for (const row of run.rows) {
        const expected = 10 * (1 - 2 * rate) ** row.n;
        expect(relative(row.x, expected), `x_${row.n}`).toBeLessThanOrEqual(1e-12);
        expect(relative(row.slope, 2 * expected), `f'(x_${row.n})`).toBeLessThanOrEqual(1e-12);
        expect(relative(row.f, expected * expected), `f(x_${row.n})`).toBeLessThanOrEqual(1e-12);
        if (row.n < 60) expect(row.next).toBe(run.rows[row.n + 1].x);
        else expect(row.next).toBeUndefined();
      }
    });
  }

  it('the lesson numbers: one step at 0.1 from 10 is 8, three steps 5.12; 0.5 lands on 0 in one step', () => {
    const run = runDescent(square, 0.1, 10, 3);
    expect(run.rows.map((r) => r.x)).toEqual([10, 8, 6.4, 5.12].map((v, i) => run.rows[i].x));
    expect(run.rows[1].x).toBeCloseTo(8, 14);
    expect(run.rows[3].x).toBeCloseTo(5.12, 13);
    const half = runDescent(square, 0.5, 10, 5);
    expect(half.rows[1].x).toBe(0);
    expect(half.verdict).toMatchObject({ kind: 'settled', step: 1 });
  });

  it('0.01 is still moving after 20 steps; 1.0 bounces between 10 and −10', () => {
    expect(runDescent(square, 0.01, 10, 20).verdict.kind).toBe('moving');
    const bounce = runDescent(square, 1, 10, 20);
    expect(bounce.rows.map((r) => r.x)).toEqual(Array.from({ length: 21 }, (_, n) => (n % 2 ? -10 : 10)));
    expect(bounce.verdict.kind).toBe('bouncing');
    expect(bounce.verdict.text).toMatch(/^Bouncing: at rate 1 x jumps between −10 and 10 for ever/);
  });

  it('1.1 diverges: |xₙ| = 10·1.2ⁿ grows, the verdict says so in words, every number finite', () => {
    const run = runDescent(square, 1.1, 10, 20);
    for (const row of run.rows) expect(relative(row.x, 10 * (-1.2) ** row.n)).toBeLessThanOrEqual(1e-12);
    expect(run.verdict.kind).toBe('diverging');
    expect(run.verdict.text).toMatch(/^Diverging: at rate 1.1 each jump is longer than the one before and f grew from 100 to/);
    expect(run.verdict.text).not.toMatch(/NaN|Infinity/);
  });

  it('a long diverging run is cut where |x| passes the bound, before any Infinity', () => {
    const run = runDescent(square, 1.1, 10, 1000);
    // 10·1.2ⁿ > 1e12 first at n = 139 (10·1.2¹³⁸ ≈ 8.5e11, 10·1.2¹³⁹ ≈ 1.01e12)
    expect(run.rows.at(-1)!.n).toBe(139);
    expect(run.rows.every((r) => Number.isFinite(r.x) && Number.isFinite(r.f) && Number.isFinite(r.slope))).toBe(true);
    expect(run.verdict).toMatchObject({ kind: 'diverging', step: 139 });
    expect(run.verdict.text).toContain('|x| passed 1×10¹²');
  });

  it('steps below 0.01 from 10 at 0.1: the first n with 10·0.8ⁿ < 0.01 is 31', () => {
    const run = runDescent(square, 0.1, 10, 40);
    expect(run.rows.find((r) => Math.abs(r.x) < 0.01)!.n).toBe(31);
  });
});

describe('a step outside the function\'s domain', () => {
  it('a step that lands where log is not defined stops the run there and says where, with no NaN in the rows', () => {
    // f = x − log(x) from 0.25 at rate 1: f′ = 1 − 1/x = −3, x₁ = 3.25, and every later step stays above 0
    expect(runDescent(fn('x - log(x)'), 1, 0.25, 10).verdict.kind).not.toBe('stopped');
    const out = runDescent(fn('log(x)'), 1, 0.5, 10);
    // f′ = 1/x = 2 at 0.5: x₁ = 0.5 − 2 = −1.5, where log is not a number
    expect(out.rows).toHaveLength(1);
    expect(out.verdict).toMatchObject({ kind: 'stopped', step: 1 });
    expect(out.verdict.text).toBe("Stopped: step 1 lands at x = −1.5, where f or f′ is not a number (outside the function's domain). The run ends at step 0, x = 0.5.");
  });
});

describe('a function with two minima: the start decides the end', () => {
  const f = fn('x^4/4 - 2*x^2 + x');
  it('from the right it settles in the right valley, from the left in the deeper left one', () => {
    const right = runDescent(f, 0.05, 3, 400);
    const left = runDescent(f, 0.05, -0.5, 400);
    expect(right.verdict.kind).toBe('settled');
    expect(left.verdict.kind).toBe('settled');
    const xr = right.rows.at(-1)!.x;
    const xl = left.rows.at(-1)!.x;
    // f′ = x³ − 4x + 1 is 0 at both ends
    expect(Math.abs(xr ** 3 - 4 * xr + 1)).toBeLessThan(1e-6);
    expect(Math.abs(xl ** 3 - 4 * xl + 1)).toBeLessThan(1e-6);
    expect(xr).toBeGreaterThan(1.5);
    expect(xl).toBeLessThan(-1.5);
    expect(left.rows.at(-1)!.f).toBeLessThan(right.rows.at(-1)!.f);
  });
});

describe('readDescentAttributes', () => {
  it('reads a valid widget with defaults', () => {
    const { widget, problems } = readDescentAttributes({ f: 'x^2' });
    expect(problems).toEqual([]);
    expect(widget).toMatchObject({ domain: [-10, 10], rate: 0.1, start: 10, steps: 20, maxRate: 1.5 });
  });

  it('reports each bad attribute with its message and offset', () => {
    const { widget, problems } = readDescentAttributes({ f: 'x^2 + y', domain: '10,-10', rate: '-1', steps: '0', start: 'ten' });
    expect(widget).toBeNull();
    expect(problems.map((p) => p.attribute)).toEqual(['f', 'domain', 'rate', 'start', 'steps']);
    expect(problems[0].message).toContain('unknown name "y"');
    expect(problems[0].offset).toBe(6);
  });

  it('refuses a start where f is not defined, and a start outside the domain', () => {
    expect(readDescentAttributes({ f: 'log(x)', domain: '-1,1', start: '-0.5' }).problems[0].message).toMatch(/not a number at the start/);
    expect(readDescentAttributes({ f: 'x^2', start: '11' }).problems[0].message).toMatch(/outside the domain/);
  });
});

describe('drawing helpers', () => {
  it('samples the curve across the domain and keeps iterates on the plot', () => {
    const curve = sampleCurve(square.expr, [-10, 10], 201);
    expect(curve).toHaveLength(201);
    expect(curve[0]).toEqual({ x: -10, y: 100 });
    expect(curve[100].x).toBeCloseTo(0, 12);
    const run = runDescent(square, 1.1, 10, 20);
    const { points, off } = visibleIterates(run.rows, 20, [-10, 10]);
    expect(points).toHaveLength(1);
    expect(off!.n).toBe(1);
  });

  it('widens the plot to follow a run that leaves it, up to four times the domain', () => {
    const run = runDescent(square, 1.1, 10, 20);
    expect(plotDomain(run.rows, 0, [-10, 10])).toEqual([-10, 10]);
    // x₁ = −12, x₂ = 14.4
    const [low, high] = plotDomain(run.rows, 2, [-10, 10]);
    expect(low).toBe(-12);
    expect(high).toBeCloseTo(14.4, 12);
    expect(plotDomain(run.rows, 20, [-10, 10])).toEqual([-40, 40]);
    const { points, off } = visibleIterates(run.rows, 20, plotDomain(run.rows, 20, [-10, 10]));
    // |10·1.2ⁿ| ≤ 40 up to n = 7 (35.8); x₈ = 43.0 is the first off the widened plot
    expect(points).toHaveLength(8);
    expect(off!.n).toBe(8);
  });
});

describe('::plot: functions and their derivatives from the expression language', () => {
  it('reads several functions, draws each derivative as the engine differentiates it, and reads out f and f′', async () => {
    const { readPlotAttributes, plotCurves, readOut } = await import('../../src/lib/core/plot.ts');
    const { widget, problems } = readPlotAttributes({ f: 'x^2; sigmoid(x)', domain: '-4,4', derivative: 'true', at: '1' });
    expect(problems).toEqual([]);
    const curves = plotCurves(widget!);
    expect(curves.map((c) => c.name)).toEqual(['f(x) = x^2', 'f(x) = sigmoid(x)', '(x^2)′', '(sigmoid(x))′']);
    const at = (c: number, x: number) => curves[c].points.find((p) => Math.abs(p.x - x) < 1e-12)!.y;
    expect(at(2, 2)).toBeCloseTo(4, 12);
    const s = 1 / (1 + Math.exp(-2));
    expect(relative(at(3, 2), s * (1 - s))).toBeLessThanOrEqual(1e-12);
    const [square, sigmoid] = readOut(widget!, 1);
    expect(square).toEqual({ source: 'x^2', value: 1, slope: 2 });
    expect(relative(sigmoid.slope!, Math.exp(-1) / (1 + Math.exp(-1)) ** 2)).toBeLessThanOrEqual(1e-12);
  });

  it('reports problems at their place: the second function, the domain, derivative and at', async () => {
    const { readPlotAttributes } = await import('../../src/lib/core/plot.ts');
    const { widget, problems } = readPlotAttributes({ f: 'x^2; 2*y', derivative: 'yes', at: '20' });
    expect(widget).toBeNull();
    expect(problems.map((p) => [p.attribute, p.offset])).toEqual([['f', 7], ['derivative', 0], ['at', 0]]);
  });
});

describe('verdicts in Spanish', () => {
  it('the same run, judged in Spanish with decimal commas', () => {
    const square = parseDescentFunction('x^2') as DescentFunction;
    const bounce = runDescent(square, 1, 10, 12, undefined, 'es');
    expect(bounce.verdict.text).toBe('Rebota: con tasa 1 x salta entre −10 y 10 para siempre; f se queda en 100 y nunca baja.');
    const growing = runDescent(square, 1.1, 10, 3, undefined, 'es');
    expect(growing.verdict.text).toBe('Diverge: con tasa 1,1 cada salto es más largo que el anterior y f ha pasado de 100 a 298,598 en 3 pasos. Más pasos solo alejan más a x.');
  });
});
