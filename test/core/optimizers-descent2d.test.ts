// Optimizers on a function of two variables (core descent2d.ts): each fixture in
// test/fixtures/optimizers/<case>/ is an optimizer run derived by hand (derive.py writes the
// derivation out in decimal arithmetic, without the optimizer table); the engine's path must match
// it to 1e-12 relative, state (velocity, m, v, m̂, v̂) included. Then the walk of one step, the
// attribute reader's messages and the verdicts.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumber } from '../../src/lib/core/expr.ts';
import { contourLevels, firstToReach, parseSurface, readDescent2dAttributes, runPath, runPaths, sampleSurface, walkStep, type Surface } from '../../src/lib/core/descent2d.ts';
import { optimizerSettings, type OptimizerName } from '../../src/lib/core/optimizers.ts';

const FIXTURES = 'test/fixtures/optimizers';
const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

const surface = (source: string): Surface => {
  const s = parseSurface(source);
  if ('message' in s) throw new Error(s.message);
  return s;
};

/** Relative error, or absolute where the expected value is 0 (y = 0 after a momentum step). */
const close = (actual: number, expected: number) => (expected === 0 ? Math.abs(actual) <= 1e-15 : Math.abs(actual - expected) / Math.abs(expected) <= 1e-12);

interface Fixture {
  input: { f: string; start: [number, number]; optimizer: { name: OptimizerName; lr: number; momentum?: number; rho?: number; beta1?: number; beta2?: number; epsilon?: number }; steps: number };
  expected: { derivation: string[]; steps: { n: number; x: number; y: number; f: number; state: Record<string, [number, number]> }[] };
}

function load(name: string): Fixture {
  const read = (file: string) => JSON.parse(readFileSync(join(FIXTURES, name, file), 'utf8'));
  return { input: read('input.json'), expected: read('expected.json') };
}

