// Worked solutions: the step engine's steps that lead to a question's quantity, with a student's
// own numbers, ending at the exact value the checker expects.
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../check/helpers.ts';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { buildSteps } from '../../src/lib/core/steps.ts';
import { drawVariant, publicSeed } from '../../src/lib/core/variants.ts';
import { workedSteps } from '../../src/lib/core/worked.ts';

for (const file of ['exercises/chain3.md', 'exercises/neuron-exam.md']) {
  describe(`worked solutions for ${file}`, () => {
    const exercise = loadExercise(file);
    const checker = new Checker(exercise);
    const seed = exercise.variants ? publicSeed(exercise.id, 'ana') : null;
    const overrides = seed === null ? {} : drawVariant(exercise.variants, seed);
    const solution = checker.graph.solve(overrides);
    const steps = buildSteps(checker.graph, solution);
    const expected = checker.expected(seed);

    for (const q of exercise.questions) {
      it(`${q.id} (${q.answer}) ends at the student's exact value`, () => {
        const worked = workedSteps(checker.graph, steps, q.target);
        expect(worked.length).toBeGreaterThan(0);
        // Walking order, no step twice.
        expect(worked.map((s) => s.index)).toEqual([...new Set(worked.map((s) => s.index))].sort((a, b) => a - b));
        if (q.target.kind === 'ref') expect(worked.at(-1)!.value).toBe(expected[q.id]);
      });
    }
  });
}

describe('workedSteps picks only what the quantity needs', () => {
  const exercise = loadExercise('exercises/chain3.md');
  const checker = new Checker(exercise);
  const steps = buildSteps(checker.graph);
  const ids = (answer: string) => workedSteps(checker.graph, steps, exercise.questions.find((q) => q.answer === answer)!.target).map((s) => s.id);

  it('a value: its forward chain from the inputs', () => {
    expect(ids('z2')).toEqual(['forward:z1', 'forward:a1', 'forward:z2']);
  });
  it('a gradient: the backward steps from the loss down to the name', () => {
    expect(ids('grad(w3)')).toEqual(['backward:C', 'backward:a3', 'backward:z3', 'backward:w3']);
  });
  it('an update: the gradient, then the step', () => {
    expect(ids('updated(w3)')).toEqual(['backward:C', 'backward:a3', 'backward:z3', 'backward:w3', 'update:w3']);
  });
});
