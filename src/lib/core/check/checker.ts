// The answer checker: typed answers for one variant of an exercise → a verdict per question,
// decided in order: right value; right value, wrong precision; error carried forward from the
// student's own answers; a named misconception; else incorrect. Compiled once, cached by variant.
// Feedback is worded in the language asked for (check(answers, seed, lang)); scores never depend on it.
import { Graph, RunBuffers, type Pins } from '../graph.ts';
import { refsOf, type Compiled } from '../expr.ts';
import { asExerciseQuestion, type ChoiceQuestion, type Exercise, type NumberQuestion, type Question, type Verdict } from '../exercise.ts';
import { constant, type Expr } from '../expr.ts';
import { evaluateQuantity } from '../quantity.ts';
import type { GraphSpec } from '../spec.ts';
import type { Solution } from '../graph.ts';
import { drawVariant } from '../variants.ts';
import { answerAlternatives, generateMutations, plainName, type Mutation } from './misconceptions.ts';
import { asPlain, asTex, math, type Wording } from './messages.ts';
import { m } from '../../paraglide/messages.js';
import { baseLang, type Lang } from '../lang.ts';
import { readAnswer, readNumber, type Reading } from './read.ts';
import { quantityKey } from '../quantity.ts';
import { close, defaultTolerance, describeRule, effectiveTolerance, isCoarseRounding, meetsPrecision, type Tolerance } from './tolerance.ts';

export interface QuestionResult {
  id: string;
  verdict: Verdict;
  score: number;
  maxScore: number;
  /** The misconception's id when the verdict is `misconception`. */
  misconception: string | null;
  /** Plain text (CSV, terminals, Gradescope). */
  feedback: string;
  /** The same with its maths as $…$ TeX in the exercise's notation, for a page that typesets it. */
  feedbackTex: string;
  /** The exact value for this student's variant. */
  expected: number;
  /** The number read from the answer, when there was one. */
  value: number | null;
}

export interface CheckResult {
  seed: number | null;
  /** The params and inputs of this variant that differ from the spec. */
  variant: Record<string, number>;
  questions: QuestionResult[];
  score: number;
  maxScore: number;
}

interface Matcher {
  id: string;
  message: Wording;
  credit: number | null;
  fn: Compiled;
}

export interface VariantData {
  overrides: Record<string, number>;
  base: Float64Array;
  exact: Float64Array;
  expected: Float64Array;
  /** mutationValues[m * Q + q]: question q's target in mutated run m. */
  mutationValues: Float64Array;
  /** Per question, the value of each answer-level matcher on the exact state. */
  matcherValues: Float64Array[];
  names: Record<string, number>[];
}

