// The program inside a Gradescope autograder made by `backstep gradescope`: Gradescope runs it once
// per upload. It reads the exercise and secret packed beside it (config.json), the student's
// upload from <root>/submission/, the student's identity from <root>/submission_metadata.json,
// and writes <root>/results/results.json. Nothing it meets makes it crash: every problem becomes
// a results.json that says what went wrong. <root> is /autograder unless AUTOGRADER_ROOT says.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExerciseDocument } from '../../lib/content/exercise.ts';
import { Grader, type StudentResult } from '../../lib/core/grade/grader.ts';
import { gradescopeResults, type GradescopeVisibility } from '../../lib/core/grade/report.ts';
import { MAX_SUBMISSION_BYTES } from '../../lib/core/grade/submission.ts';
import { SignedSeeds } from '../grading/seeds.ts';

export interface AutograderConfig {
  exerciseFile: string;
  secretFile: string;
  /** Which field of the submitter in submission_metadata.json is the roster's student id. */
  studentField: 'email' | 'sid' | 'id' | 'name';
  visibility: GradescopeVisibility;
  showExpected: boolean;
  acceptChangedVariants: boolean;
}

export function runAutograder(root = process.env.AUTOGRADER_ROOT || '/autograder', here = __dirname): number {
  const resultsDir = join(root, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const write = (results: unknown) => writeFileSync(join(resultsDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const fail = (message: string) => {
    write({ score: 0, output: message, output_format: 'text', visibility: 'visible', stdout_visibility: 'hidden', tests: [] });
    console.error(message);
    return 0;
  };
  let config: AutograderConfig;
  try {
    config = JSON.parse(readFileSync(join(here, 'config.json'), 'utf8'));
  } catch (err) {
    return fail(`The autograder is broken (config.json: ${(err as Error).message}); tell your instructor.`);
  }
  const { exercise, doc } = readExerciseDocument(readFileSync(join(here, config.exerciseFile), 'utf8'), config.exerciseFile);
  if (!exercise) return fail(`The autograder's exercise has errors; tell your instructor.\n${doc.reporter.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')}`);
  const seeds = SignedSeeds.forExercise(readFileSync(join(here, config.secretFile), 'utf8').trim(), exercise);
  const grader = new Grader(exercise, { seeds, acceptChangedVariants: config.acceptChangedVariants });

  // Who submitted: Gradescope's metadata, not the file (a student cannot hand in as someone else).
  let student = '';
  try {
    const meta = JSON.parse(readFileSync(join(root, 'submission_metadata.json'), 'utf8'));
    const user = Array.isArray(meta.users) ? meta.users[0] : undefined;
    student = String(user?.[config.studentField] ?? '').trim();
  } catch {
    /* reported below */
  }
  if (!student) return fail(`Could not tell who submitted (no ${config.studentField} in submission_metadata.json); tell your instructor.`);

  const folder = join(root, 'submission');
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => /\.json$/i.test(f) && !f.startsWith('.')).sort() : [];
  if (files.length === 0) return fail('No .json file in your upload: upload the file the exercise page\'s "Download submission" button saved.');
  if (files.length > 1) return fail(`Upload one .json file, not ${files.length} (${files.join(', ')}).`);
  const file = join(folder, files[0]);
  if (statSync(file).size > MAX_SUBMISSION_BYTES) return fail(`${files[0]} is too large (at most ${MAX_SUBMISSION_BYTES} bytes).`);
  // The submission is graded as the student Gradescope names, whatever its "student" field says.
  let bytes: Uint8Array = readFileSync(file);
  const note: string[] = [];
  try {
    const data = JSON.parse(new TextDecoder().decode(bytes));
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      if (typeof data.student === 'string' && data.student.trim() && data.student.trim().toLowerCase() !== student.toLowerCase()) {
        note.push(`The file says student "${data.student.trim()}"; it was graded as ${student}, who submitted it.`);
      }
      data.student = student;
      bytes = new TextEncoder().encode(JSON.stringify(data));
    }
  } catch {
    /* the grader reports unreadable JSON itself */
  }
  const [result] = grader.gradeFile(bytes, files[0]) as StudentResult[];
  if (note.length) result.warnings = [...(result.warnings ?? []), ...note];
  write(gradescopeResults(exercise, result, { visibility: config.visibility, showExpected: config.showExpected }));
  console.log(`${student}: ${result.error ? `not graded (${result.error})` : `${result.score} / ${result.max_score}`}`);
  return 0;
}

if (require.main === module) process.exitCode = runAutograder();
