// Training a graph for N steps with the one optimizer table: trajectories against values derived
// by hand (the expected numbers are written out from the textbook formulas, not from the table),
// divergence reported as a message, and `backstep solve --steps` as a user runs it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { optimize } from '../../src/lib/core/optimize.ts';
import { OPTIMIZER_NAMES, OPTIMIZERS, optimizerSettings, type OptimizerName } from '../../src/lib/core/optimizers.ts';

function graphOf(yaml: string): Graph {
  const doc = readSpecDocument(yaml, 'test.yaml');
  if (!doc.spec) throw new Error(doc.reporter.diagnostics.map((d) => d.message).join('\n'));
  return new Graph(doc.spec);
}

const square = (lr: number, optimizer = '') => graphOf(`params: { x: 3 }\nnodes:\n  C: x^2\nloss: C\nlearning_rate: ${lr}\n${optimizer}`);
const bowl = (optimizer: string) => graphOf(`params: { x: 1, y: -2 }\nnodes:\n  C: x^2 + 10*y^2\nloss: C\noptimizer: ${optimizer}\n`);

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('optimize: gradient descent', () => {
  it('x² from x = 3 with learning rate 0.1: x_n = 3·0.8ⁿ and C_n = 9·0.64ⁿ', () => {
    const t = optimize(square(0.1), undefined, 60);
    expect(t.optimizer).toMatchObject({ name: 'sgd', learningRate: 0.1 });
    expect(t.steps.map((s) => s.step)).toEqual(Array.from({ length: 61 }, (_, n) => n));
    for (const { step: n, params, loss, gradients } of t.steps) {
      expect(relative(params.x, 3 * 0.8 ** n), `x_${n}`).toBeLessThanOrEqual(1e-12);
      expect(relative(loss, 9 * 0.64 ** n), `C_${n}`).toBeLessThanOrEqual(1e-12);
      expect(relative(gradients.x, 6 * 0.8 ** n), `g_${n}`).toBeLessThanOrEqual(1e-12);
    }
    expect(t.diverged).toBeUndefined();
    expect(t.warning).toBeUndefined();
  });

  it('steps = 0 is the start alone; overrides (a lesson slider) move the start', () => {
    expect(optimize(square(0.1), undefined, 0).steps).toEqual([{ step: 0, loss: 9, params: { x: 3 }, gradients: { x: 6 }, state: {} }]);
    expect(optimize(square(0.1), undefined, 1, { x: 1 }).steps[1].params.x).toBeCloseTo(0.8, 15);
  });
});

