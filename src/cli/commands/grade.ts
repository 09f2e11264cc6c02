// `backstep grade EXERCISE SUBMISSION...`: mark a batch of submissions (JSON files, CSV tables,
// folders, globs) and write JSON, a gradebook CSV, or Gradescope's results.json. Every input
// file appears in the output; a broken one as an error row, and the batch goes on.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath } from '../load.ts';
import { Grader, type StudentResult } from '../../lib/core/grade/grader.ts';
import { csvReport, gradescopeResults, gradescopeVisibilities, jsonReport, summary, type GradescopeVisibility } from '../../lib/core/grade/report.ts';
import { MAX_SUBMISSION_BYTES } from '../../lib/core/grade/submission.ts';
import { loadExercise } from '../grading/exercise.ts';
import { expandSubmissionPaths } from '../grading/paths.ts';
import { Progress } from '../grading/progress.ts';
import { readSecret, SignedSeeds } from '../grading/seeds.ts';

const usage = `Usage: backstep grade EXERCISE SUBMISSION... [options]

Grades submissions of EXERCISE (an exercises/*.md file). A SUBMISSION is a JSON file
{ "exercise", "student", "seed"?, "answers": { "<question id>": "<typed answer>" } }, a CSV table
(a student column, an optional seed column, one column per question id), a folder of those, or
a glob ('subs/**/*.json').

  --format F          json (default), csv (one gradebook row per student) or gradescope
  --out PATH          write there instead of standard output (gradescope with several
                      submissions: a folder, one <student>.json each)
  --secret-file KEY   the instructor's secret (as given to \`backstep variants\`): signed seed
                      codes are verified, and a submission without a seed gets its issued seed
  --show-expected     gradescope: show the expected value in each question's output
  --visibility V      gradescope: hidden, after_due_date, after_published or visible (default)
  --quiet             no summary on standard error

The summary (mean score, verdicts per question, common misconceptions) goes to standard error.
Broken submissions become error rows naming the file and the problem; the exit status is 0
unless the exercise itself cannot be read (1) or the options are wrong (2).`;

export const command: Command = {
  summary: 'grade submissions of an exercise (JSON, CSV, Gradescope results.json)',
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      {
        format: { type: 'string' },
        out: { type: 'string' },
        'secret-file': { type: 'string' },
        'show-expected': { type: 'boolean' },
        visibility: { type: 'string' },
        quiet: { type: 'boolean' }
      },
      usage
    );
    if (positionals.length < 2) throw new CliError(usage, 2);
    const format = opts.format ?? 'json';
    if (!['json', 'csv', 'gradescope'].includes(format)) throw new CliError(`--format must be json, csv or gradescope, not "${format}"`, 2);
    const visibility = (opts.visibility ?? 'visible') as GradescopeVisibility;
    if (!gradescopeVisibilities.includes(visibility)) throw new CliError(`--visibility must be one of ${gradescopeVisibilities.join(', ')}`, 2);

    const [exerciseFile, ...paths] = positionals;
    const exercise = loadExercise(exerciseFile);
    const seeds = opts['secret-file'] ? new SignedSeeds(readSecret(opts['secret-file']), exercise.id) : undefined;
    const grader = new Grader(exercise, { seeds });
    const started = performance.now();

    const { files, entries } = expandSubmissionPaths(paths);
    const results: StudentResult[] = [];
    const progress = new Progress(files.length);
    let done = 0;
    for (const entry of entries) {
      if (!('file' in entry)) {
        results.push(grader.errorRow(entry.path, null, entry.reason));
        continue;
      }
      results.push(...gradeFile(grader, entry.file));
      progress.update(++done);
    }
    progress.finish();
    if (!seeds && exercise.variants && results.some((r) => r.warnings?.some((w) => w.includes('not verified')))) {
      console.error('note: seed codes were not verified; pass --secret-file to check them');
    }

    const seconds = (performance.now() - started) / 1000;
    if (format === 'json') emit(opts.out, JSON.stringify(jsonReport(exercise, results), null, 2) + '\n');
    else if (format === 'csv') emit(opts.out, csvReport(exercise, results));
    else writeGradescope(exercise, results, opts.out, { visibility, showExpected: opts['show-expected'], executionTime: Math.ceil(seconds) });
    if (!opts.quiet) console.error(summary(exercise, results));
    return 0;
  }
};

/** One file's results; a file that cannot be read is one error row. */
function gradeFile(grader: Grader, file: string): StudentResult[] {
  const source = displayPath(file);
  try {
    if (statSync(file).size > MAX_SUBMISSION_BYTES) return [grader.errorRow(source, null, `the file is too large (at most ${MAX_SUBMISSION_BYTES} bytes)`)];
    return grader.gradeFile(readFileSync(file), source);
  } catch (err) {
    return [grader.errorRow(source, null, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`)];
  }
}

function emit(out: string | undefined, text: string) {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

function writeGradescope(
  exercise: Parameters<typeof gradescopeResults>[0],
  results: StudentResult[],
  out: string | undefined,
  options: Parameters<typeof gradescopeResults>[2]
) {
  if (results.length === 1) {
    emit(out, JSON.stringify(gradescopeResults(exercise, results[0], options), null, 2) + '\n');
    return;
  }
  const isDir = (() => {
    try {
      return out !== undefined && statSync(out).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!out || (!isDir && !out.endsWith('/'))) {
    throw new CliError(`--format gradescope makes one results.json per submission; for ${results.length} submissions give --out FOLDER/`, 2);
  }
  mkdirSync(out, { recursive: true });
  const used = new Set<string>();
  for (const r of results) {
    const base = (r.student ?? r.source).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'submission';
    let name = `${base}.json`;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}.json`;
    used.add(name);
    writeFileSync(join(out, name), JSON.stringify(gradescopeResults(exercise, r, options), null, 2) + '\n');
  }
}
