// `backstep lint [PATHS]`: check every lesson, exercise and spec file; print file:line:col messages.
import { statSync } from 'node:fs';
import { parseOptions, type Command } from '../command.ts';
import { expandPaths, readText, displayPath, printDiagnostics } from '../load.ts';
import { readSpecDocument, isMarkdown } from '../../lib/content/document.ts';
import { parseLesson } from '../../lib/content/lesson.ts';
import { lintExercise, looksLikeExercise } from '../../lib/content/exercise.ts';

const usage = `Usage: backstep lint [PATHS...]

Checks lessons, exercises and graph specs (default: lessons/ and exercises/) and prints each
problem as file:line:col: severity: message. In lessons the body is checked too: directives and
their attributes, questions and :value quantities, and TeX. Exits 1 when any file has an error.`;

export const command: Command = {
  usage,
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, usage);
    const files = expandPaths(positionals.length ? positionals : ['lessons', 'exercises'].filter(existsDir));
    let errors = 0;
    let warnings = 0;
    for (const file of files) {
      const text = readText(file);
      // Lessons get their body checked too (directives, questions, TeX); exercises have their own rules.
      const lesson = isLessonFile(file) ? parseLesson(text, displayPath(file)) : null;
      const doc = lesson?.doc ?? readSpecDocument(text, displayPath(file));
      const diagnostics = lesson ? [...lesson.diagnostics] : [...doc.reporter.diagnostics];
      if (!lesson && isMarkdown(file) && looksLikeExercise(text, file)) diagnostics.push(...lintExercise(text, displayPath(file)));
      printDiagnostics(diagnostics);
      errors += diagnostics.filter((d) => d.severity === 'error').length;
      warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    }
    console.error(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    return errors ? 1 : 0;
  }
};

/** A Markdown file that is not an exercise (exercises live under an exercises/ folder). */
function isLessonFile(file: string) {
  return isMarkdown(file) && !/(^|[\\/])exercises[\\/]/.test(displayPath(file));
}

function existsDir(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
