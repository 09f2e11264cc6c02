// `backstep test [FILE...]`: run each exercise's marking tests — reference answers score full
// marks on many variants, and every `expect:` case gets the verdicts and score written down — and
// each lesson's question tests (with or without a graph): every reference answer is marked right.
import { statSync } from 'node:fs';
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath, expandPaths, printDiagnostics, readText } from '../load.ts';
import { runMarkingTests, type MarkingTestResult } from '../../lib/core/check/marking-tests.ts';
import { loadExercise } from '../grading/exercise.ts';
import { readSpecDocument } from '../../lib/content/document.ts';
import { isExercise } from '../../lib/content/exercise.ts';
import { parseLesson } from '../../lib/content/lesson.ts';
import { runLessonTests } from '../../lib/content/lesson-tests.ts';

const usage = `Usage: backstep test [FILE...] [--variants N]

Runs the marking tests of each exercise and lesson (default: every file in exercises/ and
lessons/). An exercise's reference answers, exact and rounded to four decimals (or to the
question's precision rule), must score full marks on the written numbers and on N variant seeds
(default 25); each case under \`expect:\` must get the verdicts, misconceptions and score it names.
A lesson's questions (with a graph or without one) must mark their reference answers right, exact
and as a student writes them, and a wrong answer wrong; a question that reads a widget's state
(start(bowl)) is tried across that widget's range. Exits 1 on any failure.`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(argv, { variants: { type: 'string' } }, usage);
    const variants = opts.variants === undefined ? 25 : Number(opts.variants);
    if (!Number.isInteger(variants) || variants < 0) throw new CliError('--variants must be a whole number', 2);
    const files = expandPaths(positionals.length ? positionals : ['exercises', 'lessons'].filter(existsDir), /\.(md|markdown)$/i);
    if (!files.length) throw new CliError('no exercise or lesson files found', 2);
    let failed = 0;
    let passed = 0;
    const report = (name: string, results: MarkingTestResult[]) => {
      for (const t of results) {
        console.log(`${t.ok ? '✓' : '✗'} ${name}: ${t.name}`);
        for (const p of t.problems) console.log(`    ${p}`);
        for (const w of t.warnings ?? []) console.log(`    warning: ${w}`);
        if (t.ok) passed++;
        else failed++;
      }
    };
    for (const file of files) {
      const text = readText(file);
      const shown = displayPath(file);
      if (!isExercise(readSpecDocument(text, shown))) {
        // A lesson: its questions, on its graph or (without one) on numbers alone.
        const lesson = parseLesson(text, shown);
        printDiagnostics(lesson.diagnostics);
        const errors = lesson.diagnostics.filter((d) => d.severity === 'error').length;
        if (errors) {
          console.log(`✗ ${shown}: ${errors} error${errors === 1 ? '' : 's'}; not a lesson that can be tested`);
          failed++;
        } else if (!lesson.questions.length) console.log(`- ${shown}: no questions to test`);
        else report(shown, runLessonTests(lesson));
        continue;
      }
      let exercise;
      try {
        exercise = loadExercise(file);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        console.log(`✗ ${shown}: ${err.message}`);
        failed++;
        continue;
      }
      report(exercise.id, runMarkingTests(exercise, { variants }));
    }
    console.log(`\n${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }
};

function existsDir(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
