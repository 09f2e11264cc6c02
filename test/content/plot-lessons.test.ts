// The activations and losses lessons: each lints clean, every ::plot on them reads, and every
// number question's reference answer (written by hand in the lesson: 0.25, -2*(1 - 0.8), …) is
// what the graph engine computes on the page's own plots — the value or the derivative the plot's
// read-out shows at the point the question names. So the derivations in the prose and the curves
// the student points at cannot drift apart.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { noSolution } from '../../src/lib/core/check/checker.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { evaluateQuantity } from '../../src/lib/core/quantity.ts';
import { plotCurves, readOut, readPlotAttributes, type PlotWidget } from '../../src/lib/core/plot.ts';
import { evaluateAt, parseDescentFunction, type DescentFunction } from '../../src/lib/core/descent.ts';

function load(file: string) {
  const lesson = parseLesson(readFileSync(file, 'utf8'), file);
  const plots: PlotWidget[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'bs-plot') plots.push(readPlotAttributes(Object.fromEntries(Object.entries(child.properties).map(([k, v]) => [k, String(v)]))).widget!);
      walk(child);
    }
  };
  walk(lesson.body);
  const answer = (id: string) => {
    const q = lesson.questions.find((q) => q.id === id) as NumberQuestion | undefined;
    if (!q) throw new Error(`no question ${id}`);
    return evaluateQuantity(q.expr, noSolution);
  };
  /** The plot drawing `source`, and that function's read-out (value, slope) at x. */
  const at = (source: string, x: number) => {
    const plot = plots.find((p) => p.functions.some((f) => f.source === source));
    if (!plot) throw new Error(`no plot of ${source}`);
    return readOut(plot, x)[plot.functions.findIndex((f) => f.source === source)];
  };
  return { lesson, plots, answer, at };
}
const relative = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('lesson 08: activation functions', () => {
  const { lesson, plots, answer, at } = load('lessons/08-activations.md');

  it('lints clean, with at least four number questions, and every plot reads with its derivative', () => {
    expect(lesson.diagnostics).toEqual([]);
    expect(lesson.questions.filter((q) => q.kind === 'number').length).toBeGreaterThanOrEqual(4);
    expect(plots.length).toBeGreaterThanOrEqual(8);
    expect(plots.every((p) => p !== null && p.derivative)).toBe(true);
    const drawn = plots.flatMap((p) => p.functions.map((f) => f.source));
    for (const f of ['step(x)', 'sigmoid(x)', 'tanh(x)', 'relu(x)', 'leaky_relu(x)', 'elu(x)', 'softplus(x)']) expect(drawn).toContain(f);
  });

  it("answers σ′(0), the largest σ′, tanh′(0), ReLU′(−2) and leaky-ReLU′(−2) with the plots' own derivatives", () => {
    expect(answer('sigmoid-slope-0')).toBe(at('sigmoid(x)', 0).slope);
    const sigmoidPlot = plots.find((p) => p.functions[0].source === 'sigmoid(x)')!;
    const largest = Math.max(...plotCurves(sigmoidPlot)[1].points.map((p) => p.y).filter(Number.isFinite));
    expect(answer('sigmoid-slope-max')).toBe(largest);
    expect(answer('tanh-slope-0')).toBe(at('tanh(x)', 0).slope);
    expect(answer('relu-slope-neg2')).toBe(at('relu(x)', -2).slope);
    expect(relative(answer('leaky-slope-neg2'), at('leaky_relu(x)', -2).slope!)).toBeLessThanOrEqual(1e-12);
    expect(answer('three-sigmoids')).toBe(largest ** 3);
  });

  it('the saturated regions it shades are where the slope is below a tenth of its peak', () => {
    for (const source of ['sigmoid(x)', 'tanh(x)']) {
      const plot = plots.find((p) => p.functions[0].source === source)!;
      const peak = at(source, 0).slope!;
      for (const [low, high] of plot.shades) for (let x = low; x <= high; x += 0.05) expect(Math.abs(at(source, x).slope!)).toBeLessThan(peak / 10);
    }
  });

  it('its softmax example is the engine\'s softmax, and two-class softmax is the sigmoid', () => {
    const softmax = parseDescentFunction('exp(2 - logsumexp(2, 1, 0.1))') as DescentFunction;
    expect(relative(answer('softmax-first'), evaluateAt(softmax.expr, 0))).toBeLessThanOrEqual(1e-12);
    for (const z of [-4, -1, 0, 1, 4]) expect(relative(at('exp(x - logsumexp(x, 0))', z).value!, at('sigmoid(x)', z).value!)).toBeLessThanOrEqual(1e-12);
    // softplus′ = σ: the prose says compare the two plots.
    for (const z of [-3, 0, 3]) expect(relative(at('softplus(x)', z).slope!, at('sigmoid(x)', z).value!)).toBeLessThanOrEqual(1e-12);
  });
});

