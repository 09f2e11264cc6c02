// A Spanish and an English submission of the same variant get the same score: grading reads
// answers by question id, whatever the language the student worked in. The submission records
// its language; feedback is written in it, or in the language `backstep grade --lang` asks for.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { Grader } from '../../src/lib/core/grade/grader.ts';
import { gradescopeResults } from '../../src/lib/core/grade/report.ts';
import { readJsonSubmission, readCsvSubmissions } from '../../src/lib/core/grade/submission.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { loadExercise } from '../check/helpers.ts';

const backstep = (...args: string[]) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8' });
const key = 'test/fixtures/grade/course.key';
const exercise = loadExercise('exercises/chain3.md');
const seeds = SignedSeeds.forExercise(readFileSync(key, 'utf8').trim(), exercise);
const checker = new Checker(exercise);
const spanish = (answer: string) => answer.replace('.', ',');

/** One student's answers: most right to four decimals, one factor-2 slip, one rounded, one missing. */
function answersOf(student: string): Record<string, string> {
  const expected = checker.expected(seeds.issued(student));
  const out = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.toFixed(4)]));
  out.da3 = (Number(out.a3) - 1).toFixed(4);
  out.a1 = expected.a1.toFixed(1);
  delete out.z2;
  return out;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstep-lang-'));
  mkdirSync(join(dir, 'subs'));
  const en = answersOf('ana');
  writeFileSync(join(dir, 'subs', 'ana-en.json'), JSON.stringify({ exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), lang: 'en', answers: en }));
  writeFileSync(join(dir, 'subs', 'ana-es.json'), JSON.stringify({ exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), lang: 'es', answers: Object.fromEntries(Object.entries(en).map(([k, v]) => [k, spanish(v)])) }));
});

describe('grading in two languages', () => {
  it('a submission records its language (JSON field, CSV column); an unknown one is a warning, not an error', () => {
    const sub = readJsonSubmission(JSON.stringify({ student: 'ana', lang: 'es', answers: {} }), 'a.json');
    expect(sub).toMatchObject({ lang: 'es' });
    const odd = readJsonSubmission(JSON.stringify({ student: 'ana', lang: 'fr', answers: {} }), 'a.json');
    expect(odd).toMatchObject({ notes: ['"lang" "fr" is not one of en, es: ignored'] });
    expect('lang' in odd).toBe(false);
    const [row] = readCsvSubmissions('student,lang,z1\nana,es,"0,32"\n', 'book.csv');
    expect(row).toMatchObject({ lang: 'es', answers: { z1: '0,32' } });
  });

  it('the same variant answered in Spanish and in English: the same score and verdicts, feedback in each language', () => {
    const grader = new Grader(exercise, { seeds });
    const en = answersOf('ana');
    const es = Object.fromEntries(Object.entries(en).map(([k, v]) => [k, spanish(v)]));
    const rEn = grader.grade({ source: 'en.json', exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), answers: en, lang: 'en' });
    const rEs = grader.grade({ source: 'es.json', exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), answers: es, lang: 'es' });
    expect(rEs.error).toBeUndefined();
    expect(rEs.score).toBe(rEn.score);
    expect(rEs.score).toBeGreaterThan(0);
    expect(rEs.score).toBeLessThan(rEs.max_score);
    const verdicts = (r: typeof rEn) => r.questions.map((q) => [q.id, q.status, q.score, q.misconception]);
    expect(verdicts(rEs)).toEqual(verdicts(rEn));
    expect(rEs).toMatchObject({ lang: 'es', feedback_lang: 'es' });
    const da3 = (r: typeof rEn) => r.questions.find((q) => q.id === 'da3')!;
    expect(da3(rEn).feedback).toMatch(/^You dropped the factor 2/);
    expect(da3(rEs).feedback).toMatch(/^Te has dejado el factor 2/);
    expect(rEs.questions.find((q) => q.id === 'z2')!.feedback).toBe('Sin respuesta.');
    // Gradescope: labels and lines in the student's language.
    const gs = gradescopeResults(exercise, rEs, { showExpected: true });
    const test = gs.tests.find((t) => t.name === 'da3')!;
    expect(test.output).toMatch(/^Error conceptual: Te has dejado el factor 2/);
    expect(test.output).toMatch(/\nTu respuesta: -?\d+,\d{4}\nValor esperado: -?\d+,\d+$/);
    // --lang overrides the recorded language.
    const forced = new Grader(exercise, { seeds, lang: 'en' }).grade({ source: 'es.json', exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), answers: es, lang: 'es' });
    expect(forced).toMatchObject({ lang: 'es', feedback_lang: 'en', score: rEn.score });
    expect(da3(forced).feedback).toBe(da3(rEn).feedback);
  });

  it('backstep grade --lang es: JSON and Gradescope feedback in Spanish, the same scores', () => {
    type Row = { score: number; lang: string | null; feedback_lang: string; questions: { id: string; feedback: string }[] };
    const grade = (file: string, ...options: string[]): Row => {
      const run = backstep('grade', 'exercises/chain3.md', join(dir, 'subs', file), '--secret-file', key, '--quiet', ...options);
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout).results[0];
    };
    const en = grade('ana-en.json');
    const es = grade('ana-es.json');
    expect(es.score).toBe(en.score);
    expect([en.lang, en.feedback_lang, es.lang, es.feedback_lang]).toEqual(['en', 'en', 'es', 'es']);
    const enInSpanish = grade('ana-en.json', '--lang', 'es');
    expect(enInSpanish).toMatchObject({ score: en.score, lang: 'en', feedback_lang: 'es' });
    for (const r of [es, enInSpanish]) expect(r.questions.find((q) => q.id === 'da3')!.feedback).toMatch(/^Te has dejado el factor 2/);
    expect(grade('ana-es.json', '--lang', 'en').questions.find((q) => q.id === 'da3')!.feedback).toMatch(/^You dropped the factor 2/);
    const gs = backstep('grade', 'exercises/chain3.md', join(dir, 'subs', 'ana-en.json'), '--secret-file', key, '--quiet', '--lang', 'es', '--format', 'gradescope');
    expect(gs.status, gs.stderr).toBe(0);
    const results = JSON.parse(gs.stdout);
    expect(results.tests.find((t: { name: string }) => t.name === 'z2').output).toBe('Sin respuesta.');
    // The title comes from the translation (exercises/chain3.es.md).
    expect(results.output).toMatch(/^Tres neuronas sigmoides en fila: \d+(,\d+)? \/ 19$/);
    const bad = backstep('grade', 'exercises/chain3.md', join(dir, 'subs'), '--lang', 'fr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--lang must be en or es, not "fr"/);
  });
});
