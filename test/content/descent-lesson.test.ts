// The gradient-descent lesson's reference answers are the numbers its widgets compute: each
// question is checked against the core's run on the attributes of the page's ::descent widgets,
// and the closed form xₙ = x₀(1 − 2α)ⁿ the lesson derives is checked against the same runs.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { noSolution } from '../../src/lib/core/check/checker.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { evaluateQuantity } from '../../src/lib/core/quantity.ts';
import { readDescentAttributes, runDescent, type DescentWidget } from '../../src/lib/core/descent.ts';

const file = 'lessons/07-gradient-descent.md';
const lesson = parseLesson(readFileSync(file, 'utf8'), file);
const answer = (id: string) => {
  const q = lesson.questions.find((q) => q.id === id) as NumberQuestion | undefined;
  if (!q) throw new Error(`no question ${id}`);
  return evaluateQuantity(q.expr, noSolution);
};
const choice = (id: string) => lesson.questions.find((q) => q.id === id)!.answer;

function widgets(root: Root): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'bs-descent') found.push(Object.fromEntries(Object.entries(child.properties).map(([k, v]) => [k, String(v)])));
      walk(child);
    }
  };
  walk(root);
  return found;
}
const all = widgets(lesson.body).map((a) => readDescentAttributes(a).widget as DescentWidget);
const onSquare = (rate: number) => all.find((w) => w.fn.source === 'x^2' && w.rate === rate)!;
const runOf = (w: DescentWidget, start = w.start, steps = w.steps) => runDescent(w.fn, w.rate, start, steps);

describe('the gradient-descent lesson', () => {
  it('lints clean, with at least four number questions and six widgets that all read', () => {
    expect(lesson.diagnostics).toEqual([]);
    expect(lesson.questions.filter((q) => q.kind === 'number').length).toBeGreaterThanOrEqual(4);
    expect(all).toHaveLength(6);
    expect(all.every((w) => w !== null)).toBe(true);
  });

  it('plots x² with its derivative 2x (the ::plot reads)', async () => {
    const { readPlotAttributes, readOut } = await import('../../src/lib/core/plot.ts');
    const plots: Record<string, string>[] = [];
    const walk = (node: Root | Element) => {
      for (const child of node.children) if (child.type === 'element') (child.tagName === 'bs-plot' && plots.push(Object.fromEntries(Object.entries(child.properties).map(([k, v]) => [k, String(v)]))), walk(child));
    };
    walk(lesson.body);
    expect(plots).toHaveLength(1);
    const plot = readPlotAttributes(plots[0]).widget!;
    expect(plot.derivative).toBe(true);
    expect(readOut(plot, 3)).toEqual([{ source: 'x^2', value: 9, slope: 6 }]);
  });

  it("answers x₁ and x₃ from x₀ = 10 at rate 0.1 with the first widget's run", () => {
    const run = runOf(onSquare(0.1), 10);
    expect(Math.abs(run.rows[1].x - answer('one-step'))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(run.rows[3].x - answer('three-steps'))).toBeLessThanOrEqual(1e-12);
  });

  it('counts the steps to get below 0.01 from 10 as the widget runs them, within its 40 steps', () => {
    const run = runOf(onSquare(0.1), 10);
    expect(run.rows.find((r) => Math.abs(r.x) < 0.01)!.n).toBe(answer('steps-below'));
  });

  it('diverges above the rate the lesson gives, bounces at it, converges below it', () => {
    const limit = answer('diverge-rate');
    const verdict = (rate: number) => runDescent(onSquare(0.1).fn, rate, 10, 40).verdict.kind;
    expect(verdict(limit)).toBe('bouncing');
    expect(verdict(limit * 1.01)).toBe('diverging');
    expect(verdict(limit * 0.99)).not.toBe('diverging');
    expect(runOf(onSquare(1.1)).verdict.kind).toBe('diverging');
    expect(runOf(onSquare(1)).verdict.kind).toBe('bouncing');
    expect(choice('predict-bounce')).toContain('jumps between 10 and −10');
    expect(runOf(onSquare(0.5)).verdict).toMatchObject({ kind: 'settled', step: 1 });
  });

  it('says what the text says about 0.01 (near 3 after 60 steps) and 1.1 (10, −12, 14.4, −17.28)', () => {
    const slow = runOf(onSquare(0.01));
    expect(slow.rows.at(-1)!.n).toBe(60);
    expect(slow.rows.at(-1)!.x).toBeCloseTo(2.976, 3);
    const away = runOf(onSquare(1.1));
    expect(away.rows.slice(0, 4).map((r) => Number(r.x.toFixed(10)))).toEqual([10, -12, 14.4, -17.28]);
  });

  it('matches xₙ = x₀(1 − 2α)ⁿ on every x² widget', () => {
    for (const w of all.filter((w) => w.fn.source === 'x^2')) {
      for (const row of runOf(w).rows) {
        const expected = w.start * (1 - 2 * w.rate) ** row.n;
        expect(Math.abs(row.x - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      }
    }
  });

  it('ends the two-valley run from 0.5 in the shallower valley, and from 0 in the deeper one', () => {
    const two = all.find((w) => w.fn.source !== 'x^2')!;
    const from = (start: number) => runOf(two, start);
    const right = from(0.5);
    expect(right.verdict.kind).toBe('settled');
    expect(right.rows.at(-1)!.x).toBeCloseTo(1.861, 3);
    expect(choice('two-valleys')).toBe('the shallower valley near 1.86');
    const left = from(0);
    expect(left.verdict.kind).toBe('settled');
    expect(left.rows.at(-1)!.x).toBeCloseTo(-2.115, 3);
  });
});