describe('optimize: one step of each rule against hand-derived values', () => {
  it('Adam on C = x² + 10y² from (1, −2), α = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8', () => {
    const t = optimize(bowl('{ name: adam, lr: 0.1, epsilon: 1e-8 }'), undefined, 1);
    // g = (2x, 20y) = (2, −40); m = 0.1·g = (0.2, −4); v = 0.001·g² = (0.004, 1.6);
    // m̂ = m/(1 − 0.9) = (2, −40); v̂ = v/(1 − 0.999) = (4, 1600);
    // w ← w − α·m̂/(√v̂ + ε̂), ε̂ = ε/√(1 − β₂) = 1e-8/√0.001
    const epsHat = 1e-8 / Math.sqrt(0.001);
    const step = t.steps[1];
    expect(t.steps[0].gradients).toEqual({ x: 2, y: -40 });
    expect(step.state.m.x).toBeCloseTo(0.2, 15);
    expect(step.state.m.y).toBeCloseTo(-4, 14);
    expect(step.state.v.x).toBeCloseTo(0.004, 15);
    expect(step.state.v.y).toBeCloseTo(1.6, 14);
    expect(relative(step.state.m_hat.x, 2)).toBeLessThanOrEqual(1e-12);
    expect(relative(step.state.m_hat.y, -40)).toBeLessThanOrEqual(1e-12);
    expect(relative(step.state.v_hat.x, 4)).toBeLessThanOrEqual(1e-12);
    expect(relative(step.state.v_hat.y, 1600)).toBeLessThanOrEqual(1e-12);
    expect(relative(step.params.x, 1 - (0.1 * 2) / (2 + epsHat))).toBeLessThanOrEqual(1e-12);
    expect(relative(step.params.y, -2 + (0.1 * 40) / (40 + epsHat))).toBeLessThanOrEqual(1e-12);
    // The first Adam step moves every param by about α, whatever its gradient's size.
    expect(step.params.x).toBeCloseTo(0.9, 7);
    expect(step.params.y).toBeCloseTo(-1.9, 7);
    expect(step.stepSize).toBeCloseTo((0.1 * Math.sqrt(0.001)) / 0.1, 15);
    expect(relative(step.loss, step.params.x ** 2 + 10 * step.params.y ** 2)).toBeLessThanOrEqual(1e-12);
  });

  it('Adam, second step: bias corrections 1 − 0.9² and 1 − 0.999²', () => {
    const t = optimize(bowl('{ name: adam, lr: 0.1, epsilon: 1e-8 }'), undefined, 2);
    const g1 = t.steps[1].gradients.x;
    const m = 0.9 * 0.2 + 0.1 * g1;
    const v = 0.999 * 0.004 + 0.001 * g1 * g1;
    const mHat = m / (1 - 0.81);
    const vHat = v / (1 - 0.999 ** 2);
    const epsHat = 1e-8 / Math.sqrt(1 - 0.999 ** 2);
    expect(relative(t.steps[2].state.m_hat.x, mHat)).toBeLessThanOrEqual(1e-12);
    expect(relative(t.steps[2].state.v_hat.x, vHat)).toBeLessThanOrEqual(1e-12);
    expect(relative(t.steps[2].params.x, t.steps[1].params.x - (0.1 * mHat) / (Math.sqrt(vHat) + epsHat))).toBeLessThanOrEqual(1e-12);
  });

  it('momentum (μ = 0.9) on x² from 3, α = 0.1: v₁ = −0.6, x₁ = 2.4; v₂ = −1.02, x₂ = 1.38', () => {
    const t = optimize(square(0.1, 'optimizer: { name: momentum, momentum: 0.9 }'), undefined, 2);
    expect(t.steps.map((s) => s.params.x)).toEqual([3, expect.closeTo(2.4, 14), expect.closeTo(1.38, 14)]);
    expect(t.steps.map((s) => s.state.velocity.x)).toEqual([0, expect.closeTo(-0.6, 14), expect.closeTo(-1.02, 14)]);
  });

  it('Nesterov (μ = 0.9): x₁ = 3 + 0.9·(−0.6) − 0.6 = 1.86; v₂ = −0.912, x₂ = 0.6672', () => {
    const t = optimize(square(0.1, 'optimizer: nesterov'), undefined, 2);
    expect(t.optimizer.momentum).toBe(0.9);
    expect(t.steps.map((s) => s.params.x)).toEqual([3, expect.closeTo(1.86, 14), expect.closeTo(0.6672, 14)]);
    expect(t.steps[2].state.velocity.x).toBeCloseTo(-0.912, 14);
  });

  it('RMSprop (ρ = 0.9, ε = 1e-7): s₁ = 0.1·36, x₁ = 3 − 0.1·6/√(3.6 + ε); then s₂ = 0.9·3.6 + 0.1·g₁²', () => {
    const t = optimize(square(0.1, 'optimizer: { name: rmsprop, rho: 0.9 }'), undefined, 2);
    const x1 = 3 - 0.6 / Math.sqrt(3.6 + 1e-7);
    expect(relative(t.steps[1].state.mean_square.x, 3.6)).toBeLessThanOrEqual(1e-12);
    expect(relative(t.steps[1].params.x, x1)).toBeLessThanOrEqual(1e-12);
    const s2 = 0.9 * 3.6 + 0.1 * (2 * x1) ** 2;
    expect(relative(t.steps[2].state.mean_square.x, s2)).toBeLessThanOrEqual(1e-12);
    expect(relative(t.steps[2].params.x, x1 - (0.1 * 2 * x1) / Math.sqrt(s2 + 1e-7))).toBeLessThanOrEqual(1e-12);
  });

  it('Adagrad (G from 0.1): G₁ = 36.1, x₁ = 3 − 0.6/√(36.1 + ε)', () => {
    const t = optimize(square(0.1, 'optimizer: { name: adagrad, initial_accumulator: 0.1, epsilon: 1e-7 }'), undefined, 1);
    expect(t.steps[0].state.accumulator.x).toBe(0.1);
    expect(relative(t.steps[1].state.accumulator.x, 36.1)).toBeLessThanOrEqual(1e-12);
    expect(relative(t.steps[1].params.x, 3 - 0.6 / Math.sqrt(36.1 + 1e-7))).toBeLessThanOrEqual(1e-12);
  });

  it('every optimizer of the table brings x² + 10y² down from (1, −2)', () => {
    for (const name of OPTIMIZER_NAMES) {
      const t = optimize(bowl(name), optimizerSettings(name as OptimizerName, { learningRate: name === 'adagrad' ? 0.5 : 0.02 }), 200);
      expect(t.diverged, name).toBeUndefined();
      expect(t.steps[200].loss, name).toBeLessThan(t.steps[0].loss / 10);
      expect(Object.keys(t.steps[200].state).sort(), name).toEqual([...OPTIMIZERS[name].slots, ...OPTIMIZERS[name].derived].map((s) => s.key).sort());
    }
  });
});

