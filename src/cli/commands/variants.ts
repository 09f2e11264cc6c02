// `backstep variants EXERCISE --roster roster.csv --secret-file KEY`: each student's signed seed
// code and link, and the numbers their variant draws, as a CSV to mail-merge or upload.
import { writeFileSync } from 'node:fs';
import { parseOptions, type Command } from '../command.ts';
import { displayPath } from '../load.ts';
import { drawVariant } from '../../lib/core/variants.ts';
import { loadExercise } from '../grading/exercise.ts';
import { readSecret, SignedSeeds } from '../grading/seeds.ts';
import { readRoster, rosterFormat, rosterOptions, rosterUsage } from '../grading/roster.ts';
import { safeCsv } from '../../lib/core/grade/report.ts';

const usage = `Usage: backstep variants EXERCISE --roster ROSTER.csv --secret-file KEY [options]

Gives every student on the roster a seed for EXERCISE, signed with the secret in KEY (keep it
private; make one with: openssl rand -hex 32 > course.key). Prints a CSV: student, the roster's
other columns, seed, code, link, and the values the variant draws. The same secret always gives
the same seeds; \`backstep grade --secret-file KEY\` checks the codes.

${rosterUsage}
  --base-url URL      where the app is served (default: links start at /exercises/...)`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      { ...rosterOptions, 'base-url': { type: 'string' } },
      usage
    );
    const format = rosterFormat(opts, positionals, usage);

    const exerciseFile = positionals[0];
    const exercise = loadExercise(exerciseFile);
    if (!exercise.variants) console.error(`note: ${displayPath(exerciseFile)} has no variants: every student gets the same numbers`);
    const seeds = SignedSeeds.forExercise(readSecret(opts['secret-file']!), exercise);
    const roster = readRoster(opts.roster!);
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
        : safeCsv([
            ['student', ...roster.extraColumns.map((c) => roster.header[c]), 'seed', 'code', 'link', ...drawn],
            ...rows.map((r) => [r.student, ...r.extra, r.seed, r.code, r.link, ...drawn.map((n) => r.values[n])])
          ]);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
    console.error(`${rows.length} student${rows.length === 1 ? '' : 's'}: seeds signed for exercise "${exercise.id}"`);
    return 0;
  }
};
