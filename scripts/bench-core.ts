// `npm run bench:core`: how building, solving and stepping a graph grow with the size of its spec.
// Two shapes, each at 10 … 1,000 terms: a sum (one node `z = w1*x1 + … + wn*xn` feeding a squared
// error) and a chain (n nodes, h_i = tanh(w_i*h_{i-1})). For each it times reading the spec
// (YAML → checked spec), building the Graph, one solve, the step script and the expanded chain of
// the first weight, and prints each time with its ratio to the 10-term case of the same shape
// (the reference, measured in the same run; each time is the fastest of --repeat runs). Linear cost means the ratio grows like the size
// ratio (the last column, ratio ÷ size ratio, stays near 1); a quadratic spot makes it grow.
// A last table runs the real commands (`backstep lint`, `solve`, `steps`) on the 10- and 400-term sums.
//   npm run bench:core -- --sizes 10,100,400 --repeat 5
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpecDocument } from '../src/lib/content/document.ts';
import { Graph } from '../src/lib/core/graph.ts';
import { buildSteps, expandChain } from '../src/lib/core/steps.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (arg('sizes') ?? '10,25,50,100,200,400,1000').split(',').map(Number);
const repeat = Number(arg('repeat') ?? 7);
const withCli = !process.argv.includes('--no-cli');

/** A spec whose one node sums n products. */
function sumSpec(n: number): string {
  const params = Array.from({ length: n }, (_, i) => `w${i + 1}: ${(0.01 * ((i % 7) + 1)).toFixed(2)}`).join(', ');
  const inputs = Array.from({ length: n }, (_, i) => `x${i + 1}: ${(0.1 * ((i % 5) + 1)).toFixed(1)}`).join(', ');
  const sum = Array.from({ length: n }, (_, i) => `w${i + 1}*x${i + 1}`).join(' + ');
  return `graph:\n  params: { ${params} }\n  inputs: { ${inputs}, y: 1 }\n  nodes:\n    z: ${sum}\n    a: sigmoid(z)\n    C: (a - y)^2\n  loss: C\n`;
}

/** A spec of n nodes in a row, each reading the one before. */
function chainSpec(n: number): string {
  const params = Array.from({ length: n }, (_, i) => `w${i + 1}: ${(0.9 + 0.01 * (i % 10)).toFixed(2)}`).join(', ');
  const nodes = Array.from({ length: n }, (_, i) => `    h${i + 1}: tanh(w${i + 1}*${i === 0 ? 'x' : `h${i}`})`).join('\n');
  return `graph:\n  params: { ${params} }\n  inputs: { x: 1, y: 0.5 }\n  nodes:\n${nodes}\n    C: (h${n} - y)^2\n  loss: C\n`;
}

// The fastest of several runs: on a shared machine the slow runs measure the neighbours, not us.
const best = (xs: number[]) => Math.min(...xs);

interface Row {
  shape: string;
  n: number;
  read: number;
  build: number;
  solve: number;
  steps: number;
  total: number;
}

function measure(shape: string, n: number, text: string): Row {
  const times: Omit<Row, 'shape' | 'n'>[] = [];
  for (let r = 0; r < repeat; r++) {
    collectGarbage?.();
    const t0 = performance.now();
    const doc = readSpecDocument(text, `${shape}-${n}.yaml`);
    if (!doc.spec) throw new Error(`${shape} ${n}: ${doc.reporter.diagnostics.map((d) => d.message).join('; ')}`);
    const t1 = performance.now();
    const graph = new Graph(doc.spec);
    const t2 = performance.now();
    const solution = graph.solve();
    const t3 = performance.now();
    const steps = buildSteps(graph, solution);
    const chain = expandChain(graph, 'w1', solution);
    const t4 = performance.now();
    if (!steps.length || !Number.isFinite(chain.value)) throw new Error(`${shape} ${n}: no steps`);
    times.push({ read: t1 - t0, build: t2 - t1, solve: t3 - t2, steps: t4 - t3, total: t4 - t0 });
  }
  const pick = (k: keyof (typeof times)[number]) => best(times.map((t) => t[k]));
  return { shape, n, read: pick('read'), build: pick('build'), solve: pick('solve'), steps: pick('steps'), total: pick('total') };
}

// With --expose-gc (as `npm run bench:core` runs it), each run starts from a clean heap.
const collectGarbage = (globalThis as { gc?: () => void }).gc;

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));

// Warm up the JIT on a middle size so the 10-term reference is not paying for compilation.
for (let i = 0; i < 3; i++) {
  measure('sum', 100, sumSpec(100));
  measure('chain', 100, chainSpec(100));
}

console.log(`build + solve + steps, fastest of ${repeat} runs (each column on its own), times in ms; reference: the 10-term case of each shape`);
console.log(`(${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start: a busy machine makes every figure noisier)\n`);
console.log('| shape | terms | read spec | build graph | solve | steps + chain | total | ratio to 10 | ratio ÷ size ratio |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [shape, make] of [['sum', sumSpec], ['chain', chainSpec]] as const) {
  let reference: Row | undefined;
  for (const n of sizes) {
    const row = measure(shape, n, make(n));
    reference ??= row;
    const ratio = row.total / reference.total;
    const sizeRatio = n / reference.n;
    console.log(`| ${shape} | ${n} | ${ms(row.read)} | ${ms(row.build)} | ${ms(row.solve)} | ${ms(row.steps)} | ${ms(row.total)} | ${ratio.toFixed(1)}× | ${(ratio / sizeRatio).toFixed(2)} |`);
  }
}

if (withCli) {
  // The commands as an author runs them, process start-up included (so small specs cost about the same).
  const dir = mkdtempSync(join(tmpdir(), 'bench-core-'));
  const cli = (args: string[]) => {
    const t0 = performance.now();
    execFileSync(process.execPath, ['bin/backstep.js', ...args], { stdio: 'pipe', maxBuffer: 1 << 28 });
    return performance.now() - t0;
  };
  console.log('\n`backstep lint|solve|steps FILE` (whole commands, start-up included), fastest of 3, in ms\n');
  console.log('| spec | lint | solve | steps | all three | ratio to sum 10 |');
  console.log('|---|---|---|---|---|---|');
  let reference: number | undefined;
  for (const n of [10, 400]) {
    const file = join(dir, `sum-${n}.yaml`);
    writeFileSync(file, sumSpec(n));
    const [lint, solve, steps] = ['lint', 'solve', 'steps'].map((c) => best([0, 1, 2].map(() => cli([c, file]))));
    const all = lint + solve + steps;
    reference ??= all;
    console.log(`| sum ${n} | ${ms(lint)} | ${ms(solve)} | ${ms(steps)} | ${ms(all)} | ${(all / reference).toFixed(2)}× |`);
  }
}
