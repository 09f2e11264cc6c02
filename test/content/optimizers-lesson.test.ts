// The optimizers lesson's reference answers are what its ::descent2d figures compute: each number
// question is checked against the core's path on the attributes of the figure it refers to, and
// each "which reaches the minimum first" question against the race the figure runs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { noSolution } from '../../src/lib/core/check/checker.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { evaluateQuantity } from '../../src/lib/core/quantity.ts';
import { firstToReach, readDescent2dAttributes, runPaths, type Descent2dWidget } from '../../src/lib/core/descent2d.ts';
import { OPTIMIZERS } from '../../src/lib/core/optimizers.ts';

const file = 'lessons/12-optimizers.md';
const lesson = parseLesson(readFileSync(file, 'utf8'), file);
const answer = (id: string) => {
  const q = lesson.questions.find((q) => q.id === id) as NumberQuestion | undefined;
  if (!q) throw new Error(`no question ${id}`);
  return evaluateQuantity(q.expr, noSolution);
};
const choice = (id: string) => lesson.questions.find((q) => q.id === id)!.answer;

function figures(root: Root): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'bs-descent2d') found.push(Object.fromEntries(Object.entries(child.properties).map(([k, v]) => [k, String(v)])));
      walk(child);
    }
  };
  walk(root);
  return found;
}
const all = figures(lesson.body).map((a) => readDescent2dAttributes(a).widget as Descent2dWidget);
const bowlRace = all[0];
const saddle = all[1];
const handSteps = all[2];
const valley = all[3];
const pathOf = (w: Descent2dWidget, name: string) => runPaths(w).find((p) => p.settings.name === name)!;

describe('the optimizers lesson', () => {
  it('lints clean, with at least four number questions and four figures that all read', () => {
    expect(lesson.diagnostics).toEqual([]);
    expect(lesson.questions.filter((q) => q.kind === 'number').length).toBeGreaterThanOrEqual(4);
    expect(all).toHaveLength(4);
    expect(all.every((w) => w !== null)).toBe(true);
    expect(bowlRace.surface.source).toBe('x^2 + 10*y^2');
    expect(saddle.surface.source).toBe('x^2 - y^2');
    expect(valley.minimum).toEqual([1, 1]);
  });

  it('1,000 dog photos in batches of 10: 100 updates an epoch', () => {
    expect(answer('updates-per-epoch')).toBe(1000 / 10);
  });

  it('the two momentum steps by hand are the figure’s momentum path', () => {
    const momentum = pathOf(handSteps, 'momentum');
    expect(momentum.settings).toMatchObject({ learningRate: 0.05, momentum: 0.9 });
    expect(handSteps.start).toEqual([-4, 1]);
    expect(momentum.steps[2].x).toBeCloseTo(answer('momentum-x2'), 12);
    expect(momentum.steps[2].y).toBeCloseTo(answer('momentum-y2'), 12);
    expect(momentum.steps[1].gy).toBe(0);
  });

  it('the Adam step by hand is the figure’s Adam path with 003’s settings', () => {
    const adam = pathOf(handSteps, 'adam');
    expect(adam.settings).toMatchObject({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(adam.steps[1].state.m.y).toBeCloseTo(answer('adam-m1'), 12);
    expect(adam.steps[1].state.v_hat.y).toBeCloseTo(answer('adam-vhat1'), 9);
    expect(Math.abs(adam.steps[1].y - answer('adam-y1'))).toBeLessThan(1e-9);
    // the prose's x-coordinate numbers
    expect(adam.steps[1].state.m.x).toBeCloseTo(-0.8, 12);
    expect(adam.steps[1].state.v.x).toBeCloseTo(0.064, 12);
    expect(adam.steps[1].state.m_hat.x).toBeCloseTo(-8, 10);
    expect(adam.steps[1].state.v_hat.x).toBeCloseTo(64, 9);
    expect(adam.steps[1].x).toBeCloseTo(-3.999, 9);
  });

  it('"which reaches the minimum first" is answered by the race each figure runs', () => {
    for (const [id, figure] of [['race-bowl', bowlRace], ['race-valley', valley]] as const) {
      const winner = firstToReach(runPaths(figure));
      expect(winner, id).not.toBeNull();
      expect(OPTIMIZERS[winner!.settings.name].label, id).toBe(choice(id));
      // the race is not a tie: the runner-up is at least five steps behind
      const steps = runPaths(figure).map((p) => (p.verdict.kind === 'reached' ? p.verdict.step : Infinity)).sort((a, b) => a - b);
      expect(steps[1] - steps[0], id).toBeGreaterThanOrEqual(5);
    }
  });

  it('the prose: on the bowl, momentum with μ lowered to 0.5 (the slider) wins the race', () => {
    const lowered = { momentum: { ...bowlRace.paths.find((p) => p.name === 'momentum')!.settings, momentum: 0.5 } };
    expect(firstToReach(runPaths(bowlRace, bowlRace.start, lowered))!.settings.name).toBe('momentum');
  });

  it('the saddle: adaptive steps leave the ridge sooner than plain gradient descent', () => {
    const after = (name: string, n: number) => Math.abs(pathOf(saddle, name).steps[n].y);
    expect(after('adam', 10)).toBeGreaterThan(10 * after('sgd', 10));
    expect(after('rmsprop', 10)).toBeGreaterThan(10 * after('sgd', 10));
  });
});

describe('::descent2d in a lesson: lint at file:line:col', () => {
  const lint = (line: string) => parseLesson(`---\ntitle: T\nsummary: S\norder: 1\n---\n\n${line}\n`, 'x.md').diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

  it('points inside the value: an unknown name in f, a setting the optimizer does not read, an unknown optimizer', () => {
    expect(lint('::descent2d{f="x^2 + q" optimizers="sgd,adam" sgd="lr=0.1 beta1=0.9"}')).toEqual([
      '7:22 ::descent2d: in f, unknown name "q": the function may only use x and y (and numbers, e, pi)',
      '7:59 ::descent2d: in sgd, sgd does not use "beta1" (it reads: lr)'
    ]);
    expect(lint('::descent2d{f="x^2" optimizers="sgd,adamw"}')).toEqual(['7:37 ::descent2d: unknown optimizer "adamw" (known: sgd, momentum, nesterov, adagrad, rmsprop, adam)']);
  });

  it('an unknown attribute is named with the known ones', () => {
    expect(lint('::descent2d{f="x^2" colour=red}')[0]).toMatch(/^7:21 unknown attribute "colour" on ::descent2d \(known: f, x, y, start, optimizers, rate, steps, minimum, within, table, caption, sgd, momentum, nesterov, adagrad, rmsprop, adam\)/);
  });
});

describe('the Spanish sibling', () => {
  const es = parseLesson(readFileSync('lessons/12-optimizers.es.md', 'utf8'), 'lessons/12-optimizers.es.md');
  it('lints clean and has the same figures (all but the caption) and the same questions and answers', () => {
    expect(es.diagnostics).toEqual([]);
    const withoutCaption = (figs: Record<string, string>[]) => figs.map(({ caption: _caption, ...rest }) => rest);
    expect(withoutCaption(figures(es.body))).toEqual(withoutCaption(figures(lesson.body)));
    expect(es.questions.map((q) => [q.id, q.answer])).toEqual(lesson.questions.map((q) => [q.id, q.answer]));
  });
});
