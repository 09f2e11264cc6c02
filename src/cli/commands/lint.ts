// `backstep lint [PATHS]`: check every lesson, exercise and spec file; print file:line:col messages.
import { statSync } from 'node:fs';
import { parseOptions, type Command } from '../command.ts';
import { expandPaths, readText, displayPath, printDiagnostics } from '../load.ts';
import { readSpecDocument, isMarkdown } from '../../lib/content/document.ts';
import { parseLesson } from '../../lib/content/lesson.ts';
import { isExercise, lintExercise } from '../../lib/content/exercise.ts';

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
      // A Markdown file is a lesson or an exercise by its front matter; both bodies go through the
      // same Markdown pipeline (directives, TeX, names), an exercise then through the exercise model.
      const shown = displayPath(file);
      const doc = readSpecDocument(text, shown);
      const diagnostics = !isMarkdown(file)
        ? doc.reporter.diagnostics
        : isExercise(doc)
          ? [...doc.reporter.diagnostics, ...lintExercise(text, shown)]
          : parseLesson(text, shown).diagnostics;
      printDiagnostics(diagnostics);
      errors += diagnostics.filter((d) => d.severity === 'error').length;
      warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    }
    console.error(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    return errors ? 1 : 0;
  }
};

function existsDir(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
