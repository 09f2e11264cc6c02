// The gallery of broken specs: each case's input yields exactly the file:line:col messages in
// its expected.txt (test/fixtures/spec/<case>/), and never an exception. A case whose messages
// are all warnings still reads (dead nodes); any error means no spec at all.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';
import { expectedOutput } from '../expected-output.ts';

const base = 'test/fixtures/spec';

describe('broken specs report file:line:col messages', () => {
  for (const name of readdirSync(base).sort()) {
    it(name, () => {
      const input = readdirSync(`${base}/${name}`).find((f) => f.startsWith('input'))!;
      const file = `${base}/${name}/${input}`;
      const doc = readSpecDocument(readFileSync(file, 'utf8'), file);
      const actual = doc.reporter.diagnostics.map(formatDiagnostic);
      const expected = expectedOutput(`${base}/${name}/expected.txt`, () => actual.join('\n') + '\n').trim().split('\n');
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(0);
      const errors = expected.some((line) => / error: /.test(line));
      expect(doc.reporter.failed).toBe(errors);
      if (errors) expect(doc.spec).toBeNull();
      else expect(doc.spec).not.toBeNull();
    });
  }
});
