// An instructor's whole batch, end to end through the `backstep` command: a roster of 30, signed
// variants, generated submissions with copies, a duplicate, a non-submitter, an off-roster formula
// id, a seedless file, a tampered code and corrupt files → JSON, CSV and Gradescope, each checked.
// Then: reordering the variants block changes no grade, and widening a range is refused.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const ids = Array.from({ length: 30 }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
const formulaId = '=HYPERLINK("http://evil.example","click")';
const max = checker.maxScore;
let dir = '';
let subs = '';
let roster = '';

interface Row {
  student: string | null;
  source: string;
  score: number;
  error?: string;
  missing?: boolean;
  on_roster?: boolean;
  copy_of?: string[];
  set_aside?: string[];
  flags?: string[];
}

/** Each student's exact answers, written to four decimals as a careful student would. */
const right = (student: string) => Object.fromEntries(Object.entries(checker.expected(seeds.issued(student))).map(([k, v]) => [k, v.toFixed(4)]));
const submission = (student: string, answers: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ exercise: 'chain3', student, seed: seeds.code(student), answers, ...extra });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstep-e2e-'));
  subs = join(dir, 'subs');
  mkdirSync(subs);
  roster = join(dir, 'roster.csv');
  writeFileSync(roster, ['student,name', ...ids.map((id, i) => `${id},Student ${i + 1}`)].join('\n') + '\n');
  const write = (name: string, text: string | Uint8Array) => writeFileSync(join(subs, name), text);
  // s01–s20: their own right answers.
  for (const id of ids.slice(0, 20)) write(`${id}.json`, submission(id, right(id)));
  // s21–s25: s01's answers handed in with their own codes.
  for (const id of ids.slice(20, 25)) write(`${id}.json`, submission(id, right('s01')));
  // s26: two submissions, the later one better.
  const half = Object.fromEntries(Object.entries(right('s26')).slice(0, 4));
  write('s26-first.json', submission('s26', half, { submitted_at: '2026-11-30T10:00:00Z' }));
  write('s26-second.json', submission('s26', right('s26'), { submitted_at: '2026-11-30T12:00:00Z' }));
  // s27 hands nothing in. s28: no seed at all (the issued one applies with the secret).
  write('s28.json', JSON.stringify({ exercise: 'chain3', student: 's28', answers: right('s28') }));
  // s29: a tampered code (another seed, same signature).
  const [seedPart, rest] = seeds.code('s29').split('.');
  const tampered = `${(parseInt(seedPart, 36) + 1).toString(36)}.${rest}`;
  write('s29.json', JSON.stringify({ exercise: 'chain3', student: 's29', seed: tampered, answers: right('s29') }));
  // s30: a truncated file; plus a binary file, a formula id not on the roster, and a note.
  write('s30.json', submission('s30', right('s30')).slice(0, 40));
  write('garbage.json', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  write('intruder.json', JSON.stringify({ exercise: 'chain3', student: formulaId, answers: { z1: '1' } }));
  write('README.txt', 'notes from the TA');
});

function gradeJson(exerciseFile: string, ...more: string[]): { rows: Row[]; stderr: string; status: number | null } {
  const run = backstep('grade', exerciseFile, subs, '--roster', roster, '--secret-file', key, ...more);
  expect(run.status, run.stderr).toBe(0);
  return { rows: JSON.parse(run.stdout).results, stderr: run.stderr, status: run.status };
}

