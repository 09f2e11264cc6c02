// `backstep test` fails an exercise whose reference answer is not a finite number in any variant
// it tries, saying which variant and why (the first node that overflowed).
import { describe, expect, it } from 'vitest';
import { runMarkingTests } from '../../src/lib/core/check/marking-tests.ts';
import { exerciseFromText } from './helpers.ts';

const exercise = (weights: string) =>
  exerciseFromText(
    [
      '---',
      'id: overflow',
      'title: Overflow in one variant',
      'graph:',
      '  params: { w: 1 }',
      '  inputs: { x: 1 }',
      '  nodes:',
      '    z: w*x',
      '    big: exp(z)',
      '    C: big + 1',
      '  loss: C',
      `variants: { w: { choice: [${weights}] } }`,
      'questions:',
      '  - { id: big, answer: big, points: 1 }',
      '  - { id: dw, answer: grad(w), points: 1 }',
      '---',
      ''
    ].join('\n')
  ).exercise!;

describe('marking tests and non-finite reference answers', () => {
  it('an exercise with a variant where exp overflows fails, naming the variant and the node', () => {
    const [reference] = runMarkingTests(exercise('1, 2, 800'), { variants: 25 });
    expect(reference.ok).toBe(false);
    expect(reference.problems.join('\n')).toMatch(/seed \d+ \(w = 800\): the reference answer big = big is Infinity, because node "big" is Infinity: exp\(800\) = Infinity/);
    expect(reference.problems.join('\n')).toMatch(/the reference answer dw = grad\(w\) is Infinity/);
  });

  it('the same exercise without that variant passes', () => {
    const [reference] = runMarkingTests(exercise('1, 2, 3'), { variants: 25 });
    expect(reference.problems).toEqual([]);
    expect(reference.ok).toBe(true);
  });
});
