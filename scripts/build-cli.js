// Compiles the `backstep` command once (esbuild: TypeScript → one ES module per command, npm
// packages left as imports) into dist/cli/, so the command starts without compiling TypeScript.
// The interface messages are compiled first when they changed (scripts/i18n.js).
// Run by `npm ci` (the prepare script) and `npm run build:cli`; bin/backstep.js reruns it by
// itself when a source file is newer than the build. `train` and `bench` are not compiled: they
// read shaders and data beside their sources and run through tsx.
import { build } from 'esbuild';
import { compileMessages, messageFiles, messagesAreCompiled } from './i18n.js';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outdir = join(root, 'dist', 'cli');
export const manifestFile = join(outdir, 'manifest.json');

/** Commands left to tsx: they find files relative to their own source (shaders, data). */
export const sourceOnlyCommands = ['train', 'bench'];

export async function buildCli({ quiet = false } = {}) {
  const started = Date.now();
  // The interface messages the core words feedback with (src/lib/paraglide/, generated).
  if (!messagesAreCompiled()) compileMessages({ quiet: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
    plugins: [
      {
        name: 'source-only-commands',
        setup(b) {
          const re = new RegExp(`commands/(${sourceOnlyCommands.join('|')})\\.ts$`);
          b.onResolve({ filter: re }, (args) => ({ path: join(args.resolveDir, args.path), external: true }));
        }
      }
    ]
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules'));
  mkdirSync(outdir, { recursive: true });
  // Chunks of earlier builds (their names carry a content hash) are removed.
  const outputs = new Set(Object.keys(result.metafile.outputs).map((f) => relative(outdir, join(root, f))));
  for (const f of readdirSync(outdir)) if (f !== 'manifest.json' && !outputs.has(f)) rmSync(join(outdir, f), { force: true });
  writeFileSync(manifestFile, JSON.stringify({ builtAt: started, inputs: [...inputs.map((f) => relative(root, join(root, f))), 'project.inlang/settings.json', ...messageFiles().map(({ file }) => relative(root, file))] }, null, 1) + '\n');
  if (!quiet) console.log(`backstep CLI compiled to ${relative(root, outdir)}/ (${inputs.length} sources, ${Date.now() - started} ms)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
