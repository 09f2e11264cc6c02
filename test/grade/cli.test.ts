// `backstep grade`, `variants`, `test` and `lint` on exercises, run as a user runs them: a folder
// of mixed submissions (good, broken, CSV) in, every input exactly once out, in each format.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { loadExercise } from '../check/helpers.ts';
import { gradescopeProblems } from './gradescope.ts';

const backstep = (...args: string[]) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8' });
const key = 'test/fixtures/grade/course.key';
const exercise = loadExercise('exercises/chain3.md');
const seeds = SignedSeeds.forExercise(readFileSync(key, 'utf8').trim(), exercise);
const checker = new Checker(exercise);
let dir = '';
let inputs: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstep-grade-'));
  const subs = join(dir, 'subs');
  mkdirSync(join(subs, 'late'), { recursive: true });
  const right = (student: string) => Object.fromEntries(Object.entries(checker.expected(seeds.issued(student))).map(([k, v]) => [k, v.toFixed(4)]));
  writeFileSync(join(subs, 'ana.json'), JSON.stringify({ exercise: 'chain3', student: 'ana', seed: seeds.code('ana'), answers: right('ana') }));
  const bo = right('bo');
  bo.da3 = (Number(bo.a3) - 1).toFixed(4);
  writeFileSync(join(subs, 'bo.json'), JSON.stringify({ exercise: 'chain3', student: 'bo', answers: bo }));
  writeFileSync(join(subs, 'late', 'cy.json'), JSON.stringify({ exercise: 'chain3', student: 'cy', seed: seeds.code('ana'), answers: right('ana') }));
  writeFileSync(join(subs, 'book.csv'), `student,z1,a1\ndee,${right('dee').z1},${right('dee').a1}\neve,0.1,0.2\n`);
  for (const broken of ['empty', 'truncated', 'top-level-list', 'not-utf8']) copyFileSync(`test/fixtures/grade/broken/${broken}/submission.json`, join(subs, `${broken}.json`));
  writeFileSync(join(subs, 'notes.txt'), 'not a submission');
  inputs = ['ana.json', 'bo.json', 'late/cy.json', 'empty.json', 'truncated.json', 'top-level-list.json', 'not-utf8.json'];
});

describe('backstep grade', () => {
  it('JSON: every file once, broken ones as error rows, summary on stderr', () => {
    const run = backstep('grade', 'exercises/chain3.md', join(dir, 'subs'), join(dir, 'missing.json'), '--secret-file', key);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const sources: string[] = report.results.map((r: { source: string }) => r.source);
    for (const f of inputs) expect(sources.filter((s) => s.endsWith(f)), f).toHaveLength(1);
    expect(sources.filter((s) => s.includes('book.csv'))).toHaveLength(2);
    expect(sources.some((s) => s.endsWith('missing.json'))).toBe(true);
    expect(report.results).toHaveLength(inputs.length + 2 + 1);
    const by = (student: string) => report.results.find((r: { student: string }) => r.student === student);
    expect(by('ana')).toMatchObject({ score: report.max_score, seed: seeds.issued('ana') });
    expect(by('bo').questions.find((q: { id: string }) => q.id === 'da3')).toMatchObject({ status: 'misconception', misconception: 'dropped-factor-2' });
    expect(by('cy').error).toMatch(/not issued to this student/);
    expect(by('dee').score).toBe(2);
    expect(run.stderr).toMatch(/mean score/);
    expect(run.stderr).toMatch(/dropped-factor-2 \(da3\)/);
    expect(run.stderr).toMatch(/empty\.json: the file is empty/);
  });

  it('CSV gradebook and quoted globs', () => {
    const run = backstep('grade', 'exercises/chain3.md', join(dir, 'subs', '**', '*.json'), '--format', 'csv', '--secret-file', key, '--quiet');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(inputs.length);
    expect(Object.keys(rows[0])).toEqual(['student', 'status', 'source', 'seed', 'score', 'max_score', ...exercise.questions.map((q) => q.id), 'error', 'flags', 'warnings']);
  });

  it('Gradescope: one results.json, or one per submission in a folder; each valid', () => {
    const out = join(dir, 'results.json');
    const one = backstep('grade', 'exercises/chain3.md', join(dir, 'subs', 'bo.json'), '--format', 'gradescope', '--out', out, '--quiet', '--secret-file', key);
    expect(one.status, one.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(gradescopeProblems(results)).toEqual([]);
    expect(results.tests.find((t: { name: string }) => t.name === 'da3')).toMatchObject({ status: 'failed', tags: ['dropped-factor-2'] });

    const many = backstep('grade', 'exercises/chain3.md', join(dir, 'subs'), '--format', 'gradescope', '--quiet');
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/--out FOLDER/);
    const folder = join(dir, 'gs') + '/';
    const ok = backstep('grade', 'exercises/chain3.md', join(dir, 'subs'), '--format', 'gradescope', '--out', folder, '--quiet', '--secret-file', key);
    expect(ok.status, ok.stderr).toBe(0);
    const files = readdirSync(folder);
    expect(files).toHaveLength(inputs.length + 2);
    for (const f of files) expect(gradescopeProblems(JSON.parse(readFileSync(join(folder, f), 'utf8'))), f).toEqual([]);
  });

  it('usage errors exit 2; an exercise with errors exits 1', () => {
    expect(backstep('grade', 'exercises/chain3.md').status).toBe(2);
    expect(backstep('grade', 'exercises/chain3.md', dir, '--format', 'xml').status).toBe(2);
    const notAnExercise = join(dir, 'spec.yaml');
    writeFileSync(notAnExercise, 'nodes: { z: w*x }\n');
    const bad = backstep('grade', notAnExercise, dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/spec\.yaml:\d+:\d+: error/);
  });
});