describe('lesson 09: loss functions', () => {
  const { lesson, plots, answer, at } = load('lessons/09-losses.md');

  it('lints clean, with at least four number questions, and every plot reads', () => {
    expect(lesson.diagnostics).toEqual([]);
    expect(lesson.questions.filter((q) => q.kind === 'number').length).toBeGreaterThanOrEqual(4);
    expect(plots.length).toBeGreaterThanOrEqual(3);
    expect(plots.every((p) => p !== null)).toBe(true);
  });

  it('each derivative question is the derivative the engine draws on the plot, at ŷ = 0.8', () => {
    expect(relative(answer('mse-slope'), at('(1 - x)^2', 0.8).slope!)).toBeLessThanOrEqual(1e-12);
    expect(relative(answer('half-slope'), at('0.5*(1 - x)^2', 0.8).slope!)).toBeLessThanOrEqual(1e-12);
    expect(answer('mae-slope')).toBe(at('abs(1 - x)', 0.8).slope);
    expect(relative(answer('bce-slope-y1'), at('-log(x)', 0.8).slope!)).toBeLessThanOrEqual(1e-12);
    expect(relative(answer('bce-slope-y0'), at('-log(1 - x)', 0.8).slope!)).toBeLessThanOrEqual(1e-12);
  });

  it('the plotted BCE curves are the full formula −[y log ŷ + (1 − y) log(1 − ŷ)] for y = 1 and y = 0', () => {
    const full = (y: number) => parseDescentFunction(`-(${y}*log(x) + (1 - ${y})*log(1 - x))`) as DescentFunction;
    for (const p of [0.05, 0.3, 0.8, 0.95]) {
      expect(relative(evaluateAt(full(1).derivative, p), at('-log(x)', p).slope!)).toBeLessThanOrEqual(1e-12);
      expect(relative(evaluateAt(full(0).derivative, p), at('-log(1 - x)', p).slope!)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("cross-entropy and the slides' J: J is at most 0, L = −J, and their slopes are opposite", () => {
    expect(relative(answer('ce-three-classes'), at('-log(x)', 0.7).value!)).toBeLessThanOrEqual(1e-12);
    expect(relative(answer('j-value'), at('log(x)', 0.8).value!)).toBeLessThanOrEqual(1e-12);
    expect(answer('j-value')).toBeLessThan(0);
    for (const p of [0.1, 0.5, 0.8]) expect(at('log(x)', p).slope).toBe(-at('-log(x)', p).slope!);
    // Descent on J as written: w ← w − α·dJ/dy moves y down (dJ/dy > 0), away from the target 1.
    expect(at('log(x)', 0.8).slope!).toBeGreaterThan(0);
    expect(lesson.questions.find((q) => q.id === 'j-direction')!.answer).toBe('the prediction gets worse');
  });
});

describe('the Spanish siblings', () => {
  for (const [en, es] of [['lessons/08-activations.md', 'lessons/08-activations.es.md'], ['lessons/09-losses.md', 'lessons/09-losses.es.md']]) {
    it(`${es} lints clean and keeps the questions, answers and plots of ${en}`, () => {
      const english = load(en);
      const spanish = load(es);
      expect(spanish.lesson.diagnostics).toEqual([]);
      const numbers = (l: typeof english) => l.lesson.questions.map((q) => [q.id, q.kind, q.kind === 'number' ? (q as NumberQuestion).answer : null]);
      expect(numbers(spanish)).toEqual(numbers(english));
      for (const q of english.lesson.questions.filter((q) => q.kind === 'number')) expect(spanish.answer(q.id)).toBe(english.answer(q.id));
      // A choice question keeps the right answer at the same place among its choices.
      for (const q of english.lesson.questions.filter((q) => q.kind === 'choice')) {
        const other = spanish.lesson.questions.find((s) => s.id === q.id)!;
        const place = (c: { choices?: string[]; answer: string }) => c.choices!.indexOf(c.answer);
        expect(place(other as never)).toBe(place(q as never));
      }
      expect(spanish.plots.length).toBe(english.plots.length);
      // Numbers and functions are identical in both languages; the words (labels, captions) are translated.
      spanish.plots.forEach((p, i) => {
        const e = english.plots[i];
        expect(p.functions.map((f) => f.source)).toEqual(e.functions.map((f) => f.source));
        expect([p.domain, p.range, p.derivative, p.at, p.points, p.lines, p.shades]).toEqual([e.domain, e.range, e.derivative, e.at, e.points, e.lines, e.shades]);
        expect(p.labels.length).toBe(e.labels.length);
      });
    });
  }
});
