// The gallery of broken specs: each case's input yields exactly the file:line:col messages in
// its expected.txt (test/fixtures/spec/<case>/), and never an exception.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';

const base = 'test/fixtures/spec';

describe('broken specs report file:line:col messages', () => {
  for (const name of readdirSync(base).sort()) {
    it(name, () => {
      const input = readdirSync(`${base}/${name}`).find((f) => f.startsWith('input'))!;
      const file = `${base}/${name}/${input}`;
      const doc = readSpecDocument(readFileSync(file, 'utf8'), file);
      const expected = readFileSync(`${base}/${name}/expected.txt`, 'utf8').trim().split('\n');
      expect(doc.reporter.diagnostics.map(formatDiagnostic)).toEqual(expected);
      expect(doc.reporter.failed).toBe(true);
      expect(doc.spec).toBeNull();
    });
  }
});
