// `npm run bench:cli`: how long `backstep --help` takes to start, compiled (dist/cli/) and from
// source (tsx), against a bare `node -e 0` in the same run. Prints a table; the compiled CLI
// should stay under 10× bare node.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;
const time = (args, env = {}) => {
  spawnSync(process.execPath, args, { env: { ...process.env, ...env } }); // warm the file cache
  const t = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env } });
    t.push(performance.now() - start);
    if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
};
const bare = time(['-e', '0']);
const rows = [
  ['node -e 0 (reference)', bare],
  ['backstep --help (compiled)', time(['bin/backstep.js', '--help'])],
  ['backstep --help (from source, tsx)', time(['bin/backstep.js', '--help'], { BACKSTEP_FROM_SOURCE: '1' })]
];
console.log(`median of ${runs} runs\n`);
console.log(`${'command'.padEnd(36)} ${'ms'.padStart(8)} ${'× node'.padStart(8)}`);
for (const [name, ms] of rows) console.log(`${name.padEnd(36)} ${ms.toFixed(0).padStart(8)} ${(ms / bare).toFixed(1).padStart(8)}`);
