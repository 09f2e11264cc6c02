// The report shapes: JSON for tools, a gradebook CSV, Gradescope's results.json (checked against
// their spec's fields), and the terminal summary.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { csvReport, gradescopeResults, jsonReport, summary } from '../../src/lib/core/grade/report.ts';
import { loadExercise } from '../check/helpers.ts';
import { gradescopeProblems } from './gradescope.ts';

const exercise = loadExercise('test/fixtures/check/chain.md');
const grader = new Grader(exercise);
const enc = (o: unknown) => new TextEncoder().encode(typeof o === 'string' ? o : JSON.stringify(o));
const results = [
  ...grader.gradeFile(enc({ student: 'ana', answers: { z1: '0.32', a1: '0,5793', da3: '-0.4698', w3new: '0.2177', dw3: '-0.0538' } }), 'ana.json'),
  ...grader.gradeFile(enc({ student: 'bo', answers: { z1: '0.23', a1: '0.5572', da3: '-0.4698' } }), 'bo.json'),
  ...grader.gradeFile(enc('{"student": "cy", "answ'), 'cy.json')
];

describe('reports', () => {
  it('JSON: exercise, results, per-question id/score/max_score/status/misconception/feedback', () => {
    const report = JSON.parse(JSON.stringify(jsonReport(exercise, results)));
    expect(report.exercise).toBe('chain-fixture');
    expect(report.results).toHaveLength(3);
    const ana = report.results[0];
    expect(ana).toMatchObject({ student: 'ana', score: 2.5, max_score: 14 });
    expect(ana.questions).toHaveLength(exercise.questions.length);
    for (const q of ana.questions) expect(Object.keys(q)).toEqual(expect.arrayContaining(['id', 'score', 'max_score', 'status', 'misconception', 'feedback']));
    const byId = Object.fromEntries(ana.questions.map((q: { id: string }) => [q.id, q]));
    expect(byId.da3).toMatchObject({ status: 'misconception', misconception: 'dropped-factor-2', score: 0 });
    expect(byId.dw3).toMatchObject({ status: 'misconception', misconception: 'weight-for-input', score: 0.5, max_score: 2 });
    expect(byId.a1).toMatchObject({ status: 'correct', answer: '0,5793' });
    expect(report.results[2]).toMatchObject({ student: null, source: 'cy.json', score: 0, error: expect.stringMatching(/truncated/) });
  });

  it('CSV: one row per student, a column per question', () => {
    const rows = parse(csvReport(exercise, results), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.student)).toEqual(['ana', 'bo', '']);
    expect(rows[0]).toMatchObject({ score: '2.5', max_score: '14', z1: '1', a1: '1', da3: '0', dw3: '0.5' });
    expect(rows[1]).toMatchObject({ z1: '0', a1: '1' });
    expect(rows[2].error).toMatch(/truncated/);
  });

  it('Gradescope results.json is valid per the spec, with misconception tags', () => {
    const gs = gradescopeResults(exercise, results[0], { visibility: 'after_published', showExpected: true, executionTime: 1 });
    expect(gradescopeProblems(gs)).toEqual([]);
    expect(gs.score).toBe(2.5);
    expect(gs.tests).toHaveLength(exercise.questions.length);
    const da3 = gs.tests.find((t) => t.name === 'da3')!;
    expect(da3).toMatchObject({ status: 'failed', score: 0, max_score: 1, tags: ['dropped-factor-2'], visibility: 'after_published' });
    expect(da3.output).toMatch(/factor 2[\s\S]*Expected: -0\.93957/);
    expect(gs.tests.find((t) => t.name === 'z1')).toMatchObject({ status: 'passed', score: 1, tags: [] });
    const broken = gradescopeResults(exercise, results[2]);
    expect(gradescopeProblems(broken)).toEqual([]);
    expect(broken).toMatchObject({ score: 0, tests: [], output: expect.stringMatching(/could not be graded/) });
  });

  it('the validator itself catches what Gradescope would reject', () => {
    expect(gradescopeProblems({ tests: [{ name: 'q', status: 'ok', visibility: 'public', score: '1' }] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/status/), expect.stringMatching(/visibility/), expect.stringMatching(/score/)])
    );
    expect(gradescopeProblems([])).not.toEqual([]);
    expect(gradescopeProblems({ score: 1, colour: 'red' })).toEqual(['unknown top-level field "colour"']);
  });

  it('summary: mean, verdicts per question, common misconceptions, the files not graded', () => {
    const text = summary(exercise, results);
    expect(text).toMatch(/3 submissions, 2 graded, 1 error/);
    expect(text).toMatch(/mean score 1\.75 \/ 14/);
    expect(text).toMatch(/^da3\s+0\s+0\s+0\s+2\s+0\s+0\s+0$/m);
    expect(text).toMatch(/2\s+dropped-factor-2 \(da3\)/);
    expect(text).toMatch(/cy\.json: not valid JSON/);
  });
});
