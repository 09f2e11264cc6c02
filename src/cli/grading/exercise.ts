// Loading an exercise file for the CLI: diagnostics printed as file:line:col, a clean failure
// when it has errors.
import { readExerciseDocument } from '../../lib/content/exercise.ts';
import type { Exercise } from '../../lib/core/exercise.ts';
import { CliError } from '../command.ts';
import { displayPath, printDiagnostics, readText } from '../load.ts';

export function loadExercise(file: string): Exercise {
  const { doc, exercise } = readExerciseDocument(readText(file), displayPath(file));
  printDiagnostics(doc.reporter.diagnostics);
  if (!exercise) {
    const errors = doc.reporter.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(`${doc.file}: ${errors} error${errors === 1 ? '' : 's'}; not an exercise that can be used`, 1);
  }
  return exercise;
}
