// The fixture rule itself: a missing expected output is written locally and is a failure under CI.
import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedOutput, MissingExpectedOutput } from './expected-output.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'expected-')), 'expected.txt');

describe('expected output of a fixture case', () => {
  it('under CI, a missing file fails and nothing is written', () => {
    const file = fresh();
    const actual = vi.fn(() => 'anything\n');
    expect(() => expectedOutput(file, actual, { CI: 'true' })).toThrow(MissingExpectedOutput);
    expect(() => expectedOutput(file, actual, { CI: '1' })).toThrow(/expected\.txt is missing/);
    expect(existsSync(file)).toBe(false);
    expect(actual).not.toHaveBeenCalled();
  });

  it('locally, a missing file is written from the actual output', () => {
    const file = fresh();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(expectedOutput(file, () => 'first\n', {})).toBe('first\n');
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('check it by hand'));
    warn.mockRestore();
  });

  it('an existing file is read, never rewritten, with or without CI', () => {
    const file = fresh();
    writeFileSync(file, 'reviewed\n');
    const actual = vi.fn(() => 'different\n');
    expect(expectedOutput(file, actual, {})).toBe('reviewed\n');
    expect(expectedOutput(file, actual, { CI: 'true' })).toBe('reviewed\n');
    expect(actual).not.toHaveBeenCalled();
  });

  it('UPDATE_FIXTURES rewrites an existing file after a deliberate change', () => {
    const file = fresh();
    writeFileSync(file, 'old\n');
    expect(expectedOutput(file, () => 'new\n', { UPDATE_FIXTURES: '1' })).toBe('new\n');
  });

  it('every fixture harness goes through it', () => {
    // The harnesses that compare with a test/fixtures/<area>/<case>/expected.* file.
    for (const harness of ['test/core/spec-errors.test.ts', 'test/content/fixtures.test.ts', 'test/check/fixtures.test.ts', 'test/grade/broken.test.ts']) {
      const text = readFileSync(harness, 'utf8');
      expect(text, harness).toMatch(/expectedOutput\(/);
      expect(text, harness).not.toMatch(/readFileSync\([^)]*expected/);
    }
  });
});
