// One question on its own, for lessons: the full checker (reading, tolerance, precision, named
// misconceptions) on a graph whose numbers the student may have edited. Checkers are cached per
// graph, numbers and question, so a lesson pays for compiling the mutations once per edit.
import type { Expr } from '../expr.ts';
import type { GraphSpec } from '../spec.ts';
import { defaultCredit, type Exercise } from '../exercise.ts';
import { Checker, type QuestionResult } from './checker.ts';
import { defaultTolerance, type Tolerance } from './tolerance.ts';

export interface SingleQuestion {
  spec: GraphSpec;
  target: Expr;
  /** Numbers that differ from the spec (a lesson's live edits). */
  overrides?: Record<string, number>;
  learningRate?: number;
  tolerance?: Partial<Tolerance>;
}

const cache = new WeakMap<GraphSpec, Map<string, Checker>>();
const MAX_PER_SPEC = 64;

export function checkSingle(q: SingleQuestion, typed: string): QuestionResult {
  const tolerance = { ...defaultTolerance, ...q.tolerance };
  const overrides = q.overrides ?? {};
  const learningRate = q.learningRate ?? q.spec.learningRate;
  const key = JSON.stringify([q.target, tolerance, overrides, learningRate]);
  let perSpec = cache.get(q.spec);
  if (!perSpec) cache.set(q.spec, (perSpec = new Map()));
  let checker = perSpec.get(key);
  if (!checker) {
    const pick = (from: Record<string, number>) => Object.fromEntries(Object.keys(from).map((n) => [n, n in overrides ? overrides[n] : from[n]]));
    const spec: GraphSpec = { ...q.spec, params: pick(q.spec.params), inputs: pick(q.spec.inputs), learningRate };
    const exercise: Exercise = {
      id: 'lesson',
      title: '',
      summary: '',
      mode: 'practice',
      spec,
      variants: null,
      questions: [{ id: 'q', answer: '', target: q.target, points: 1, tolerance, credit: { ...defaultCredit }, names: [], misconceptions: [], prompt: '', at: { line: 1, column: 1 } }],
      expect: []
    };
    checker = new Checker(exercise);
    if (perSpec.size >= MAX_PER_SPEC) perSpec.delete(perSpec.keys().next().value!);
    perSpec.set(key, checker);
  }
  return checker.check({ q: typed }).questions[0];
}
