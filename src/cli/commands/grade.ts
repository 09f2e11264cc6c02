// `backstep grade EXERCISE SUBMISSION...`: mark a batch of submissions (JSON files, CSV tables,
// folders, globs) and write JSON, a gradebook CSV, or Gradescope's results.json. Every input
// file appears in the output; a broken one as an error row, and the batch goes on.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath } from '../load.ts';
import { Grader, type StudentResult } from '../../lib/core/grade/grader.ts';
import { buildGradebook, keepPolicies, type KeepPolicy } from '../../lib/core/grade/gradebook.ts';
import { cleanFileName, csvReport, gradescopeResults, gradescopeVisibilities, jsonReport, summary, type GradescopeVisibility } from '../../lib/core/grade/report.ts';
import { MAX_SUBMISSION_BYTES } from '../../lib/core/grade/submission.ts';
import { loadExercise } from '../grading/exercise.ts';
import { expandSubmissionPaths } from '../grading/paths.ts';
import { Progress } from '../grading/progress.ts';
import { readRoster } from '../grading/roster.ts';
import { readSecret, SignedSeeds } from '../grading/seeds.ts';
import { isLang, langs, type Lang } from '../../lib/core/lang.ts';
import { siblingPath } from '../../lib/content/translations.ts';

const usage = `Usage: backstep grade EXERCISE SUBMISSION... [options]

Grades submissions of EXERCISE (an exercises/*.md file). A SUBMISSION is a JSON file
{ "exercise", "student", "seed"?, "lang"?, "answers": { "<question id>": "<typed answer>" } }, a
CSV table (a student column, optional seed and lang columns, one column per question id), a
folder of those, or a glob ('subs/**/*.json'). "lang" (en or es) is the language the student
worked in, as the exercise page records it.

  --lang L            en or es: write every student's feedback (JSON, Gradescope) in L, reading
                      the exercise's translation (chain3.es.md beside chain3.md) for its words
                      when there is one. Without it each submission's feedback is in its own
                      recorded language (English when it records none). Scores never change.

  --format F          json (default), csv (one gradebook row per student) or gradescope
  --out PATH          write there instead of standard output (gradescope with several
                      submissions: a folder, one <student>.json each)
  --secret-file KEY   the instructor's secret (as given to \`backstep variants\`): signed seed
                      codes are verified, and a submission without a seed gets its issued seed
  --trust-seeds       without --secret-file: grade a submission without a seed on the public
                      seed of its student id, and a bare seed number as given (otherwise both
                      are error rows: nothing is guessed)
  --accept-changed-variants
                      grade codes made before the variants block changed (normally refused,
                      naming the variable that changed, since the student's numbers may differ)
  --roster CSV        one row per roster student: non-submitters as missing (score 0), students
                      not on the roster flagged
  --keep POLICY       which of a student's several submissions counts: latest (default; by the
                      submission's submitted_at, else the file's time), best or first; the
                      others are listed
  --show-expected     gradescope: show the expected value in each question's output
  --visibility V      gradescope: hidden, after_due_date, after_published or visible (default)
  --quiet             no summary on standard error

Every submission whose answers fit another student's variant better than its own is flagged
on its row ("possible copy", naming that student) and listed in the summary. The flag changes
no score: error carried forward still earns its credit, and the instructor decides.

The summary (mean score, verdicts per question, common misconceptions, copies, duplicates,
missing and off-roster students) goes to standard error.
Broken submissions become error rows naming the file and the problem; the exit status is 0
unless the exercise itself cannot be read (1) or the options are wrong (2).`;