describe('grading a class of 30', () => {
  it('JSON: one row per roster student, copies, duplicates, missing, off-roster, errors', () => {
    const { rows, stderr } = gradeJson('exercises/chain3.md');
    const by = (id: string) => rows.find((r) => r.student === id)!;
    // One row per roster student (in roster order), then the off-roster id, then the unnamed file.
    expect(rows.slice(0, 30).map((r) => r.student)).toEqual(ids);
    expect(rows.filter((r) => r.student === formulaId)).toHaveLength(1);
    expect(by(formulaId)).toMatchObject({ on_roster: false });
    expect(by(formulaId).flags).toContain('not on the roster');
    expect(rows.length).toBe(32); // + garbage.json, an error row named from its file name
    expect(by('garbage')).toMatchObject({ on_roster: false, error: expect.stringMatching(/not a text file|not UTF-8/) });
    for (const id of ids.slice(0, 20)) expect(by(id), id).toMatchObject({ score: max });
    for (const id of ids.slice(0, 20)) expect(by(id).copy_of, id).toBeUndefined();
    // Copies: flagged on their rows, naming s01, and listed in the summary; their score stands.
    for (const id of ids.slice(20, 25)) {
      expect(by(id).copy_of, id).toContain('s01');
      expect(by(id).flags?.join(), id).toMatch(/possible copy: \d+ answers fit the variant of s01/);
    }
    expect(stderr).toMatch(/possible copies[^\n]*\(5\):/);
    // The duplicate: the latest kept, the other listed.
    expect(by('s26')).toMatchObject({ score: max, set_aside: [expect.stringMatching(/s26-first\.json$/)] });
    expect(stderr).toMatch(/s26: kept \S*s26-second\.json; set aside \S*s26-first\.json/);
    expect(by('s27')).toMatchObject({ missing: true, score: 0 });
    expect(stderr).toMatch(/no submission \(1\):\n\s+s27/);
    expect(by('s28')).toMatchObject({ score: max });
    expect(by('s29').error).toMatch(/not issued to this student/);
    expect(by('s30')).toMatchObject({ score: 0, error: expect.stringMatching(/truncated/) });
    expect(stderr).toMatch(/skipped 1 file.*\n\s+\S*README\.txt/);
  });

  it('--keep first and --keep best choose differently, by the stated policy', () => {
    expect(gradeJson('exercises/chain3.md', '--keep', 'first', '--quiet').rows.find((r) => r.student === 's26')).toMatchObject({ score: 4, set_aside: [expect.stringMatching(/s26-second/)] });
    expect(gradeJson('exercises/chain3.md', '--keep', 'best', '--quiet').rows.find((r) => r.student === 's26')).toMatchObject({ score: max });
  });

  it('CSV: the same rows, formula-safe, with status and flags', () => {
    const run = backstep('grade', 'exercises/chain3.md', subs, '--roster', roster, '--secret-file', key, '--format', 'csv', '--quiet');
    expect(run.status, run.stderr).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(32);
    expect(rows.map((r) => r.student)).toContain(`'${formulaId}`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+@]|^-(?!\d)/);
    const by = (id: string) => rows.find((r) => r.student === id)!;
    expect(by('s27')).toMatchObject({ status: 'missing', score: '0' });
    expect(by('s29').status).toBe('error');
    expect(by('s01')).toMatchObject({ status: 'graded', score: String(max) });
    expect(by('s22').flags).toMatch(/possible copy/);
  });

  it('Gradescope: one valid results.json per row, with clean file names', () => {
    const out = join(dir, 'gradescope') + '/';
    const run = backstep('grade', 'exercises/chain3.md', subs, '--roster', roster, '--secret-file', key, '--format', 'gradescope', '--out', out, '--quiet');
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(32);
    for (const f of files) {
      expect(f).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/);
      expect(gradescopeProblems(JSON.parse(readFileSync(join(out, f), 'utf8'))), f).toEqual([]);
    }
    expect(JSON.parse(readFileSync(join(out, 's01.json'), 'utf8')).score).toBe(max);
    expect(JSON.parse(readFileSync(join(out, 's27.json'), 'utf8'))).toMatchObject({ score: 0, output: 'No submission.' });
  });
});

describe('after the codes went out', () => {
  const variantsBlock = /variants:\n(  .*\n)+/;
  const rewrite = (name: string, block: string) => {
    mkdirSync(join(dir, 'exercises'), { recursive: true });
    const file = join(dir, 'exercises', name);
    writeFileSync(file, readFileSync('exercises/chain3.md', 'utf8').replace(variantsBlock, `variants:\n${block}`));
    return file;
  };
  const scores = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.student, [r.score, r.error ?? null]]));

  it('reordering the variants block changes no grade', () => {
    const original = gradeJson('exercises/chain3.md', '--quiet').rows;
    const reordered = gradeJson(rewrite('reordered.md', "  w3: { choice: [0.23, 0.27, 0.31] }\n  x: { uniform: [0.5, 1.5], decimals: 2 }\n"), '--quiet').rows;
    expect(scores(reordered)).toEqual(scores(original));
  });

  it('widening a variant range is refused, naming the variable, unless accepted', () => {
    const widened = rewrite('widened.md', "  x: { uniform: [0.5, 2.5], decimals: 2 }\n  w3: { choice: [0.23, 0.27, 0.31] }\n");
    const refused = gradeJson(widened, '--quiet').rows;
    for (const id of ids.slice(0, 20)) expect(refused.find((r) => r.student === id)?.error, id).toMatch(/variants block changed since this code was made \("x"\).*--accept-changed-variants/);
    const accepted = gradeJson(widened, '--quiet', '--accept-changed-variants').rows;
    expect(accepted.find((r) => r.student === 's01')?.error).toBeUndefined();
  });
});