describe('optimize: a diverging run is a message, not NaN', () => {
  it('x² with learning rate 1.1 grows by 1.2 per step until it overflows, then stops with a message', () => {
    const t = optimize(square(1.1), undefined, 5000);
    expect(t.diverged).toBeDefined();
    // |x_n| = 3·1.2ⁿ; C = x² overflows once 9·1.44ⁿ > 1.797e308, at n = 1941
    expect(t.diverged!.step).toBe(1941);
    expect(t.diverged!.message).toMatch(/^the run diverged at step 1941: the loss became Infinity; the loss had grown from 9 to 1\.5\d*e\+308 by step 1940\. .*sgd \(lr 1\.1\).*smaller learning rate \(e\.g\. 0\.11\)/);
    expect(t.steps).toHaveLength(1941);
    for (const s of t.steps) expect(Number.isFinite(s.loss) && Number.isFinite(s.params.x) && Number.isFinite(s.gradients.x)).toBe(true);
    expect(relative(t.steps[100].params.x, 3 * 1.2 ** 100)).toBeLessThanOrEqual(1e-12);
  });

  it('a loss that grows without overflowing yet is a warning', () => {
    const t = optimize(square(1.1), undefined, 10);
    expect(t.diverged).toBeUndefined();
    expect(t.warning).toMatch(/the loss grew from 9 to .* over 10 steps of sgd \(lr 1\.1\): the learning rate is probably too large/);
  });

  it('a non-finite start is named, and nothing is trained', () => {
    const t = optimize(graphOf('params: { x: 800 }\nnodes:\n  C: exp(x)\nloss: C\n'), undefined, 3);
    expect(t.steps).toEqual([]);
    expect(t.diverged).toEqual({ step: 0, message: 'the loss is Infinity at the start, before any update: check the spec\'s values (nothing was trained)' });
  });
});

describe('backstep solve --steps', () => {
  const backstep = (...args: string[]) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8' });

  it('prints the trajectory of the chain lesson as a table and as JSON with the optimizer state', () => {
    const table = backstep('solve', 'lessons/01-chain.md', '--steps', '3');
    expect(table.status, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^sgd \(lr [\d.]+\), 3 steps$/);
    expect(lines[1].trim().split(/\s+/).slice(0, 2)).toEqual(['step', 'C']);
    expect(lines).toHaveLength(3 + 4);
    const json = JSON.parse(backstep('solve', 'lessons/01-chain.md', '--steps', '2', '--json').stdout);
    expect(json.steps).toHaveLength(3);
    expect(json.steps[0].loss).toBeCloseTo(0.220701892746, 11);
    expect(json.steps[1].params.w3).toBeCloseTo(0.242311425467, 11); // = updated(w3) of `solve`
  });

  it('exits 1 with the divergence message on stderr, the finite trajectory on stdout', () => {
    const run = backstep('solve', 'test/fixtures/optimize/diverges.yaml', '--steps', '3000', '--json');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: the run diverged at step 1941: the loss became Infinity/);
    const out = JSON.parse(run.stdout);
    expect(out.steps).toHaveLength(1941);
    expect(out.diverged.step).toBe(1941);
    expect(JSON.stringify(out.steps)).not.toMatch(/NaN|Infinity|null/);
  });

  it('refuses a bad --steps and reports a bad optimizer at file:line:col', () => {
    const bad = backstep('solve', 'lessons/01-chain.md', '--steps', 'ten');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--steps must be a whole number from 0 to 100000, not "ten"');
    const spec = backstep('solve', 'test/fixtures/spec/optimizer-unknown-name/input.yaml', '--steps', '3');
    expect(spec.status).toBe(1);
    expect(spec.stderr).toContain('input.yaml:5:20: error: unknown optimizer "adamw"');
  });
});
