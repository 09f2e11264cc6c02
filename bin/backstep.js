#!/usr/bin/env node
// The `backstep` command. It runs the CLI compiled by scripts/build-cli.js (dist/cli/), checking
// first that no source file is newer than that build (if one is, it recompiles, ~0.3 s); without
// the compiled CLI or esbuild it runs the TypeScript through tsx, as the tests and `train` do.
// BACKSTEP_FROM_SOURCE=1 forces the tsx path.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `backstep ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const sourceOnly = ['train', 'bench'];

/** Is dist/cli/ there and at least as new as every source it was built from? */
function compiledIsFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'manifest.json'), 'utf8'));
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function compiled() {
  if (process.env.BACKSTEP_FROM_SOURCE || sourceOnly.includes(argv[0])) return null;
  if (compiledIsFresh()) return import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href);
  try {
    const { buildCli } = await import('../scripts/build-cli.js');
    await buildCli({ quiet: true });
    return import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href + `?t=${Date.now()}`);
  } catch {
    return null; // no esbuild (or a read-only checkout): run from source
  }
}

let cli = await compiled().catch(() => null); // a build replaced under our feet: run from source
if (!cli) {
  // The interface messages the core words its feedback with (src/lib/paraglide/, generated).
  const { compileMessages, messagesAreCompiled } = await import('../scripts/i18n.js');
  if (!messagesAreCompiled()) {
    try {
      compileMessages({ quiet: true });
    } catch (err) {
      // Most often node_modules predates a dependency (Paraglide): say what to run, not a stack.
      console.error(`backstep: cannot compile the interface messages (messages/*.json): ${err.message.split('\n')[0]}\nRun \`npm ci\` in ${root} and try again.`);
      process.exit(2);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(argv);
