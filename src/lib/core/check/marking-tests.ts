// An author's marking tests, run before students see the exercise: the reference answers (exact,
// and rounded the way a student would write them) must score full marks on every variant tried,
// and each `expect:` case must get the verdicts, misconceptions and score the author wrote down.
import type { Exercise, Question } from '../exercise.ts';
import { Random } from '../random.ts';
import { Checker } from './checker.ts';
import { firstNonFinite } from '../finite.ts';
import { effectiveTolerance } from './tolerance.ts';

export interface MarkingTestResult {
  name: string;
  ok: boolean;
  problems: string[];
  /** Things an author should look at that do not fail the test. */
  warnings?: string[];
}

/** How a careful student would write the exact value: to the rule's precision, else 4 decimals. */
export function studentWriting(q: Pick<Question, 'precision'>, value: number): string {
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
    const random = new Random(0x5eed);
    for (let i = 0; i < (options.variants ?? 25); i++) seeds.push(random.nextUint32());
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
  out.push({
    name: `reference answers score full marks (${seeds.length} variant${seeds.length === 1 ? '' : 's'})`,
    ok: problems.length === 0,
    problems: problems.slice(0, 20),
    warnings: [...referenceWarnings(exercise, checker, seeds), ...indistinguishable(exercise, checker, seeds)]
  });

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

const seedName = (seed: number | null) => (seed === null ? 'the written numbers' : `seed ${seed}`);

/**
 * Reference answers a student could hit by accident: exactly 0, or within 10×atol of 0 (typing 0
 * scores), in any variant tried. One line per question, naming the variants. (A reference that is
 * not a finite number fails the test above, with its cause.)
 */
export function referenceWarnings(exercise: Exercise, checker: Checker, seeds: (number | null)[]): string[] {
  const out: string[] = [];
  for (const q of exercise.questions) {
    const found: Record<'zero' | 'near', string[]> = { zero: [], near: [] };
    for (const seed of seeds) {
      const value = checker.expected(seed)[q.id];
      if (!Number.isFinite(value)) continue;
      if (value === 0) found.zero.push(seedName(seed));
      else if (Math.abs(value) <= 10 * q.tolerance.atol) found.near.push(`${seedName(seed)} (${value.toPrecision(3)})`);
    }
    const list = (xs: string[]) => `${xs.slice(0, 3).join(', ')}${xs.length > 3 ? ` and ${xs.length - 3} more` : ''}`;
    if (found.zero.length) out.push(`question ${q.id}: the reference answer is 0 in ${found.zero.length} of ${seeds.length} variants (${list(found.zero)}): typing 0 scores; add a where: condition`);
    if (found.near.length) out.push(`question ${q.id}: the reference answer is within 10×atol of 0 in ${found.near.length} of ${seeds.length} variants (${list(found.near)}): 0 is nearly right; add a where: condition or a smaller atol`);
  }
  return out;
}

/**
 * Per question, the generated misconceptions the checker cannot tell apart at the tolerance from
 * the right answer or a trivial answer (0, the param unchanged) in some variant tried: the checker
 * will not claim them there, and an author should know.
 */
export function indistinguishable(exercise: Exercise, checker: Checker, seeds: (number | null)[]): string[] {
  const Q = exercise.questions.length;
  const out: string[] = [];
  exercise.questions.forEach((q, i) => {
    const ids = new Map<string, number>();
    for (const seed of seeds) {
      const v = checker.variant(seed);
      const tol = effectiveTolerance(q.tolerance, q.precision, v.expected[i]);
      const seen = new Set<string>();
      checker.mutations.forEach((m, mi) => {
        const mv = v.mutationValues[mi * Q + i];
        if (mv === v.expected[i] || seen.has(m.id)) return; // not a mistake at this question at all
        if (!checker.distinguishable(v, i, mv, tol)) seen.add(m.id);
      });
      for (const id of seen) ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    if (ids.size) out.push(`question ${q.id}: cannot tell apart from the right answer or a trivial one (0, the param unchanged): ${[...ids].map(([id, n]) => `${id} (${n} of ${seeds.length} variants)`).join(', ')}`);
  });
  return out;
}
