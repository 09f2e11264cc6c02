// Fixture tests for the lesson parser: each test/fixtures/content/<case>/input.md is parsed and its
// diagnostics compared with expected.txt beside it (one file:line:col: severity: message per line).
// Run with UPDATE_FIXTURES=1 to rewrite expected.txt after a deliberate change.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'content');

describe('lesson parser fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const text = readFileSync(join(root, name, 'input.md'), 'utf8');
      const lesson = parseLesson(text, 'input.md');
      const actual = lesson.diagnostics.map(formatDiagnostic).join('\n') + '\n';
      const expectedFile = join(root, name, 'expected.txt');
      if (process.env.UPDATE_FIXTURES || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});
