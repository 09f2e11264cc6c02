// Every kind of broken submission becomes one error row that names the problem; nothing throws
// and nothing else in the batch is affected. Fixtures: test/fixtures/grade/broken/<case>/ hold
// the submission file beside expected.txt (a phrase the error must contain).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { MAX_SUBMISSION_BYTES } from '../../src/lib/core/grade/submission.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { loadExercise } from '../check/helpers.ts';
import { expectedOutput } from '../expected-output.ts';

const root = 'test/fixtures/grade/broken';
const exercise = loadExercise('exercises/chain3.md');
const secret = readFileSync('test/fixtures/grade/course.key', 'utf8').trim();
const grader = new Grader(exercise, { seeds: SignedSeeds.forExercise(secret, exercise) });

describe('broken submissions', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const file = readdirSync(join(root, name)).find((f) => f !== 'expected.txt')!;
      const source = `${name}/${file}`;
      const results = grader.gradeFile(readFileSync(join(root, name, file)), source);
      const phrase = expectedOutput(join(root, name, 'expected.txt'), () => `${results[0]?.error ?? ''}\n`).trim();
      expect(results).toHaveLength(1);
      expect(results[0].error).toContain(phrase);
      expect(results[0].source).toContain(name);
      expect(results[0]).toMatchObject({ score: 0, max_score: grader.maxScore, questions: [] });
    });
  }

  it('too large', () => {
    const big = new TextEncoder().encode(JSON.stringify({ student: 'ana', answers: { z1: '1'.repeat(MAX_SUBMISSION_BYTES) } }));
    const [r] = grader.gradeFile(big, 'big.json');
    expect(r.error).toMatch(/too large/);
  });

  it('a CSV with one bad row keeps its good rows', () => {
    const csv = 'student,z1,a1\nana,0.32,0.5793\n,0.32,0.5\nbo,0.5,0.6\n';
    const results = grader.gradeFile(new TextEncoder().encode(csv), 'book.csv');
    expect(results.map((r) => [r.source, r.student, r.error ?? 'graded'])).toEqual([
      ['book.csv row 2', 'ana', 'graded'],
      ['book.csv row 3', null, 'the student cell is empty'],
      ['book.csv row 4', 'bo', 'graded']
    ]);
  });

  it('answers of odd types are invalid answers, not broken submissions', () => {
    const text = JSON.stringify({ exercise: 'chain3', student: 'ana', answers: { z1: { v: 1 }, a1: [0.5], z2: true, a2: 0.526, nope: '1' } });
    const [r] = grader.gradeFile(new TextEncoder().encode(text), 'odd.json');
    expect(r.error).toBeUndefined();
    const status = Object.fromEntries(r.questions.map((q) => [q.id, q.status]));
    expect(status).toMatchObject({ z1: 'invalid', a1: 'invalid', z2: 'invalid' });
    expect(['correct', 'incorrect', 'ecf', 'misconception', 'precision']).toContain(status.a2);
    expect(r.warnings).toEqual(['answers to unknown questions ignored: nope']);
  });
});
