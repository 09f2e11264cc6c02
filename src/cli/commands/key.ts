// `backstep key EXERCISE --roster CSV --secret-file KEY`: the answer key — every roster student's
// seed, variant numbers and exact answer to each question, for an instructor checking by hand.
import { writeFileSync } from 'node:fs';
import { parseOptions, type Command } from '../command.ts';
import { Checker } from '../../lib/core/check/checker.ts';
import { studentWriting } from '../../lib/core/check/marking-tests.ts';
import { safeCsv } from '../../lib/core/grade/report.ts';
import { drawVariant } from '../../lib/core/variants.ts';
import { loadExercise } from '../grading/exercise.ts';
import { readRoster, rosterFormat, rosterOptions, rosterUsage } from '../grading/roster.ts';
import { readSecret, SignedSeeds } from '../grading/seeds.ts';

const usage = `Usage: backstep key EXERCISE --roster ROSTER.csv --secret-file KEY [--format csv|json] [--out FILE]

Prints every roster student's exact answers to EXERCISE: their seed and code (as
\`backstep variants\` issued them with the same secret), the numbers their variant draws, and
each question's answer at full precision (JSON also gives it as a student would write it).

${rosterUsage}`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      rosterOptions,
      usage
    );
    const format = rosterFormat(opts, positionals, usage);
    const exercise = loadExercise(positionals[0]);
    const seeds = SignedSeeds.forExercise(readSecret(opts['secret-file']!), exercise);
    const roster = readRoster(opts.roster!);
    const checker = new Checker(exercise);
    const drawnNames = exercise.variants?.draws.map((d) => d.name) ?? [];
    const students = roster.ids.map((student) => {
      const seed = exercise.variants ? seeds.issued(student) : null;
      return {
        student,
        seed,
        code: exercise.variants ? seeds.code(student) : null,
        values: seed === null ? {} : drawVariant(exercise.variants, seed),
        answers: checker.expected(seed)
      };
    });
    const text =
      format === 'json'
        ? JSON.stringify(
            {
              exercise: exercise.id,
              questions: exercise.questions.map((q) => ({ id: q.id, answer: q.answer, points: q.points })),
              students: students.map((s) => ({
                ...s,
                written: Object.fromEntries(exercise.questions.map((q) => [q.id, studentWriting(q, s.answers[q.id])]))
              }))
            },
            null,
            2
          ) + '\n'
        : safeCsv([
            ['student', 'seed', 'code', ...drawnNames, ...exercise.questions.map((q) => q.id)],
            ...students.map((s) => [s.student, s.seed ?? '', s.code ?? '', ...drawnNames.map((n) => s.values[n]), ...exercise.questions.map((q) => s.answers[q.id])])
          ]);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
    console.error(`${students.length} student${students.length === 1 ? '' : 's'}: answer key for exercise "${exercise.id}"`);
    return 0;
  }
};
