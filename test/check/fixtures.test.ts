// Fixture cases for the checker: test/fixtures/check/<case>/input.json (exercise, seed, answers)
// beside expected.json (verdict, misconception id and score per question; total score). Between
// them they cover every verdict, every built-in misconception, an author's misconception with
// partial credit, error carried forward along three answers, the decimal comma and the number
// formats students type.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { misconceptionIds } from '../../src/lib/core/check/misconceptions.ts';
import { verdicts } from '../../src/lib/core/exercise.ts';
import { loadExercise } from './helpers.ts';
import { expectedOutput } from '../expected-output.ts';

const root = 'test/fixtures/check';
const cases = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();
const checkers = new Map<string, Checker>();
const checkerFor = (file: string) => {
  if (!checkers.has(file)) checkers.set(file, new Checker(loadExercise(join(root, file))));
  return checkers.get(file)!;
};

interface Expected {
  score?: number;
  questions: Record<string, { verdict: string; misconception?: string; score?: number }>;
}

const resultOf = (name: string) => {
  const input = JSON.parse(readFileSync(join(root, name, 'input.json'), 'utf8'));
  return checkerFor(input.exercise).check(input.answers, input.seed ?? null);
};

/** expected.json; a missing one is written from the checker's own verdicts locally, and fails under CI. */
const expectedOf = (name: string): Expected =>
  JSON.parse(
    expectedOutput(join(root, name, 'expected.json'), () => {
      const result = resultOf(name);
      const questions = Object.fromEntries(result.questions.map((q) => [q.id, { verdict: q.verdict, ...(q.misconception ? { misconception: q.misconception } : {}), score: q.score }]));
      return JSON.stringify({ score: result.score, questions }, null, 2) + '\n';
    })
  );

describe('checker fixtures', () => {
  for (const name of cases) {
    it(name, () => {
      const expected = expectedOf(name);
      const result = resultOf(name);
      const byId = Object.fromEntries(result.questions.map((q) => [q.id, q]));
      for (const [id, want] of Object.entries(expected.questions)) {
        const got = byId[id];
        expect(got, `question ${id}`).toBeDefined();
        const shown = { verdict: got.verdict, misconception: got.misconception ?? undefined, score: got.score, feedback: got.feedback };
        expect(shown, id).toMatchObject(want);
        if (want.verdict !== 'misconception') expect(got.misconception, id).toBeNull();
        expect(got.feedback.length, `${id} has feedback`).toBeGreaterThan(0);
      }
      if (expected.score !== undefined) expect(result.score).toBeCloseTo(expected.score, 9);
    });
  }

  it('cover every verdict and every built-in misconception', () => {
    const seenVerdicts = new Set<string>();
    const seenMisconceptions = new Set<string>();
    for (const name of cases) {
      const expected = expectedOf(name);
      for (const q of Object.values(expected.questions)) {
        seenVerdicts.add(q.verdict);
        if (q.misconception) seenMisconceptions.add(q.misconception);
      }
    }
    expect([...seenVerdicts].sort()).toEqual([...verdicts].sort());
    for (const id of misconceptionIds) expect(seenMisconceptions, id).toContain(id);
  });
});
