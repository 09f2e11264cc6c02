// `backstep lint [PATHS]`: check every lesson, exercise and spec file; print file:line:col messages.
import { existsSync, statSync } from 'node:fs';
import { parseOptions, type Command } from '../command.ts';
import { expandPaths, readText, displayPath, printDiagnostics } from '../load.ts';
import { readSpecDocument, isMarkdown } from '../../lib/content/document.ts';
import { parseLesson } from '../../lib/content/lesson.ts';
import { isExercise, lintExercise } from '../../lib/content/exercise.ts';
import { fileLang, isTranslation, siblingPath } from '../../lib/content/translations.ts';
import { translationParity } from '../../lib/content/parity.ts';
import { langs } from '../../lib/core/lang.ts';
import { resolve } from 'node:path';
import type { Diagnostic } from '../../lib/core/diagnostics.ts';

const usage = `Usage: backstep lint [PATHS...]

Checks lessons, exercises and graph specs (default: lessons/ and exercises/) and prints each
problem as file:line:col: severity: message. In lessons the body is checked too: directives and
their attributes, questions and :value quantities, and TeX. A translation (NN-slug.es.md beside
NN-slug.md) must repeat its original's graph, variants, question ids, answers and directive
numbers exactly (only words change): each difference is an error at its place in the
translation; a file in lessons/ or exercises/ without its translation is a warning. Exits 1 when any file
has an error.`;

export const command: Command = {
  usage,
  async run(argv) {
    const { positionals } = parseOptions(argv, {}, usage);
    const files = expandPaths(positionals.length ? positionals : ['lessons', 'exercises'].filter(existsDir));
    const listed = new Set(files.map((f) => resolve(f)));
    let errors = 0;
    let warnings = 0;
    for (const file of files) {
      const text = readText(file);
      // A Markdown file is a lesson or an exercise by its front matter; both bodies go through the
      // same Markdown pipeline (directives, TeX, names), an exercise then through the exercise model.
      const shown = displayPath(file);
      const doc = readSpecDocument(text, shown);
      const diagnostics: Diagnostic[] = [...(!isMarkdown(file)
        ? doc.reporter.diagnostics
        : isExercise(doc)
          ? [...doc.reporter.diagnostics, ...lintExercise(text, shown)]
          : parseLesson(text, shown).diagnostics)];
      if (isMarkdown(file)) diagnostics.push(...translationDiagnostics(file, text, listed));
      printDiagnostics(diagnostics);
      errors += diagnostics.filter((d) => d.severity === 'error').length;
      warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    }
    console.error(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    return errors ? 1 : 0;
  }
};

/**
 * A lesson or exercise and its translation: the parity check (run once per pair, on the
 * translation, or on the original when only it was listed), or a warning for a missing one.
 */
function translationDiagnostics(file: string, text: string, listed: Set<string>): Diagnostic[] {
  const lang = fileLang(file);
  const out: Diagnostic[] = [];
  for (const other of langs.filter((l) => l !== lang)) {
    const sibling = siblingPath(file, other);
    if (!existsSync(sibling)) {
      // Course content (a lessons/ or exercises/ folder) is expected in both languages; a test fixture is not.
      if (!/(^|[\\/])(lessons|exercises)[\\/]/.test(resolve(file))) continue;
      out.push({ file: displayPath(file), line: 1, column: 1, severity: 'warning', message: `no ${other === 'es' ? 'Spanish' : 'English'} version (${displayPath(sibling)}): the ${other === 'es' ? 'Spanish' : 'English'} page shows this one with a notice` });
      continue;
    }
    const translation = isTranslation(file) ? { file, text } : { file: sibling, text: readText(sibling) };
    const original = isTranslation(file) ? { file: sibling, text: readText(sibling) } : { file, text };
    // Checked once per pair: on the translation when it is listed, else on the original.
    if (!isTranslation(file) && listed.has(resolve(sibling))) continue;
    out.push(...translationParity({ file: displayPath(original.file), text: original.text }, { file: displayPath(translation.file), text: translation.text }));
  }
  return out;
}

function existsDir(p: string) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
