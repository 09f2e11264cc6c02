// The one rule for every fixture harness's expected output (test/fixtures/<area>/<case>/expected.*):
// a missing file is written from the actual output locally (review it, then commit it), but
// under CI (process.env.CI set) it is a failure: a case nobody reviewed must not pass by
// agreeing with itself. UPDATE_FIXTURES=1 rewrites existing files after a deliberate change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export class MissingExpectedOutput extends Error {}

/** The expected output in `file`; `actual` is called only when the file has to be written. */
export function expectedOutput(file: string, actual: () => string, env: NodeJS.ProcessEnv = process.env): string {
  const missing = !existsSync(file);
  if (missing && env.CI) {
    throw new MissingExpectedOutput(`${file} is missing: run the test once without CI to write it, check it by hand and commit it`);
  }
  if (missing || env.UPDATE_FIXTURES) {
    writeFileSync(file, actual());
    if (missing) console.warn(`wrote ${file}: check it by hand and commit it`);
  }
  return readFileSync(file, 'utf8');
}
