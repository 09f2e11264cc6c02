// The perceptron lesson's reference answers are the numbers its widgets compute: each question's
// answer is checked against the core run on the same attributes the page's ::perceptron uses.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { noSolution } from '../../src/lib/core/check/checker.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { evaluateQuantity } from '../../src/lib/core/quantity.ts';
import { gateSamples, neuronOutput, perceptronWidget, runNetwork, type PerceptronWidget } from '../../src/lib/core/perceptron.ts';

const lesson = parseLesson(readFileSync('lessons/06-perceptron.md', 'utf8'), 'lessons/06-perceptron.md');
const answer = (id: string) => {
  const q = lesson.questions.find((q) => q.id === id) as NumberQuestion | undefined;
  if (!q) throw new Error(`no question ${id}`);
  return evaluateQuantity(q.expr, noSolution);
};

function widgets(root: Root): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'bs-perceptron') found.push(Object.fromEntries(Object.entries(child.properties).map(([k, v]) => [k, String(v)])));
      walk(child);
    }
  };
  walk(root);
  return found;
}
const all = widgets(lesson.body).map((attributes) => ({ attributes, widget: perceptronWidget(attributes) as PerceptronWidget }));
const find = (data: string, trained: boolean, layers?: string) =>
  all.find((w) => w.attributes.data === data && (w.widget.run !== null) === trained && w.widget.randomSeed === null && (layers === undefined || w.attributes.layers === layers))!.widget;

describe('the perceptron lesson', () => {
  it('lints clean, has at least four questions and six widgets that all read', () => {
    expect(lesson.diagnostics).toEqual([]);
    expect(lesson.questions.length).toBeGreaterThanOrEqual(4);
    expect(all).toHaveLength(7);
    for (const { widget } of all) expect('message' in widget).toBe(false);
  });

  it('draws AND, OR and the XOR network with the truth tables the text gives', () => {
    const outputs = (w: PerceptronWidget) => w.samples.map((s) => runNetwork(w.network!, s.x).at(-1)![0]);
    expect(outputs(find('and', false))).toEqual([0, 0, 0, 1]);
    expect(outputs(find('or', false))).toEqual([0, 1, 1, 1]);
    const network = find('xor', false, '1,-1>=1; -1,1>=1 | 1,1>=1');
    expect(outputs(network)).toEqual([0, 1, 1, 0]);
    // Question: the output neuron's sum for A = 1, B = 0 is h₁ + h₂.
    const [h1, h2] = runNetwork(network.network!, [1, 0])[0];
    expect(answer('xor-output-sum')).toBe(h1 + h2);
    // The single line drawn on XOR gets three of four, the most any line can.
    const single = find('xor', false, '1,1>=1');
    expect(outputs(single).filter((y, i) => y === single.samples[i].target)).toHaveLength(answer('xor-best'));
  });

  it("answers the threshold questions: w = (3, 2) is AND up to T = 5 and not beyond; T = 0.5 is OR", () => {
    const T = answer('and-threshold');
    const and = gateSamples('and');
    expect(and.map((s) => neuronOutput({ weights: [3, 2], threshold: T }, s.x))).toEqual([0, 0, 0, 1]);
    expect(and.map((s) => neuronOutput({ weights: [3, 2], threshold: T + 1e-9 }, s.x))).toEqual([0, 0, 0, 0]);
    const or = lesson.questions.find((q) => q.id === 'or-threshold')!;
    const threshold = Number(or.answer.replace('T = ', ''));
    expect(gateSamples('or').map((s) => neuronOutput({ weights: [1, 1], threshold }, s.x))).toEqual([0, 1, 1, 1]);
  });

  it("answers the training questions with the widget's own run on AND", () => {
    const run = find('and', true).run!;
    expect(answer('first-bias')).toBe(run.updates[0].after.bias);
    expect(answer('epoch1-w1')).toBe(run.updates[3].after.weights[0]);
    expect(run.converged).toBe(true);
    expect(answer('clean-epoch')).toBe(run.mistakesPerEpoch.length);
    expect(answer('final-bias')).toBe(run.final.bias);
  });

  it('reaches a clean epoch on AND from every random start the button can draw (the choice question)', () => {
    const random = all.find((w) => w.widget.randomSeed !== null)!.widget;
    expect(lesson.questions.find((q) => q.id === 'random-starts')!.answer).toBe('every time');
    for (let seed = random.randomSeed!; seed < random.randomSeed! + 200; seed++) {
      const widget = perceptronWidget({ ...all.find((w) => w.widget.randomSeed !== null)!.attributes, seed: String(seed) }) as PerceptronWidget;
      expect(widget.run!.converged, `seed ${seed}`).toBe(true);
    }
  });

  it('counts the mistake-free epochs on XOR as the widget runs them (none)', () => {
    const run = find('xor', true).run!;
    expect(run.mistakesPerEpoch).toHaveLength(20);
    expect(run.mistakesPerEpoch.filter((m) => m === 0)).toHaveLength(answer('xor-clean-epochs'));
  });
});