const MAX_CACHED_VARIANTS = 4096;
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class Checker {
  readonly graph: Graph;
  readonly mutations: Mutation[];
  readonly questions: Question[];
  readonly maxScore: number;
  private readonly targets: Compiled[];
  /** State index of a question whose answer is one quantity (a3, grad(w3)); −1 otherwise. */
  private readonly single: Int32Array;
  /** For a question asking for updated(p): the state index of p (its value unchanged is a trivial answer); −1 otherwise. */
  private readonly unchanged: Int32Array;
  private readonly matchers: Matcher[][];
  /** relevant[i]: the questions whose answers move question i on the written numbers (ECF feedback). */
  private readonly relevant: number[][];
  /** feeds[i]: the questions whose answers can reach question i at all, by the graph's structure. */
  private readonly feeds: number[][];
  private readonly cache = new Map<string, VariantData>();
  private readonly pinned: RunBuffers;
  private readonly mutated: RunBuffers;
  private readonly pins: Pins;

  constructor(readonly exercise: Exercise) {
    this.graph = new Graph(exercise.spec);
    this.mutations = generateMutations(this.graph);
    this.questions = exercise.questions;
    this.maxScore = round(this.questions.reduce((s, q) => s + q.points, 0));
    this.targets = this.questions.map((q) => this.graph.compileQuantity(q.target));
    this.unchanged = Int32Array.from(exercise.questions, (q) => {
      const up = q.target.kind === 'ref' ? /^updated\((.+)\)$/.exec(q.target.name) : null;
      return up ? this.graph.keyIndex(up[1]) ?? -1 : -1;
    });
    this.single = Int32Array.from(this.questions, (q) => (q.target.kind === 'ref' ? this.graph.keyIndex(q.target.name) ?? -1 : -1));
    this.matchers = this.questions.map((q) => [
      ...q.misconceptions.map((mc) => ({ id: mc.id, message: () => mc.message, credit: mc.credit, fn: this.graph.compileQuantity(mc.expr) })),
      ...answerAlternatives(this.graph, q.target).map((a) => ({ id: a.id, message: a.message, credit: null, fn: this.graph.compileQuantity(a.expr) }))
    ]);
    const n = this.graph.size;
    this.pinned = new RunBuffers(n);
    this.mutated = new RunBuffers(n);
    this.pins = { values: new Float64Array(3 * n), mask: new Uint8Array(3 * n) };
    this.relevant = this.findRelevant();
    this.feeds = this.findFeeds();
  }

  /**
   * The variant for a seed (null: the exercise as written), cached by the numbers it draws: many
   * seeds share a variant (x to 2 decimals × 3 choices of w3 is 303 variants), and each is
   * solved, with all its mutations, once.
   */
  variant(seed: number | null): VariantData {
    const overrides = seed === null ? {} : drawVariant(this.exercise.variants, seed);
    const key = JSON.stringify(overrides);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const data = this.buildVariant(overrides);
    if (this.cache.size >= MAX_CACHED_VARIANTS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, data);
    return data;
  }

  /** The exact answer to every question for a seed, keyed by question id. */
  expected(seed: number | null): Record<string, number> {
    const v = this.variant(seed);
    return Object.fromEntries(this.questions.map((q, i) => [q.id, v.expected[i]]));
  }

  private buildVariant(overrides: Record<string, number>): VariantData {
    const { graph, questions } = this;
    const base = graph.initialValues(overrides);
    const buf = new RunBuffers(graph.size);
    graph.run(base, buf, { onPaper: true });
    const exact = buf.state.slice();
    const expected = Float64Array.from(this.targets, (fn) => fn(exact));
    const Q = questions.length;
    const mutationValues = new Float64Array(this.mutations.length * Q);
    this.mutations.forEach((m, mi) => {
      graph.run(base, buf, { plan: m.plan, onPaper: true });
      for (let q = 0; q < Q; q++) mutationValues[mi * Q + q] = this.targets[q](buf.state);
    });
    const matcherValues = this.matchers.map((list) => Float64Array.from(list, (m) => m.fn(exact)));
    const names = questions.map((q) => Object.fromEntries(q.names.map((name) => [name, exact[graph.keyIndex(name)!]])));
    return { overrides, base, exact, expected, mutationValues, matcherValues, names };
  }

  /** Check every question of one submission. `answers` maps question ids to what was typed; `lang` words the feedback. */
  check(answers: Readonly<Record<string, unknown>>, seed: number | null = null, lang: Lang = baseLang): CheckResult {
    const locale = lang;
    const v = this.variant(seed);
    const Q = this.questions.length;
    const results: QuestionResult[] = new Array(Q);
    const readings: Reading[] = new Array(Q);
    const wrong: number[] = [];
    const off = new Uint8Array(Q); // a number that is not the exact value within tolerance (wrong or coarse)
    const tols: Tolerance[] = new Array(Q);

    for (let i = 0; i < Q; i++) {
      const q = this.questions[i];
      const typed = Object.prototype.hasOwnProperty.call(answers, q.id) ? answers[q.id] : undefined;
      const r = (readings[i] = readAnswer(typed, { names: v.names[i], lang }));
      const expected = v.expected[i];
      if (r.kind === 'empty') {
        results[i] = this.result(q, 'missing', null, m.check_no_answer({}, { locale }), expected, null);
        continue;
      }
      if (r.kind === 'invalid') {
        results[i] = this.result(q, 'invalid', null, capitalise(r.message) + '.', expected, null);
        continue;
      }
      const tol = (tols[i] = effectiveTolerance(q.tolerance, q.precision, expected));
      if (close(r.value, expected, tol)) {
        if (meetsPrecision(r, q.precision)) results[i] = this.result(q, 'correct', null, m.check_correct({}, { locale }), expected, r.value);
        else {
          const rule = describeRule(q.precision!, lang);
          const feedback = r.form === 'number' ? m.check_precision_number({ rule }, { locale }) : m.check_precision_expression({ rule }, { locale });
          results[i] = this.result(q, 'precision', null, feedback, expected, r.value);
        }
        continue;
      }
      off[i] = 1;
      if (isCoarseRounding(r, expected, q.precision ? 1 : 2)) {
        const need = q.precision ? describeRule(q.precision, lang) : m.check_rule_default({}, { locale });
        const rounded = describeRule(r.decimals! > 0 ? { decimals: r.decimals! } : { sigFigs: r.sigFigs! }, lang);
        results[i] = this.result(q, 'precision', null, m.check_coarse({ rounded, need }, { locale }), expected, r.value);
        continue;
      }
      wrong.push(i);
    }
    if (wrong.length) this.decideWrong(v, readings, wrong, off, tols, results, lang);
    let score = 0;
    for (const r of results) score += r.score;
    return { seed, variant: v.overrides, questions: results, score: round(score), maxScore: this.maxScore };
  }

  /** ECF, then misconceptions (exact, then from the student's own answers), else incorrect. */
  private decideWrong(v: VariantData, readings: Reading[], wrong: number[], off: Uint8Array, tols: Tolerance[], results: QuestionResult[], lang: Lang) {
    const locale = lang;
    const fromOwnAnswers = (explanation: string) => m.check_from_own_answers({ explanation: capitalise(explanation) }, { locale });
    const { graph, pins, pinned } = this;
    const Q = this.questions.length;
    // Every answered quantity is pinned (rounded right answers too: that is what the student used).
    pins.mask.fill(0);
    for (let j = 0; j < Q; j++) {
      const r = readings[j];
      const k = this.single[j];
      if (k < 0 || r.kind !== 'value') continue;
      pins.values[k] = r.value;
      pins.mask[k] = 1;
    }
    // Carrying errors forward only matters for a question fed by an answer that was off.
    const fedByOff = (i: number) => this.feeds[i].some((j) => off[j] && readings[j].kind === 'value' && this.single[j] >= 0);
    const carried = wrong.filter(fedByOff);
    if (carried.length) graph.run(v.base, pinned, { pins, onPaper: true });
    let pending: number[] = [];
    for (const i of wrong) {
      const q = this.questions[i];
      const value = (readings[i] as Extract<Reading, { kind: 'value' }>).value;
      const expected = v.expected[i];
      const tol = tols[i];
      if (carried.includes(i)) {
        const fromOwn = this.valueIn(pinned, i);
        if (!close(fromOwn, expected, tol) && close(value, fromOwn, tol)) {
          results[i] = this.result(q, 'ecf', null, this.ecfFeedback(i, readings, off, lang), expected, value);
          continue;
        }
      }
      const found = this.matchExact(v, i, value, tol);
      if (found) results[i] = this.result(q, 'misconception', found, capitalise(found.message(lang)) + '.', expected, value);
      else pending.push(i);
    }
    // Mistakes made on top of the student's own earlier (wrong) answers.
    const again = pending.filter((i) => carried.includes(i));
    pending = pending.filter((i) => !carried.includes(i));
    const valueOf = (i: number) => (readings[i] as { value: number }).value;
    let still: number[] = [];
    for (const i of again) {
      const found = this.matchPinnedAnswerLevel(v, i, valueOf(i), tols[i]);
      if (found) results[i] = this.result(this.questions[i], 'misconception', found, fromOwnAnswers(found.message(lang)), v.expected[i], valueOf(i));
      else still.push(i);
    }
    for (let m = 0; m < this.mutations.length && still.length; m++) {
      graph.run(v.base, this.mutated, { pins, plan: this.mutations[m].plan, onPaper: true });
      still = still.filter((i) => {
        const mv = this.valueIn(this.mutated, i);
        if (close(mv, this.valueIn(pinned, i), tols[i]) || !this.distinguishable(v, i, mv, tols[i]) || !close(valueOf(i), mv, tols[i])) return true;
        const mut = this.mutations[m];
        results[i] = this.result(this.questions[i], 'misconception', { id: mut.id, credit: null }, fromOwnAnswers(mut.message(lang)), v.expected[i], valueOf(i));
        return false;
      });
    }
    for (const i of [...pending, ...still]) {
      results[i] = this.result(this.questions[i], 'incorrect', null, m.check_not_right({}, { locale }), v.expected[i], valueOf(i));
    }
  }

  /** Question i's target in a run: the quantity as computed there (not its pin), or its expression. */
  private valueIn(buf: RunBuffers, i: number): number {
    const k = this.single[i];
    return k >= 0 ? buf.computed[k] : this.targets[i](buf.state);
  }

  private matchExact(v: VariantData, i: number, value: number, tol: Tolerance): { id: string; message: Wording; credit: number | null } | null {
    const Q = this.questions.length;
    const expected = v.expected[i];
    const list = this.matchers[i];
    // Author-written misconceptions first (they are listed first), then the mutated reruns.
    for (let a = 0; a < list.length; a++) {
      if (list[a].credit === null) break;
      const mv = v.matcherValues[i][a];
      if (this.distinguishable(v, i, mv, tol) && close(value, mv, tol)) return list[a];
    }
    for (let m = 0; m < this.mutations.length; m++) {
      const mv = v.mutationValues[m * Q + i];
      if (this.distinguishable(v, i, mv, tol) && close(value, mv, tol)) return { ...this.mutations[m], credit: null };
    }
    for (let a = 0; a < list.length; a++) {
      if (list[a].credit !== null) continue;
      const mv = v.matcherValues[i][a];
      if (this.distinguishable(v, i, mv, tol) && close(value, mv, tol)) return list[a];
    }
    return null;
  }

  /**
   * Can a misconception's value be told apart, at the tolerance, from the right answer and from
   * the trivial answers a student types without the misconception (0, and for an updated param the
   * param unchanged)? Only then may the checker claim it.
   */
  distinguishable(v: VariantData, i: number, mv: number, tol: Tolerance): boolean {
    if (!Number.isFinite(mv) || close(mv, v.expected[i], tol) || close(mv, 0, tol)) return false;
    const k = this.unchanged[i];
    return k < 0 || !close(mv, v.exact[k], tol);
  }

  /** Answer-level matchers evaluated on the pinned state, with question i's own pin lifted. */
  private matchPinnedAnswerLevel(v: VariantData, i: number, value: number, tol: Tolerance): Matcher | null {
    const { state, computed } = this.pinned;
    const k = this.single[i];
    const saved = k >= 0 ? state[k] : 0;
    if (k >= 0) state[k] = computed[k];
    let found: Matcher | null = null;
    const carried = this.targets[i](state);
    for (const m of this.matchers[i]) {
      const mv = m.fn(state);
      if (!close(mv, carried, tol) && this.distinguishable(v, i, mv, tol) && close(value, mv, tol)) {
        found = m;
        break;
      }
    }
    if (k >= 0) state[k] = saved;
    return found;
  }

  private ecfFeedback(i: number, readings: Reading[], off: Uint8Array, lang: Lang): string {
    const locale = lang;
    const from = this.relevant[i].filter((j) => off[j] && readings[j].kind === 'value');
    const shown = from.map((j) => {
      const q = this.questions[j];
      const name = q.target.kind === 'ref' ? plainQuantity(this.graph, q.target.name, lang) : q.id;
      // The student's own number, in full, with the language's decimal separator (a list needs ';' then).
      const value = String((readings[j] as { value: number }).value);
      return `${name} = ${lang === 'es' ? value.replace('.', ',') : value}`;
    }).join(lang === 'es' ? '; ' : ', ');
    if (!from.length) return m.check_ecf_generic({}, { locale });
    return from.length > 1 ? m.check_ecf_many({ shown }, { locale }) : m.check_ecf_one({ shown }, { locale });
  }

  private result(q: Question, verdict: Verdict, mis: { id: string; credit: number | null } | null, feedback: string, expected: number, value: number | null): QuestionResult {
    const credit =
      verdict === 'correct' ? 1
      : verdict === 'precision' ? q.credit.precision
      : verdict === 'ecf' ? q.credit.ecf
      : verdict === 'misconception' ? mis?.credit ?? q.credit.misconception
      : 0;
    return { id: q.id, verdict, score: round(q.points * credit), maxScore: q.points, misconception: mis?.id ?? null, feedback: asPlain(feedback), feedbackTex: asTex(feedback), expected, value };
  }

  private findFeeds(): number[][] {
    return this.questions.map((q, i) =>
      this.questions
        .map((_, j) => j)
        .filter((j) => {
          const p = this.questions[j];
          if (j === i || p.target.kind !== 'ref') return false;
          const on = p.target.name;
          return refsOf(q.target).some((k) => k === on || dependsOn(this.graph, k, on));
        })
    );
  }

  /** Which questions' answers feed question i: pin each one alone, off by a little, and look. */
  private findRelevant(): number[][] {
    const { graph } = this;
    const Q = this.questions.length;
    const base = graph.initialValues();
    const exact = new RunBuffers(graph.size);
    graph.run(base, exact, { onPaper: true });
    const buf = new RunBuffers(graph.size);
    const pins: Pins = { values: new Float64Array(3 * graph.size), mask: new Uint8Array(3 * graph.size) };
    const out: number[][] = this.questions.map(() => []);
    for (let j = 0; j < Q; j++) {
      const k = this.single[j];
      if (k < 0) continue;
      pins.mask.fill(0);
      pins.mask[k] = 1;
      pins.values[k] = exact.state[k] + 1e-3 * (1 + Math.abs(exact.state[k]));
      graph.run(base, buf, { pins, onPaper: true });
      for (let i = 0; i < Q; i++) {
        if (i === j) continue;
        const before = this.valueIn(exact, i);
        const after = this.valueIn(buf, i);
        if (Math.abs(after - before) > 1e-12 * (1 + Math.abs(before))) out[i].push(j);
      }
    }
    return out;
  }
}

