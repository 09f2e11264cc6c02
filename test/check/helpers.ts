// Shared by the checker and grader tests: read an exercise file (failing loudly on diagnostics).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readExerciseDocument } from '../../src/lib/content/exercise.ts';
import type { Exercise } from '../../src/lib/core/exercise.ts';

export function loadExercise(file: string): Exercise {
  const { doc, exercise } = readExerciseDocument(readFileSync(file, 'utf8'), file);
  expect(doc.reporter.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  return exercise!;
}

export function exerciseFromText(text: string, file = 'exercises/inline.md') {
  return readExerciseDocument(text, file);
}
