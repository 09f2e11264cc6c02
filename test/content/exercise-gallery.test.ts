// The broken-exercise gallery: each test/fixtures/exercise/<case>/input.md is linted the way
// `backstep lint` lints an exercise, and its messages (file:line:col: severity: message) must be
// exactly expected.txt beside it. A case without expected.txt fails; UPDATE_FIXTURES=1 writes it
// after a deliberate change (then read the diff).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { lintExercise } from '../../src/lib/content/exercise.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'exercise');

describe('broken-exercise gallery', () => {
  const cases = readdirSync(root).sort();
  it('has at least 15 cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(root, name, 'input.md'), 'utf8');
      const diagnostics = [...readSpecDocument(text, 'input.md').reporter.diagnostics, ...lintExercise(text, 'input.md')];
      const actual = diagnostics.map(formatDiagnostic).join('\n') + '\n';
      const expectedFile = join(root, name, 'expected.txt');
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual);
      expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_FIXTURES=1 and check it`).toBe(true);
      expect(diagnostics.length, 'every case reports something').toBeGreaterThan(0);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
