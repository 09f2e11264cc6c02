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

describe('checker fixtures', () => {
  for (const name of cases) {
    it(name, () => {
      const input = JSON.parse(readFileSync(join(root, name, 'input.json'), 'utf8'));
      const expected: Expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'));
      const result = checkerFor(input.exercise).check(input.answers, input.seed ?? null);
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
      const expected: Expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'));
      for (const q of Object.values(expected.questions)) {
        seenVerdicts.add(q.verdict);
        if (q.misconception) seenMisconceptions.add(q.misconception);
      }
    }
    expect([...seenVerdicts].sort()).toEqual([...verdicts].sort());
    for (const id of misconceptionIds) expect(seenMisconceptions, id).toContain(id);
  });
});
