// `backstep gradescope EXERCISE --secret-file KEY --out autograder.zip`: a Gradescope autograder —
// setup.sh, run_autograder, and the grader compiled into one file with the exercise and the
// secret beside it. Gradescope runs it once per upload; it takes the student from Gradescope's
// submission metadata and writes results.json.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { zipSync, strToU8 } from 'fflate';
import { CliError, parseOptions, type Command } from '../command.ts';
import { displayPath, readText } from '../load.ts';
import { gradescopeVisibilities, type GradescopeVisibility } from '../../lib/core/grade/report.ts';
import { loadExercise } from '../grading/exercise.ts';
import { readSecret } from '../grading/seeds.ts';
import type { AutograderConfig } from '../gradescope/autograder.ts';

const usage = `Usage: backstep gradescope EXERCISE --secret-file KEY --out autograder.zip [options]

Writes a Gradescope autograder for EXERCISE: upload the zip as the assignment's autograder
(Programming Assignment → Configure Autograder → Zip file upload, base image Ubuntu). Students
upload the .json their exercise page's "Download submission" saved; each upload is graded on its
own, as the student Gradescope names (not the "student" field of the file), with the seed issued
to them by \`backstep variants\` with the same KEY. The zip holds the secret: keep it private.

  --secret-file KEY     the instructor's secret (as given to \`backstep variants\`)
  --out FILE            the zip to write (default autograder.zip)
  --student-field F     which submitter field is your roster's student id: email (default),
                        sid, id or name
  --visibility V        hidden, after_due_date, after_published or visible (default)
  --show-expected       show the expected value in each question's output
  --accept-changed-variants
                        grade codes made before the variants block changed`;

const setupSh = `#!/usr/bin/env bash
# Gradescope runs this once when the autograder image is built: it needs Node.js 20 or newer.
set -euo pipefail
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y ca-certificates curl
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
node --version
`;

const runAutograder = `#!/usr/bin/env bash
# Gradescope runs this once per upload; it writes \${AUTOGRADER_ROOT:-/autograder}/results/results.json.
set -uo pipefail
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
if [ -f "$here/grader.cjs" ]; then dir="$here"; else dir="\${AUTOGRADER_ROOT:-/autograder}/source"; fi
exec node "$dir/grader.cjs"
`;

/** The folder of backstep's package.json (this file runs from src/cli/commands/ or, compiled, from dist/cli/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new CliError('cannot find the backstep package (package.json) to compile the autograder from', 1);
    dir = up;
  }
  return dir;
}

/** The grader as one CommonJS file with every package inside (Gradescope's image has no node_modules). */
export async function compileAutograder(): Promise<string> {
  const entry = join(packageRoot(), 'src', 'cli', 'gradescope', 'autograder.ts');
  const out = await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'error', legalComments: 'none' });
  return out.outputFiles[0].text;
}

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      {
        'secret-file': { type: 'string' },
        out: { type: 'string' },
        'student-field': { type: 'string' },
        visibility: { type: 'string' },
        'show-expected': { type: 'boolean' },
        'accept-changed-variants': { type: 'boolean' }
      },
      usage
    );
    if (positionals.length !== 1) throw new CliError(usage, 2);
    if (!opts['secret-file']) throw new CliError(`--secret-file is required\n\n${usage}`, 2);
    const studentField = (opts['student-field'] ?? 'email') as AutograderConfig['studentField'];
    if (!['email', 'sid', 'id', 'name'].includes(studentField)) throw new CliError('--student-field must be email, sid, id or name', 2);
    const visibility = (opts.visibility ?? 'visible') as GradescopeVisibility;
    if (!gradescopeVisibilities.includes(visibility)) throw new CliError(`--visibility must be one of ${gradescopeVisibilities.join(', ')}`, 2);
    const exercise = loadExercise(positionals[0]);
    const secret = readSecret(opts['secret-file']);
    const exerciseFile = basename(positionals[0]).replace(/[^A-Za-z0-9._-]+/g, '_');
    const config: AutograderConfig = {
      exerciseFile,
      secretFile: 'course.key',
      studentField,
      visibility,
      showExpected: opts['show-expected'] ?? false,
      acceptChangedVariants: opts['accept-changed-variants'] ?? false
    };
    const exec = { os: 3, attrs: 0o100755 * 0x10000 }; // unix, -rwxr-xr-x
    const zip = zipSync({
      'setup.sh': [strToU8(setupSh), exec],
      run_autograder: [strToU8(runAutograder), exec],
      'grader.cjs': strToU8(await compileAutograder()),
      'config.json': strToU8(JSON.stringify(config, null, 2) + '\n'),
      [exerciseFile]: strToU8(readText(positionals[0])),
      'course.key': strToU8(secret + '\n')
    });
    const out = opts.out ?? 'autograder.zip';
    writeFileSync(out, zip);
    console.error(`${displayPath(out)}: Gradescope autograder for "${exercise.id}" (${(zip.length / 1024).toFixed(0)} KB; it holds your secret, keep it private)`);
    return 0;
  }
};