export const command: Command = {
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
        quiet: { type: 'boolean' },
        'trust-seeds': { type: 'boolean' },
        'accept-changed-variants': { type: 'boolean' },
        roster: { type: 'string' },
        keep: { type: 'string' },
        lang: { type: 'string' }
      },
      usage
    );
    if (positionals.length < 2) throw new CliError(usage, 2);
    const format = opts.format ?? 'json';
    if (!['json', 'csv', 'gradescope'].includes(format)) throw new CliError(`--format must be json, csv or gradescope, not "${format}"`, 2);
    const visibility = (opts.visibility ?? 'visible') as GradescopeVisibility;
    if (!gradescopeVisibilities.includes(visibility)) throw new CliError(`--visibility must be one of ${gradescopeVisibilities.join(', ')}`, 2);

    const keep = (opts.keep ?? 'latest') as KeepPolicy;
    if (!keepPolicies.includes(keep)) throw new CliError(`--keep must be one of ${keepPolicies.join(', ')}, not "${opts.keep}"`, 2);

    if (opts.lang !== undefined && !isLang(opts.lang)) throw new CliError(`--lang must be ${langs.join(' or ')}, not "${opts.lang}"`, 2);
    const lang = opts.lang as Lang | undefined;
    const [exerciseFile, ...paths] = positionals;
    // The exercise in the feedback's language when its translation is there (lint keeps the two identical but for words).
    const translated = lang ? siblingPath(exerciseFile, lang) : exerciseFile;
    const exercise = loadExercise(existsSync(translated) ? translated : exerciseFile);
    const seeds = opts['secret-file'] ? SignedSeeds.forExercise(readSecret(opts['secret-file']), exercise) : undefined;
    const roster = opts.roster ? readRoster(opts.roster) : undefined;
    const grader = new Grader(exercise, { seeds, trustSeeds: opts['trust-seeds'], acceptChangedVariants: opts['accept-changed-variants'], lang });
    const started = performance.now();

    const { files, entries, skipped } = expandSubmissionPaths(paths);
    if (skipped.length) {
      console.error(`skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is' : 'are'} not .json or .csv submissions:`);
      for (const f of skipped) console.error(`  ${displayPath(f)}`);
    }
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
    // Not hidden by --quiet: it changes what the grades mean.
    const unverified = results.filter((r) => r.warnings?.some((w) => w.includes('not verified'))).length;
    if (!seeds && exercise.variants && unverified) {
      console.error(`warning: ${unverified} seed code${unverified === 1 ? ' was' : 's were'} not verified; pass --secret-file to check them`);
    }

    const book = buildGradebook(results, grader.checker, { roster: roster?.ids, keep, issuedSeed: seeds ? (s) => seeds.issued(s) : undefined });
    const rows = book.rows;
    const seconds = (performance.now() - started) / 1000;
    if (format === 'json') emit(opts.out, JSON.stringify(jsonReport(exercise, rows), null, 2) + '\n');
    else if (format === 'csv') emit(opts.out, csvReport(exercise, rows));
    else writeGradescope(exercise, rows, opts.out, { visibility, showExpected: opts['show-expected'], executionTime: Math.ceil(seconds), lang });
    if (!opts.quiet) console.error(summary(exercise, rows, 5, book));
    else if (book.copies.length) console.error(`warning: ${book.copies.length} possible cop${book.copies.length === 1 ? 'y' : 'ies'} flagged (see the flags column)`);
    return 0;
  }
};

/**
 * One file's results; a file that cannot be read is one error row. An error row without a student
 * (the file is empty, not JSON, …) names the student from the file name: ana.json → ana.
 */
function gradeFile(grader: Grader, file: string): StudentResult[] {
  const source = displayPath(file);
  const fromName = basename(file).replace(/\.(json|csv)$/i, '');
  const named = (r: StudentResult) => {
    if (r.error && r.student === null && !/\.csv$/i.test(file) && fromName) {
      r.student = fromName;
      r.warnings = [...(r.warnings ?? []), 'student id taken from the file name'];
    }
    return r;
  };
  try {
    const stat = statSync(file);
    if (stat.size > MAX_SUBMISSION_BYTES) return [named(grader.errorRow(source, null, `the file is too large (at most ${MAX_SUBMISSION_BYTES} bytes)`))];
    return grader.gradeFile(readFileSync(file), source, stat.mtime).map(named);
  } catch (err) {
    return [named(grader.errorRow(source, null, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`))];
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
    const name = cleanFileName(r.student ?? basename(r.source), '.json', used);
    writeFileSync(join(out, name), JSON.stringify(gradescopeResults(exercise, r, options), null, 2) + '\n');
  }
}
