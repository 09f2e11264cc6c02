// An author's marking tests, run before students see the exercise: the reference answers (exact,
// and rounded the way a student would write them) must score full marks on every variant tried,
// and each `expect:` case must get the verdicts, misconceptions and score the author wrote down.
import type { Exercise, Question } from '../exercise.ts';
import { random32 } from '../variants.ts';
import { Checker } from './checker.ts';
import { firstNonFinite } from '../finite.ts';

export interface MarkingTestResult {
  name: string;
  ok: boolean;
  problems: string[];
}

/** How a careful student would write the exact value: to the rule's precision, else 4 decimals. */
export function studentWriting(q: Question, value: number): string {
  if (q.precision?.decimals !== undefined) return value.toFixed(q.precision.decimals);
  if (q.precision?.sigFigs !== undefined) return value.toPrecision(q.precision.sigFigs);
  const abs = Math.abs(value);
  // Four decimals, or four significant figures for numbers too small for that to say anything.
  return abs !== 0 && abs < 0.01 ? value.toPrecision(4) : value.toFixed(4);
}

export function runMarkingTests(exercise: Exercise, options: { variants?: number; checker?: Checker } = {}): MarkingTestResult[] {
  const checker = options.checker ?? new Checker(exercise);
  const out: MarkingTestResult[] = [];

  // Reference answers on the written numbers and on a spread of variant seeds.
  const seeds: (number | null)[] = [null];
  if (exercise.variants) {
    const next = random32(0x5eed);
    for (let i = 0; i < (options.variants ?? 25); i++) seeds.push(Math.floor(next() * 0x100000000));
  }
  const problems: string[] = [];
  for (const seed of seeds) {
    const expected = checker.expected(seed);
    const where = seed === null ? 'the written numbers' : `seed ${seed}`;
    // A reference answer that is not a number (exp(800) in some variant) can never be marked right.
    const broken = exercise.questions.filter((q) => !Number.isFinite(expected[q.id]));
    if (broken.length) {
      const overrides = checker.variant(seed).overrides;
      const graph = checker.graph;
      const cause = firstNonFinite(graph, graph.solve(overrides));
      const drawn = Object.entries(overrides).map(([k, v]) => `${k} = ${v}`).join(', ');
      for (const q of broken) {
        problems.push(`${where}${drawn ? ` (${drawn})` : ''}: the reference answer ${q.id} = ${q.answer} is ${expected[q.id]}${cause ? `, because ${cause.message}` : ''}`);
      }
      continue;
    }
    const ways: [string, Record<string, string>][] = [
      ['exact', Object.fromEntries(exercise.questions.filter((q) => !q.precision).map((q) => [q.id, String(expected[q.id])]))],
      ['as a student writes them', Object.fromEntries(exercise.questions.map((q) => [q.id, studentWriting(q, expected[q.id])]))]
    ];
    for (const [how, answers] of ways) {
      const result = checker.check(answers, seed);
      for (const q of result.questions) {
        if (!(q.id in answers)) continue;
        if (q.verdict !== 'correct') problems.push(`${where}, ${how}: ${q.id} = ${answers[q.id]} gets "${q.verdict}" (${q.feedback}), not "correct"`);
      }
    }
  }
  out.push({ name: `reference answers score full marks (${seeds.length} variant${seeds.length === 1 ? '' : 's'})`, ok: problems.length === 0, problems: problems.slice(0, 20) });

  for (const c of exercise.expect) {
    const result = checker.check(c.answers, c.seed);
    const byId = new Map(result.questions.map((q) => [q.id, q]));
    const p: string[] = [];
    for (const [qid, verdict] of Object.entries(c.verdicts)) {
      const got = byId.get(qid);
      if (got && got.verdict !== verdict) p.push(`${qid}: expected "${verdict}", got "${got.verdict}" (${got.feedback})`);
    }
    for (const [qid, id] of Object.entries(c.misconceptions)) {
      const got = byId.get(qid);
      if (got && got.misconception !== id) p.push(`${qid}: expected misconception "${id}", got ${got.misconception ? `"${got.misconception}"` : `none (${got.verdict}: ${got.feedback})`}`);
    }
    if (c.score !== null && Math.abs(result.score - c.score) > 1e-9) p.push(`score: expected ${c.score}, got ${result.score} of ${result.maxScore}`);
    out.push({ name: c.name, ok: p.length === 0, problems: p });
  }
  return out;
}