describe('optimizer steps on f(x, y) against hand derivations (test/fixtures/optimizers)', () => {
  it('has the four cases the lesson relies on', () => {
    expect(cases.sort()).toEqual(['adam-bowl-003', 'momentum-bowl', 'nesterov-bowl', 'rmsprop-bowl']);
  });

  for (const name of cases) {
    it(name, () => {
      const { input, expected } = load(name);
      const { name: opt, lr, ...rest } = input.optimizer;
      const settings = optimizerSettings(opt, { learningRate: lr, ...rest });
      const path = runPath(surface(input.f), settings, input.start, input.steps);
      expect(path.steps).toHaveLength(expected.steps.length);
      for (const want of expected.steps) {
        const got = path.steps[want.n];
        for (const key of ['x', 'y', 'f'] as const) expect(close(got[key], want[key]), `${key}_${want.n}: ${got[key]} vs ${want[key]}`).toBe(true);
        for (const [key, [x, y]] of Object.entries(want.state)) {
          expect(close(got.state[key].x, x), `${key}.x at ${want.n}: ${got.state[key].x} vs ${x}`).toBe(true);
          expect(close(got.state[key].y, y), `${key}.y at ${want.n}: ${got.state[key].y} vs ${y}`).toBe(true);
        }
      }
    });
  }

  it("Adam's first step with 003's settings: m̂ = g and v̂ = g², so each coordinate moves by α (Algorithm 1's own ε placement agrees to 1e-9)", () => {
    const { input } = load('adam-bowl-003');
    const settings = optimizerSettings('adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const path = runPath(surface(input.f), settings, input.start, 1);
    const one = path.steps[1];
    expect(one.state.m_hat.x).toBeCloseTo(-8, 12);
    expect(one.state.v_hat.y).toBeCloseTo(400, 10);
    // Algorithm 1 as printed: θ ← θ − α·m̂/(√v̂ + ε)
    expect(Math.abs(one.x - (-4 - (0.001 * -8) / (8 + 1e-8)))).toBeLessThan(1e-9);
    expect(Math.abs(one.y - (1 - (0.001 * 20) / (20 + 1e-8)))).toBeLessThan(1e-9);
  });
});

describe('walking one step (the table row’s walk, numbers in)', () => {
  it('an Adam step for x: g, m, v, m̂, v̂, ε̂ and the new x, each with its numbers', () => {
    const settings = optimizerSettings('adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    const path = runPath(surface('x^2 + 10*y^2'), settings, [-4, 1], 2);
    const lines = walkStep(path, 1, 'x', (v) => formatNumber(v))!;
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('g = \\dfrac{\\partial f}{\\partial x} = -8');
    expect(lines[1]).toBe('m \\leftarrow \\beta_1 m + (1 - \\beta_1) g = 0.9 \\cdot 0 + 0.1 \\cdot (-8) = -0.8');
    expect(lines[2]).toBe('v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2 = 0.999 \\cdot 0 + 0.001 \\cdot (-8)^2 = 0.064');
    expect(lines[3]).toBe('\\hat{m} = \\dfrac{m}{1 - \\beta_1^{t}} = \\dfrac{-0.8}{1 - 0.9^{1}} = -8');
    expect(lines[4]).toBe('\\hat{v} = \\dfrac{v}{1 - \\beta_2^{t}} = \\dfrac{0.064}{1 - 0.999^{1}} = 64');
    expect(lines[6]).toMatch(/^x \\leftarrow x - \\alpha \\dfrac\{\\hat\{m\}\}\{\\sqrt\{\\hat\{v\}\} \+ \\hat\{\\varepsilon\}\} = -4 - 0\.001 \\cdot \\dfrac\{-8\}\{\\sqrt\{64\} \+ 3\.16228 \\times 10\^\{-7\}\} = -3\.999$/);
    expect(walkStep(path, 3, 'x', String)).toBeNull();
    expect(walkStep(path, 0, 'x', String)).toBeNull();
  });

  it('a momentum step for y: v = 0.9·0 − 0.05·20 = −1, y = 1 + (−1) = 0', () => {
    const path = runPath(surface('x^2 + 10*y^2'), optimizerSettings('momentum', { learningRate: 0.05, momentum: 0.9 }), [-4, 1], 1);
    expect(walkStep(path, 1, 'y', (v) => formatNumber(v))).toEqual([
      'g = \\dfrac{\\partial f}{\\partial y} = 20',
      'v \\leftarrow \\mu v - \\alpha g = 0.9 \\cdot 0 - 0.05 \\cdot 20 = -1',
      'y \\leftarrow y + v = 1 + (-1) = 0'
    ]);
  });
});

describe('paths: verdicts and divergence', () => {
  it('SGD at α = 0.11 on x² + 10y² diverges along y (|1 − 20α| > 1) and is cut with a step, never NaN', () => {
    const path = runPath(surface('x^2 + 10*y^2'), optimizerSettings('sgd', { learningRate: 0.11 }), [-4, 1], 1000);
    expect(path.verdict.kind).toBe('diverging');
    for (const s of path.steps) expect([s.x, s.y, s.f].every(Number.isFinite)).toBe(true);
    // y_n = (1 − 2.2)ⁿ = (−1.2)ⁿ, so f ≥ 10·1.44ⁿ passes the bound² = 1e24 at n = 146 (before |y| passes 1e12 at 152)
    expect(path.verdict).toEqual({ kind: 'diverging', step: 146 });
    expect(path.steps).toHaveLength(147);
  });

  it('reached: the first step from which every iterate stays within `within` of the minimum', () => {
    const path = runPath(surface('x^2 + 10*y^2'), optimizerSettings('sgd', { learningRate: 0.05 }), [-4, 1], 200, { minimum: [0, 0], within: 0.05 });
    // x_n = −4·0.9ⁿ (y is 0 after one step): 4·0.9ⁿ ≤ 0.05 from n = 42
    expect(path.verdict).toEqual({ kind: 'reached', step: 42 });
    const slow = runPath(surface('x^2 + 10*y^2'), optimizerSettings('sgd', { learningRate: 0.05 }), [-4, 1], 30, { minimum: [0, 0] });
    expect(slow.verdict.kind).toBe('moving');
  });

  it('a saddle x² − y²: no minimum, the path slides off along y and is never called settled', () => {
    const path = runPath(surface('x^2 - y^2'), optimizerSettings('sgd', { learningRate: 0.1 }), [-4, 0.01], 60);
    expect(path.verdict.kind).toBe('moving');
    expect(Math.abs(path.steps.at(-1)!.y)).toBeGreaterThan(100);
    expect(Math.abs(path.steps.at(-1)!.x)).toBeLessThan(1e-4);
  });

  it('a step outside the function’s domain (log) stops the path with its step', () => {
    // ∂f/∂y = 1/y: y = 2 → 1.5 → 0.8333 → 0.8333 − 1.2 < 0, where log is not a number
    const path = runPath(surface('x^2 + log(y)'), optimizerSettings('sgd', { learningRate: 1 }), [1, 2], 10);
    expect(path.verdict).toEqual({ kind: 'stopped', step: 3 });
    expect(path.steps.map((s) => s.y)).toEqual([2, 1.5, expect.closeTo(0.8333333333, 9)]);
  });

  it('firstToReach picks the fewest steps among the paths that reached', () => {
    const s = surface('x^2 + 10*y^2');
    const goal = { minimum: [0, 0] as [number, number] };
    const paths = [runPath(s, optimizerSettings('sgd', { learningRate: 0.05 }), [-4, 1], 200, goal), runPath(s, optimizerSettings('momentum', { learningRate: 0.05 }), [-4, 1], 200, goal)];
    const best = firstToReach(paths)!;
    expect(best.settings.name).toBe(paths[0].verdict.kind === 'reached' && paths[1].verdict.kind === 'reached' && paths[0].verdict.step < paths[1].verdict.step ? 'sgd' : 'momentum');
  });
});

describe('::descent2d attributes', () => {
  it('reads a full widget: domains, start, optimizers with their settings, rate for the rest', () => {
    const { widget, problems } = readDescent2dAttributes({ f: 'x^2 + 10*y^2', x: '-5,5', y: '-2,2', start: '-4,1', optimizers: 'sgd, momentum,adam', rate: '0.05', momentum: 'momentum=0.8', adam: 'lr=0.2 beta1=0.95', minimum: '0,0', steps: '80' });
    expect(problems).toEqual([]);
    expect(widget!.start).toEqual([-4, 1]);
    expect(widget!.paths.map((p) => p.name)).toEqual(['sgd', 'momentum', 'adam']);
    expect(widget!.paths[0].settings.learningRate).toBe(0.05);
    expect(widget!.paths[1].settings).toMatchObject({ learningRate: 0.05, momentum: 0.8 });
    expect(widget!.paths[2].settings).toMatchObject({ learningRate: 0.2, beta1: 0.95, beta2: 0.999 });
    expect(widget!.table).toBe('adam');
    expect(runPaths(widget!)).toHaveLength(3);
  });

  it('names each problem at its attribute, with the offset inside the value', () => {
    const { widget, problems } = readDescent2dAttributes({ f: 'x^2 + z', start: '9,0', optimizers: 'sgd,adamw', sgd: 'lr=0 momentum=0.9', adam: 'lr=0.1', steps: '0' });
    expect(widget).toBeNull();
    const by = Object.fromEntries(problems.map((p) => [p.attribute + ':' + p.offset, p.message]));
    expect(by['f:6']).toMatch(/unknown name "z"/);
    expect(by['start:0']).toMatch(/outside the plot/);
    expect(by['optimizers:4']).toBe('unknown optimizer "adamw" (known: sgd, momentum, nesterov, adagrad, rmsprop, adam)');
    expect(by['sgd:3']).toMatch(/^in sgd, lr must be a number above 0/);
    expect(by['sgd:5']).toBe('in sgd, sgd does not use "momentum" (it reads: lr)');
    expect(by['adam:0']).toMatch(/does not list/);
    expect(by['steps:0']).toMatch(/whole number from 1 to 1000/);
  });

  it('a start where f is not defined is refused', () => {
    const { problems } = readDescent2dAttributes({ f: 'log(x) + y^2', x: '-1,3', start: '-0.5,1' });
    expect(problems.map((p) => p.attribute)).toEqual(['start']);
  });
});

describe('contours', () => {
  it('samples f on a grid (rows of x, y from its low end) and picks increasing levels inside its range', () => {
    const grid = sampleSurface(surface('x^2 + 10*y^2'), [-5, 5], [-2, 2], 11, 5);
    expect(grid.values[0]).toBe(25 + 40); // (−5, −2)
    expect(grid.values[2 * 11 + 5]).toBe(0); // (0, 0)
    const levels = contourLevels(grid, 8);
    expect(levels.length).toBeGreaterThan(3);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThan(levels[i - 1]);
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels.at(-1)!).toBeLessThan(65);
  });
});
