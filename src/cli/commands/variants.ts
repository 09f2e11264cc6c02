// `backstep variants EXERCISE --roster roster.csv --secret-file KEY`: each student's signed seed
// code and link, and the numbers their variant draws, as a CSV to mail-merge or upload.
import { writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath, readText } from '../load.ts';
import { drawVariant } from '../../lib/core/variants.ts';
import { loadExercise } from '../grading/exercise.ts';
import { readSecret, SignedSeeds } from '../grading/seeds.ts';

const usage = `Usage: backstep variants EXERCISE --roster ROSTER.csv --secret-file KEY [options]

Gives every student on the roster a seed for EXERCISE, signed with the secret in KEY (keep it
private; make one with: openssl rand -hex 32 > course.key). Prints a CSV: student, the roster's
other columns, seed, code, link, and the values the variant draws. The same secret always gives
the same seeds; \`backstep grade --secret-file KEY\` checks the codes.

  --roster FILE     CSV with a header; the student column is "student", "student_id", "id" or
                    "email", else the first column
  --secret-file KEY the instructor's secret
  --base-url URL    where the app is served (default: links start at /exercises/...)
  --format F        csv (default) or json
  --out FILE        write there instead of standard output`;

export const command: Command = {
  summary: "signed per-student seeds, codes and links for an exercise's variants",
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      { roster: { type: 'string' }, 'secret-file': { type: 'string' }, 'base-url': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
      usage
    );
    if (positionals.length !== 1) throw new CliError(usage, 2);
    if (!opts.roster) throw new CliError(`--roster is required\n\n${usage}`, 2);
    if (!opts['secret-file']) throw new CliError(`--secret-file is required\n\n${usage}`, 2);
    const format = opts.format ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, not "${format}"`, 2);

    const exerciseFile = positionals[0];
    const exercise = loadExercise(exerciseFile);
    if (!exercise.variants) console.error(`note: ${displayPath(exerciseFile)} has no variants: every student gets the same numbers`);
    const seeds = new SignedSeeds(readSecret(opts['secret-file']), exercise.id);
    const roster = readRoster(opts.roster);
    const slug = exerciseFile.replace(/^.*[\\/]/, '').replace(/\.(md|markdown)$/i, '').replace(/^\d+-/, '');
    const base = (opts['base-url'] ?? '').replace(/\/+$/, '');

    const drawn = exercise.variants?.draws.map((d) => d.name) ?? [];
    const rows = roster.rows.map((row) => {
      const student = row[roster.studentColumn];
      const seed = seeds.issued(student);
      const code = seeds.code(student);
      const link = `${base}/exercises/${slug}?student=${encodeURIComponent(student)}&code=${encodeURIComponent(code)}`;
      const values = drawVariant(exercise.variants, seed);
      return { student, extra: roster.extraColumns.map((c) => row[c] ?? ''), seed, code, link, values };
    });
    const text =
      format === 'json'
        ? JSON.stringify({ exercise: exercise.id, students: rows.map((r) => ({ student: r.student, seed: r.seed, code: r.code, link: r.link, values: r.values })) }, null, 2) + '\n'
        : stringify([
            ['student', ...roster.extraColumns.map((c) => roster.header[c]), 'seed', 'code', 'link', ...drawn],
            ...rows.map((r) => [r.student, ...r.extra, r.seed, r.code, r.link, ...drawn.map((n) => r.values[n])])
          ]);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
    console.error(`${rows.length} student${rows.length === 1 ? '' : 's'}: seeds signed for exercise "${exercise.id}"`);
    return 0;
  }
};

function readRoster(file: string) {
  let rows: string[][];
  try {
    rows = parseCsv(readText(file), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new CliError(`${displayPath(file)}: not a readable CSV (${(err as Error).message})`, 2);
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) throw new CliError(`${displayPath(file)}: the roster needs a header row and at least one student`, 2);
  const lower = header.map((h) => h.toLowerCase());
  const found = ['student', 'student_id', 'id', 'email'].map((n) => lower.indexOf(n)).find((i) => i >= 0);
  const studentColumn = found ?? 0;
  const seen = new Set<string>();
  const kept: string[][] = [];
  body.forEach((row, i) => {
    const id = row[studentColumn]?.trim();
    if (!id) return console.error(`${displayPath(file)}:${i + 2}: no student id; row skipped`);
    if (seen.has(id)) return console.error(`${displayPath(file)}:${i + 2}: student "${id}" is listed twice; row skipped`);
    seen.add(id);
    kept.push(row);
  });
  return { header, rows: kept, studentColumn, extraColumns: header.map((_, i) => i).filter((i) => i !== studentColumn) };
}