/**
 * The quantities a quantity can depend on, by structure alone (so a ReLU that is flat for one
 * variant does not hide a dependency): a value, on its ancestors' values; a gradient, on the
 * gradients of everything downstream and on every value (local partials read values); an
 * updated param, on its value and everything its gradient depends on.
 */
export function dependsOn(graph: Graph, key: string, on: string): boolean {
  const k = quantityKey(key);
  const o = quantityKey(on);
  const ancestors = (name: string, into = new Set<string>()): Set<string> => {
    for (const e of graph.dependencies.get(name) ?? []) if (!into.has(e.from)) ancestors(e.from, into.add(e.from));
    return into;
  };
  const descendants = (name: string, into = new Set<string>()): Set<string> => {
    for (const e of graph.consumers.get(name) ?? []) if (!into.has(e.to)) descendants(e.to, into.add(e.to));
    return into;
  };
  if (k.kind === 'value') return o.kind === 'value' && ancestors(k.name).has(o.name);
  if (o.kind === 'updated') return false;
  if (k.kind === 'updated' && o.name === k.name) return true;
  if (o.kind === 'value') return descendants(k.name).size > 0;
  return descendants(k.name).has(o.name);
}

/** a3 → a^(L), grad(w3) → ∂C_0/∂W^(L), updated(w3) → W^(L) updated. */
export function plainQuantity(graph: Graph, key: string, lang: Lang = baseLang): string {
  const { kind, name } = quantityKey(key);
  if (kind === 'value') return plainName(graph, name);
  return kind === 'grad' ? math(`\\partial ${graph.tex(graph.spec.loss)}/\\partial ${graph.tex(name)}`) : m.check_new_quantity({ name: plainName(graph, name) }, { locale: lang });
}

