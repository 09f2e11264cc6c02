// The instructor's commands: `key` (every student's exact answers), `solve`/`steps --student`
// (one student's variant), `gradescope` (an autograder zip, run here against a fake /autograder
// folder exactly as Gradescope runs it), and the compiled CLI rebuilding itself when a source changes.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { SignedSeeds } from '../../src/cli/grading/seeds.ts';
import { drawVariant } from '../../src/lib/core/variants.ts';
import { loadExercise } from '../check/helpers.ts';
import { gradescopeProblems } from './gradescope.ts';

const backstep = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, ['bin/backstep.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
const key = 'test/fixtures/grade/course.key';
const exercise = loadExercise('exercises/chain3.md');
const seeds = SignedSeeds.forExercise(readFileSync(key, 'utf8').trim(), exercise);
const checker = new Checker(exercise);
let dir = '';
let roster = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backstep-tools-'));
  roster = join(dir, 'roster.csv');
  writeFileSync(roster, 'email,name\nana@uni.edu,Ana\n"=HYPERLINK(""x"")",Eve\n');
});

describe('backstep key', () => {
  it("prints each roster student's exact answers, formula-safe", () => {
    const run = backstep(['key', 'exercises/chain3.md', '--roster', roster, '--secret-file', key]);
    expect(run.status, run.stderr).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.student)).toEqual(['ana@uni.edu', `'=HYPERLINK("x")`]);
    const expected = checker.expected(seeds.issued('ana@uni.edu'));
    for (const q of exercise.questions) expect(Number(rows[0][q.id])).toBe(expected[q.id]);
    expect(rows[0].code).toBe(seeds.code('ana@uni.edu'));
    const json = JSON.parse(backstep(['key', 'exercises/chain3.md', '--roster', roster, '--secret-file', key, '--format', 'json']).stdout);
    expect(json.students[0].answers).toEqual(expected);
    expect(json.students[0].written.z1).toMatch(/^-?\d+\.\d{4}$/);
  });
});

describe('solve and steps --student', () => {
  it("use the student's variant", () => {
    const run = backstep(['solve', 'exercises/chain3.md', '--json', '--student', 'ana@uni.edu', '--secret-file', key]);
    expect(run.status, run.stderr).toBe(0);
    const drawn = drawVariant(exercise.variants, seeds.issued('ana@uni.edu'));
    const out = JSON.parse(run.stdout);
    expect(out.values.x).toBe(drawn.x);
    expect(out.values.w3).toBe(drawn.w3);
    expect(out.gradients.w3).toBe(checker.expected(seeds.issued('ana@uni.edu')).dw3);
    expect(run.stderr).toMatch(/ana@uni\.edu's variant/);
    const steps = backstep(['steps', 'exercises/chain3.md', '--pass', 'forward', '--student', 'ana@uni.edu', '--secret-file', key]);
    expect(steps.status, steps.stderr).toBe(0);
    expect(steps.stdout).toContain(String(drawn.x));
    expect(backstep(['solve', 'exercises/chain3.md', '--student', 'ana@uni.edu']).status).toBe(2);
  });
});

describe('backstep gradescope', () => {
  it('writes an autograder that grades one upload as the student Gradescope names', () => {
    const zipFile = join(dir, 'autograder.zip');
    const made = backstep(['gradescope', 'exercises/chain3.md', '--secret-file', key, '--out', zipFile]);
    expect(made.status, made.stderr).toBe(0);
    const files = unzipSync(readFileSync(zipFile));
    expect(Object.keys(files).sort()).toEqual(['chain3.md', 'config.json', 'course.key', 'grader.cjs', 'run_autograder', 'setup.sh']);
    const source = join(dir, 'autograder', 'source');
    mkdirSync(source, { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(source, name), bytes);
    chmodSync(join(source, 'run_autograder'), 0o755);

    const grade = (student: string, upload: Record<string, unknown> | string, name = 'submission.json') => {
      const root = mkdtempSync(join(dir, 'run-'));
      mkdirSync(join(root, 'submission'));
      writeFileSync(join(root, 'submission_metadata.json'), JSON.stringify({ id: 1, users: [{ email: student, name: 'X', sid: '1' }] }));
      writeFileSync(join(root, 'submission', name), typeof upload === 'string' ? upload : JSON.stringify(upload));
      const run = spawnSync('bash', [join(source, 'run_autograder')], { encoding: 'utf8', env: { ...process.env, AUTOGRADER_ROOT: root } });
      expect(run.status, run.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
      expect(gradescopeProblems(results)).toEqual([]);
      return results;
    };
    const right = Object.fromEntries(Object.entries(checker.expected(seeds.issued('ana@uni.edu'))).map(([k, v]) => [k, v.toFixed(4)]));
    const ok = grade('ana@uni.edu', { exercise: 'chain3', student: 'ana@uni.edu', seed: seeds.code('ana@uni.edu'), answers: right });
    expect(ok.score).toBe(checker.maxScore);
    expect(ok.tests[0].output).toBe('Correct.\nYour answer: ' + right.z1);
    // Handed in by bo with ana's file: graded as bo, whose code this is not.
    const other = grade('bo@uni.edu', { exercise: 'chain3', student: 'ana@uni.edu', seed: seeds.code('ana@uni.edu'), answers: right });
    expect(other.score).toBe(0);
    expect(other.output).toMatch(/not issued to this student/);
    // No seed: bo's issued seed; a broken upload is a message, never a crash.
    expect(grade('ana@uni.edu', { answers: right }).score).toBe(checker.maxScore);
    expect(grade('ana@uni.edu', '{"answers": {').output).toMatch(/not valid JSON/);
    expect(grade('ana@uni.edu', 'hello', 'notes.txt').output).toMatch(/No \.json file/);
  });
});

describe('the compiled CLI', () => {
  it('--help lists every command without loading one, and a changed source is recompiled', () => {
    const run = backstep(['--help']);
    expect(run.status).toBe(0);
    for (const c of ['solve', 'steps', 'lint', 'test', 'variants', 'key', 'grade', 'gradescope', 'train', 'bench']) expect(run.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const manifest = 'dist/cli/manifest.json';
    const before = JSON.parse(readFileSync(manifest, 'utf8')).builtAt;
    const later = new Date(Math.max(Date.now(), before + 2000));
    utimesSync('src/cli/main.ts', later, later);
    expect(backstep(['--help']).stdout).toBe(run.stdout);
    const after = JSON.parse(readFileSync(manifest, 'utf8')).builtAt;
    expect(after).toBeGreaterThan(before);
    expect(statSync('src/cli/main.ts').mtimeMs).toBeLessThanOrEqual(after + 2000);
  });
});
