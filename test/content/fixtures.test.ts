// Fixture tests for the lesson parser: each test/fixtures/content/<case>/input.md is parsed and its
// diagnostics compared with expected.txt beside it (one file:line:col: severity: message per line).
// Run with UPDATE_FIXTURES=1 to rewrite expected.txt after a deliberate change; a missing one is
// written locally and fails under CI (test/expected-output.ts).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';
import { expectedOutput } from '../expected-output.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'content');

describe('lesson parser fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const text = readFileSync(join(root, name, 'input.md'), 'utf8');
      const lesson = parseLesson(text, 'input.md');
      const actual = lesson.diagnostics.map(formatDiagnostic).join('\n') + '\n';
      expect(actual).toBe(expectedOutput(join(root, name, 'expected.txt'), () => actual));
    });
  }
});
