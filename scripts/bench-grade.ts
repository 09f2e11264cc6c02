// `npm run bench:grade`: grade 100,000 generated submissions of exercises/chain3.md — right,
// rounded, carried-forward, misconceived and garbage answers, plus broken files — through the
// same path as `backstep grade` (bytes → submission → variant → verdicts), and print the rate.
//   npm run bench:grade -- --count 20000     (fewer submissions)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readExerciseDocument } from '../src/lib/content/exercise.ts';
import { Grader, type StudentResult } from '../src/lib/core/grade/grader.ts';
import { buildGradebook } from '../src/lib/core/grade/gradebook.ts';
import { publicSeed } from '../src/lib/core/variants.ts';
import { Random } from '../src/lib/core/random.ts';
import { verdicts, type Verdict } from '../src/lib/core/exercise.ts';

const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 100_000;
const file = 'exercises/chain3.md';
const { exercise, doc } = readExerciseDocument(readFileSync(file, 'utf8'), file);
if (!exercise) throw new Error(doc.reporter.diagnostics.map((d) => d.message).join('\n'));

const generator = new Random(2024);
const random = () => generator.next();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
const garbage = ['', 'abc', '9^9^9^9', '((((1))))', 'import("fs")', 'evaluate("1")', '0.5.3', '1/0', 'sqrt(-1)', '½', '🙂', 'x'.repeat(400), '2*(0.53-1)', 'e^-0.32', 'sigmoid(0.32)'];

// Generation uses a grader of its own (its answers are not timed, and its cache is not shared).
const oracle = new Grader(exercise).checker;
const ids = exercise.questions.map((q) => q.id);
const encoder = new TextEncoder();

function submission(i: number): { bytes: Uint8Array; name: string } {
  const student = `s${String(i).padStart(6, '0')}`;
  const name = `${student}.json`;
  const roll = random();
  if (roll < 0.02) return { bytes: encoder.encode(pick(['', '{"student": "x", "answ', '[1,2,3]', '{"answers": {}}', 'null'])), name };
  const expected = oracle.expected(publicSeed(exercise!.id, student));
  const answers: Record<string, string> = {};
  for (const id of ids) answers[id] = expected[id].toFixed(4);
  if (roll < 0.4) {
    // right, four decimals
  } else if (roll < 0.52) {
    const id = pick(ids);
    answers[id] = random() < 0.5 ? expected[id].toFixed(2) : (expected[id] * 1.3 + 0.01).toFixed(4); // coarse, or wrong
  } else if (roll < 0.67) {
    // A wrong first step carried through the rest of the forward pass (error carried forward).
    const z1 = expected.z1 * 0.8;
    const a1 = 1 / (1 + Math.exp(-z1));
    answers.z1 = z1.toFixed(4);
    answers.a1 = a1.toFixed(4);
    answers.z2 = (0.18 * a1).toFixed(4);
  } else if (roll < 0.82) {
    const which = pick(['da3', 'w3new', 'dz3']);
    if (which === 'da3') answers.da3 = (expected.a3 - 1).toFixed(4); // factor 2 dropped
    else if (which === 'w3new') answers.w3new = (expected.w3new + 0.2 * expected.dw3).toFixed(4); // + for −
    else answers.dz3 = (2 * (expected.a3 - 1) * expected.a3).toFixed(4); // σ for σ′
  } else if (roll < 0.95) {
    for (let k = 0; k < 3; k++) answers[pick(ids)] = pick(garbage);
  } else {
    for (const id of ids) if (random() < 0.5) delete answers[id];
    answers[pick(ids)] = answers[ids[0]]?.replace('.', ',') ?? '0,5';
  }
  return { bytes: encoder.encode(JSON.stringify({ exercise: exercise!.id, student, answers })), name };
}

const inputs = Array.from({ length: COUNT }, (_, i) => submission(i));
// The generated submissions carry no seed: they are graded on each student's public seed.
const grader = new Grader(exercise, { trustSeeds: true });
const tally = Object.fromEntries(verdicts.map((v) => [v, 0])) as Record<Verdict, number>;
let errors = 0;

const results: StudentResult[] = [];
const started = performance.now();
for (const { bytes, name } of inputs) {
  for (const r of grader.gradeFile(bytes, name)) {
    results.push(r);
    if (r.error) errors++;
    else for (const q of r.questions) tally[q.status]++;
  }
}
const seconds = (performance.now() - started) / 1000;
// What `backstep grade` does next: one row per student, and every row checked for copies.
const bookStarted = performance.now();
const book = buildGradebook(results, grader.checker);
const bookSeconds = (performance.now() - bookStarted) / 1000;

console.log(`graded ${COUNT} submissions of ${exercise.id} (${ids.length} questions each) in ${seconds.toFixed(2)} s`);
console.log(`${Math.round(COUNT / seconds).toLocaleString('en-US')} submissions/second on one thread (${errors} broken files)`);
console.log(`verdicts: ${verdicts.map((v) => `${v} ${tally[v]}`).join(', ')}`);
console.log(`gradebook (one row per student, copy check against ${new Set(results.map((r) => r.seed)).size.toLocaleString('en-US')} seeds): ${bookSeconds.toFixed(2)} s, ${book.copies.length} flagged`);
