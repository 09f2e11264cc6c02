// `backstep test EXERCISE...`: run each exercise's marking tests — reference answers score full
// marks on many variants, and every `expect:` case gets the verdicts and score written down.
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath, expandPaths } from '../load.ts';
import { runMarkingTests } from '../../lib/core/check/marking-tests.ts';
import { loadExercise } from '../grading/exercise.ts';

const usage = `Usage: backstep test [EXERCISE...] [--variants N]

Runs the marking tests of each exercise (default: every file in exercises/): the reference
answers, exact and rounded to four decimals (or to the question's precision rule), must score
full marks on the written numbers and on N variant seeds (default 25); each case under
\`expect:\` must get the verdicts, misconceptions and score it names. Exits 1 on any failure.`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(argv, { variants: { type: 'string' } }, usage);
    const variants = opts.variants === undefined ? 25 : Number(opts.variants);
    if (!Number.isInteger(variants) || variants < 0) throw new CliError('--variants must be a whole number', 2);
    const files = expandPaths(positionals.length ? positionals : ['exercises'], /\.(md|markdown)$/i);
    if (!files.length) throw new CliError('no exercise files found', 2);
    let failed = 0;
    let passed = 0;
    for (const file of files) {
      let exercise;
      try {
        exercise = loadExercise(file);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        console.log(`✗ ${displayPath(file)}: ${err.message}`);
        failed++;
        continue;
      }
      for (const t of runMarkingTests(exercise, { variants })) {
        console.log(`${t.ok ? '✓' : '✗'} ${exercise.id}: ${t.name}`);
        for (const p of t.problems) console.log(`    ${p}`);
        for (const w of t.warnings ?? []) console.log(`    warning: ${w}`);
        if (t.ok) passed++;
        else failed++;
      }
    }
    console.log(`\n${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }
};