describe('backstep variants', () => {
  it('signs a seed per student, repeatably, as codes and links', () => {
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'email,name\nana,Ana A\nbo,Bo B\nana,Again\n');
    const run = backstep('variants', 'exercises/chain3.md', '--roster', roster, '--secret-file', key, '--base-url', 'https://course.example/backstep/');
    expect(run.status, run.stderr).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.student)).toEqual(['ana', 'bo']);
    expect(run.stderr).toMatch(/listed twice/);
    expect(rows[0]).toMatchObject({ name: 'Ana A', seed: String(seeds.issued('ana')), code: seeds.code('ana') });
    expect(rows[0].link).toBe(`https://course.example/backstep/exercises/chain3?student=ana&code=${encodeURIComponent(seeds.code('ana'))}`);
    expect(Number(rows[0].x)).toBeGreaterThanOrEqual(0.5);
    expect(backstep('variants', 'exercises/chain3.md', '--roster', roster, '--secret-file', key).stdout).toBe(run.stdout.replaceAll('https://course.example/backstep', ''));
    const short = join(dir, 'short.key');
    writeFileSync(short, 'abc');
    expect(backstep('variants', 'exercises/chain3.md', '--roster', roster, '--secret-file', short).status).toBe(2);
  });
});

describe('backstep test and lint on exercises', () => {
  it('the shipped exercise passes its marking tests', () => {
    const run = backstep('test', 'exercises/chain3.md');
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/✓ chain3: reference answers score full marks/);
  });

  it('a wrong expectation fails, naming the question', () => {
    const text = readFileSync('exercises/chain3.md', 'utf8').replace('misconceptions: { da3: dropped-factor-2 }', 'misconceptions: { da3: update-plus }');
    const file = join(dir, 'exercises', 'chain3.md');
    mkdirSync(join(dir, 'exercises'), { recursive: true });
    writeFileSync(file, text);
    const run = backstep('test', file);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✗ chain3: the factor 2 of the square forgotten\n\s+da3: expected misconception "update-plus", got "dropped-factor-2"/);
  });

  it('lint reports exercise mistakes at file:line:col', () => {
    const file = join(dir, 'exercises', 'broken.md');
    writeFileSync(
      file,
      [
        '---',
        'title: Broken',
        'graph: { params: { w: 0.5 }, inputs: { x: 1 }, nodes: { z: w*x, C: z^2 }, loss: C }',
        'variants: { q: { uniform: [0, 1] } }',
        'questions:',
        '  - { id: dz, answer: grad(q) }',
        '  - { id: z, answer: z }',
        '  - { id: w, answer: w, points: -1 }',
        '---',
        '',
        ':::question{#z answer="z"}',
        ':::'
      ].join('\n')
    );
    const run = backstep('lint', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.md:4:\d+: error: variants: "q" is not a param or an input/);
    expect(run.stderr).toMatch(/broken\.md:6:\d+: error: question "dz": answer "grad\(q\)": unknown name "q"/);
    expect(run.stderr).toMatch(/broken\.md:8:\d+: error: question "w": points must be a number ≥ 0/);
    expect(run.stderr).toMatch(/broken\.md:11:1: error: question id "z" is used twice \(first at line 7\)/);
    expect(backstep('lint', 'exercises/chain3.md').status).toBe(0);
  });
});