// ── One question on its own: a lesson's questions and practice steps, on the same checker ──

export interface SingleQuestion {
  /** The lesson's graph; absent for a lesson without one (the target is then a number). */
  spec?: GraphSpec;
  target: Expr;
  /** Numbers that differ from the spec (a lesson's live edits). */
  overrides?: Record<string, number>;
  learningRate?: number;
  tolerance?: Partial<Tolerance>;
}

/** A lesson without a graph: nothing to name, nothing to rerun. */
const noGraph: GraphSpec = { params: {}, inputs: {}, nodes: [], loss: '', learningRate: 0.1, tex: {} };
const singleCheckers = new WeakMap<GraphSpec, Map<string, Checker>>();
const MAX_PER_SPEC = 64;

/**
 * Check one answer with the full checker (reading, tolerance, precision, named misconceptions)
 * on a graph whose numbers the student may have edited. Checkers are cached per graph, numbers
 * and question, so a lesson pays for compiling the mutations once per edit.
 */
export function checkSingle(q: SingleQuestion, typed: string, lang: Lang = baseLang): QuestionResult {
  const base = q.spec ?? noGraph;
  const tolerance = { ...defaultTolerance, ...q.tolerance };
  const overrides = q.overrides ?? {};
  const learningRate = q.learningRate ?? base.learningRate;
  const key = JSON.stringify([q.target, tolerance, overrides, learningRate]);
  let perSpec = singleCheckers.get(base);
  if (!perSpec) singleCheckers.set(base, (perSpec = new Map()));
  let checker = perSpec.get(key);
  if (!checker) {
    const pick = (from: Record<string, number>) => Object.fromEntries(Object.keys(from).map((n) => [n, n in overrides ? overrides[n] : from[n]]));
    const spec: GraphSpec = { ...base, params: pick(base.params), inputs: pick(base.inputs), learningRate };
    const question = asExerciseQuestion({ expr: q.target, rtol: tolerance.rtol }, tolerance);
    checker = new Checker({ id: 'lesson', title: '', summary: '', mode: 'practice', spec, variants: null, questions: [question], expect: [] });
    if (perSpec.size >= MAX_PER_SPEC) perSpec.delete(perSpec.keys().next().value!);
    perSpec.set(key, checker);
  }
  return checker.check({ q: typed }, null, lang).questions[0];
}

/** The lesson's graph as the student sees it. */
export interface QuestionGraph {
  spec: GraphSpec;
  overrides?: Record<string, number>;
  learningRate?: number;
}

/** What a lesson page shows for an answer: right, not right (with the checker's feedback), or unreadable. */
export interface LessonAnswer {
  verdict: 'correct' | 'incorrect' | 'unreadable';
  /** The exact value of a number question (choice questions have none). */
  expected?: number;
  given?: number;
  message: string;
  /** The same message with its maths as $…$ TeX in the lesson's notation, for the page to typeset. */
  messageTex?: string;
}

/** What a lesson without a graph evaluates its answers in: numbers and arithmetic name nothing. */
export const noSolution: Solution = { values: {}, gradients: {}, updated: {}, partials: [], loss: Number.NaN };

/**
 * A lesson's number question (or a practice step): on the lesson's graph when given, with its
 * named misconceptions; else against the value of the answer in `solution`. The same checker,
 * reader and tolerance rule as exercises, either way.
 */
export function checkQuestion(question: Pick<NumberQuestion, 'expr' | 'rtol'>, typed: string, solution: Solution, graph?: QuestionGraph, lang: Lang = baseLang): LessonAnswer {
  const expected = evaluateQuantity(question.expr, solution);
  const read = readNumber(typed, lang);
  if ('error' in read) return { verdict: 'unreadable', expected, message: read.error };
  const given = read.value;
  const r = graph
    ? checkSingle({ spec: graph.spec, target: question.expr, overrides: graph.overrides, learningRate: graph.learningRate, tolerance: { rtol: question.rtol } }, typed, lang)
    : checkSingle({ target: constant(expected), tolerance: { rtol: question.rtol } }, typed, lang);
  if (r.verdict === 'correct') return { verdict: 'correct', expected, given, message: m.check_correct({}, { locale: lang }) };
  const plain = r.verdict === 'incorrect' ? notQuite(given, expected, lang) : `${notQuite(given, expected, lang)} ${r.feedback}`;
  const tex = r.verdict === 'incorrect' ? notQuite(given, expected, lang) : `${notQuite(given, expected, lang)} ${r.feedbackTex}`;
  return { verdict: 'incorrect', expected, given, message: plain, messageTex: tex };
}

/** A picked choice: right only when it is the answer, exactly. */
export function checkChoice(question: Pick<ChoiceQuestion, 'answer' | 'choices'>, picked: string, lang: Lang = baseLang): LessonAnswer {
  const locale = lang;
  if (!picked) return { verdict: 'unreadable', message: m.check_pick_choice({}, { locale }) };
  if (!question.choices.includes(picked)) return { verdict: 'unreadable', message: m.check_not_a_choice({ picked }, { locale }) };
  if (picked === question.answer) return { verdict: 'correct', message: m.check_correct({}, { locale }) };
  return { verdict: 'incorrect', message: m.check_choice_wrong({}, { locale }) };
}

const notQuite = (given: number, expected: number, locale: Lang) =>
  Math.sign(given) !== Math.sign(expected) && expected !== 0 ? `${m.check_not_quite({}, { locale })} ${m.check_check_sign({}, { locale })}` : m.check_not_quite({}, { locale });
