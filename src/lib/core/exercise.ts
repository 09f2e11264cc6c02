// The exercise model: graph, optional variants, questions (front matter or body directives, both
// arriving as raw questions with positions) and the author's marking tests (`expect:`). Author
// mistakes become diagnostics at file:line:col; nothing here throws.
import type { Position, Reporter } from './diagnostics.ts';
import { constant, type Expr } from './expr.ts';
import type { Located } from './source.ts';
import type { GraphSpec } from './spec.ts';
import { parseQuantity, quantityNames, type ParsedQuantity } from './quantity.ts';
import { defaultTolerance, type PrecisionRule, type Tolerance } from './check/tolerance.ts';
import { misconceptionIds } from './check/misconceptions.ts';
import type { MatrixTarget } from './check/matrix.ts';
import { readVariants, type VariantSpec } from './variants.ts';

export const verdicts = ['correct', 'precision', 'ecf', 'misconception', 'incorrect', 'invalid', 'missing'] as const;
export type Verdict = (typeof verdicts)[number];

/** Share of a question's points each verdict earns (correct is always 1; the rest 0). */
export interface Credit {
  precision: number;
  ecf: number;
  misconception: number;
}
export const defaultCredit: Readonly<Credit> = Object.freeze({ precision: 0.5, ecf: 1, misconception: 0 });

export interface CustomMisconception {
  id: string;
  source: string;
  expr: Expr;
  message: string;
  credit: number;
}

export interface Question {
  id: string;
  /** The answer as the author wrote it: an expression over names, grad(name), updated(name). */
  answer: string;
  target: Expr;
  points: number;
  tolerance: Tolerance;
  precision?: PrecisionRule;
  credit: Credit;
  /** Lesson names a student may type in this answer (a3, w3). */
  names: string[];
  misconceptions: CustomMisconception[];
  /** Markdown shown above the answer box. */
  prompt: string;
  at: Position;
}

export interface ExpectCase {
  name: string;
  seed: number | null;
  answers: Record<string, string>;
  verdicts: Record<string, Verdict>;
  misconceptions: Record<string, string>;
  score: number | null;
  at: Position;
}

export interface Exercise {
  id: string;
  title: string;
  summary: string;
  mode: 'practice' | 'exam';
  spec: GraphSpec;
  variants: VariantSpec | null;
  questions: Question[];
  expect: ExpectCase[];
}

/**
 * A question as a lesson's :::question directive gives it: a number over the lesson's names
 * (marked by the one checker, as an exercise question with the lesson's tolerance) or a pick
 * among choices (marked by an exact match).
 */
export interface NumberQuestion {
  kind: 'number';
  id: string;
  /** The answer as the author wrote it, e.g. "grad(w3)". */
  answer: string;
  expr: Expr;
  rtol: number;
  /** The ids of the widgets whose chosen values the answer reads (start(bowl) → bowl). */
  reads?: string[];
}

export interface ChoiceQuestion {
  kind: 'choice';
  id: string;
  /** One of the choices, exactly as written there. */
  answer: string;
  choices: string[];
}

/** A lesson question whose answer is a whole matrix of a layered network (dW1, or dW1^T). */
export interface MatrixQuestion {
  kind: 'matrix';
  id: string;
  /** The answer as the author wrote it, e.g. "dW1" or "dW1^T". */
  answer: string;
  target: MatrixTarget;
  rtol: number;
}

export type QuestionSpec = NumberQuestion | ChoiceQuestion | MatrixQuestion;

/** A lesson question's default relative tolerance (its atol is the checker's default). */
export const lessonRtol = 1e-3;

/** An exercise question with a lesson question's target and tolerance, for the one checker. */
export function asExerciseQuestion(q: Pick<NumberQuestion, 'expr' | 'rtol'>, tolerance: Tolerance = { ...defaultTolerance, rtol: q.rtol }): Question {
  return { id: 'q', answer: '', target: q.expr, points: 1, tolerance, credit: { ...defaultCredit }, names: [], misconceptions: [], prompt: '', at: { line: 1, column: 1 } };
}

/** A question as written, before checking: its fields and where each one is. */
export interface RawQuestion {
  fields: Record<string, unknown>;
  at(field?: string): Position;
  prompt?: string;
  /** Custom misconceptions written as nested directives in the body. */
  misconceptions?: { fields: Record<string, unknown>; at(field?: string): Position }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A number given as a number or (in directive attributes) as text. */
function numberField(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v)) return Number(v);
  return undefined;
}

/** Parse an `answer:` expression: names, grad(name), updated(name), the graph's functions, e, pi. */
export function parseAnswerExpression(source: string, spec: GraphSpec): ParsedQuantity {
  return parseQuantity(source, quantityNames(spec));
}

/**
 * Read an exercise from its front matter (with positions), its graph spec (already read) and the
 * questions found in its body. Returns null when there are errors (all reported).
 */
export function readExercise(src: Located, spec: GraphSpec | null, bodyQuestions: RawQuestion[], reporter: Reporter, fallbackId: string): Exercise | null {
  const before = reporter.diagnostics.filter((d) => d.severity === 'error').length;
  const fm = isRecord(src.data) ? src.data : {};
  const id = typeof fm.id === 'string' && fm.id.trim() ? fm.id.trim() : fallbackId;
  if (fm.id !== undefined && (typeof fm.id !== 'string' || !idPattern.test(fm.id))) {
    reporter.error('id must be a name like chain3 (letters, digits, _ and -)', src.locate(['id']));
  }
  if (typeof fm.title !== 'string' || !fm.title.trim()) reporter.error('an exercise needs a title', src.locate(fm.title === undefined ? [] : ['title']));
  const mode = fm.mode ?? 'practice';
  if (mode !== 'practice' && mode !== 'exam') reporter.error(`mode must be "practice" or "exam", not ${JSON.stringify(mode)}`, src.locate(['mode']));
  if (!spec) return null;

  const defaults = readDefaults(src, fm, reporter);
  const variants = readVariants(src, ['variants'], fm.variants, spec, reporter);
  const raw: RawQuestion[] = [];
  if (fm.questions !== undefined) {
    if (!Array.isArray(fm.questions)) reporter.error('questions must be a list, e.g. - { id: z1, answer: z1, points: 1 }', src.locate(['questions']));
    else
      fm.questions.forEach((q, i) => {
        const at = (field?: string) => src.locate(field ? ['questions', i, field] : ['questions', i], field ? 'value' : 'value');
        if (!isRecord(q)) {
          reporter.error('each question must be a mapping with id and answer', at());
          return;
        }
        const list = Array.isArray(q.misconceptions) ? q.misconceptions : [];
        raw.push({
          fields: q,
          at,
          prompt: typeof q.prompt === 'string' ? q.prompt : undefined,
          misconceptions: list.map((_, j) => ({
            fields: isRecord(list[j]) ? (list[j] as Record<string, unknown>) : {},
            at: (field?: string) => src.locate(field ? ['questions', i, 'misconceptions', j, field] : ['questions', i, 'misconceptions', j])
          }))
        });
        if (q.misconceptions !== undefined && !Array.isArray(q.misconceptions)) reporter.error('misconceptions must be a list', at('misconceptions'));
      });
  }
  raw.push(...bodyQuestions);
  if (raw.length === 0) reporter.error('no questions: add a questions: list to the front matter or :::question directives to the body', src.locate([]));

  const questions: Question[] = [];
  const seen = new Map<string, Position>();
  for (const r of raw) {
    const q = readQuestion(r, spec, defaults, reporter);
    if (!q) continue;
    const first = seen.get(q.id);
    if (first) {
      reporter.error(`question id "${q.id}" is used twice (first at line ${first.line})`, r.at('id'));
      continue;
    }
    seen.set(q.id, q.at);
    questions.push(q);
  }
  const expect = readExpect(src, fm.expect, questions, reporter);
  const errors = reporter.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > before) return null;
  return {
    id,
    title: String(fm.title),
    summary: typeof fm.summary === 'string' ? fm.summary : '',
    mode: mode as 'practice' | 'exam',
    spec,
    variants,
    questions,
    expect
  };
}

interface Defaults {
  tolerance: Tolerance;
  credit: Credit;
}

function readDefaults(src: Located, fm: Record<string, unknown>, reporter: Reporter): Defaults {
  const tolerance = readTolerance(fm.tolerance, defaultTolerance, (m) => reporter.error(m, src.locate(['tolerance'])));
  const credit = readCredit(fm.credit, defaultCredit, (m) => reporter.error(m, src.locate(['credit'])));
  return { tolerance, credit };
}

function readTolerance(v: unknown, base: Tolerance, fail: (m: string) => void): Tolerance {
  if (v === undefined) return base;
  if (!isRecord(v)) {
    fail('tolerance must be a mapping like { rtol: 0.001, atol: 0.0001 }');
    return base;
  }
  const out = { ...base };
  for (const [k, raw] of Object.entries(v)) {
    const n = numberField(raw);
    if (k !== 'rtol' && k !== 'atol') fail(`tolerance: unknown key "${k}" (known: rtol, atol)`);
    else if (n === undefined || n < 0) fail(`tolerance.${k} must be a number ≥ 0`);
    else out[k] = n;
  }
  return out;
}

function readCredit(v: unknown, base: Credit, fail: (m: string) => void): Credit {
  if (v === undefined) return base;
  if (!isRecord(v)) {
    fail('credit must be a mapping like { precision: 0.5, ecf: 1, misconception: 0 }');
    return base;
  }
  const out = { ...base };
  for (const [k, raw] of Object.entries(v)) {
    const n = numberField(raw);
    if (!(k in base)) fail(`credit: unknown key "${k}" (known: precision, ecf, misconception)`);
    else if (n === undefined || n < 0 || n > 1) fail(`credit.${k} must be a number from 0 to 1`);
    else out[k as keyof Credit] = n;
  }
  return out;
}

const questionKeys = ['id', 'answer', 'points', 'tolerance', 'rtol', 'atol', 'decimals', 'sig_figs', 'credit', 'precision_credit', 'ecf_credit', 'names', 'misconceptions', 'prompt'];

function readQuestion(r: RawQuestion, spec: GraphSpec, defaults: Defaults, reporter: Reporter): Question | null {
  const f = r.fields;
  let ok = true;
  const fail = (message: string, field?: string) => {
    ok = false;
    reporter.error(message, r.at(field));
  };
  for (const k of Object.keys(f)) if (!questionKeys.includes(k)) fail(`question: unknown key "${k}" (known: ${questionKeys.join(', ')})`, k);
  const id = typeof f.id === 'string' ? f.id : typeof f.id === 'number' ? String(f.id) : '';
  if (!idPattern.test(id)) fail(`a question needs an id like dw3 (letters, digits, _ and -), not ${JSON.stringify(f.id ?? '')}`, f.id === undefined ? undefined : 'id');
  let target: Expr = constant(0);
  const answer = typeof f.answer === 'string' ? f.answer : typeof f.answer === 'number' ? String(f.answer) : '';
  if (!answer.trim()) fail(`question "${id}" needs an answer, like answer: grad(w3)`, f.answer === undefined ? undefined : 'answer');
  else {
    const parsed = parseAnswerExpression(answer, spec);
    if ('message' in parsed) fail(`question "${id}": answer ${JSON.stringify(answer)}: ${parsed.message}`, 'answer');
    else target = parsed.expr;
  }
  const points = f.points === undefined ? 1 : numberField(f.points);
  if (points === undefined || points < 0) fail(`question "${id}": points must be a number ≥ 0`, 'points');

  let tolerance = readTolerance(f.tolerance, defaults.tolerance, (m) => fail(`question "${id}": ${m}`, 'tolerance'));
  for (const k of ['rtol', 'atol'] as const) {
    if (f[k] === undefined) continue;
    const n = numberField(f[k]);
    if (n === undefined || n < 0) fail(`question "${id}": ${k} must be a number ≥ 0`, k);
    else tolerance = { ...tolerance, [k]: n };
  }
  let precision: PrecisionRule | undefined;
  if (f.decimals !== undefined && f.sig_figs !== undefined) fail(`question "${id}": give decimals or sig_figs, not both`, 'sig_figs');
  for (const [k, key] of [['decimals', 'decimals'], ['sig_figs', 'sigFigs']] as const) {
    if (f[k] === undefined) continue;
    const n = numberField(f[k]);
    if (n === undefined || !Number.isInteger(n) || n < (k === 'decimals' ? 0 : 1) || n > 15) fail(`question "${id}": ${k} must be a whole number`, k);
    else precision = { [key]: n };
  }
  let credit = readCredit(f.credit, defaults.credit, (m) => fail(`question "${id}": ${m}`, 'credit'));
  for (const [k, key] of [['precision_credit', 'precision'], ['ecf_credit', 'ecf']] as const) {
    if (f[k] === undefined) continue;
    const n = numberField(f[k]);
    if (n === undefined || n < 0 || n > 1) fail(`question "${id}": ${k} must be a number from 0 to 1`, k);
    else credit = { ...credit, [key]: n };
  }

  const allNames = [...Object.keys(spec.params), ...Object.keys(spec.inputs), ...spec.nodes.map((n) => n.name)];
  let names: string[] = [];
  if (f.names !== undefined) {
    const list = f.names === 'all' ? allNames : typeof f.names === 'string' ? f.names.split(/[\s,]+/).filter(Boolean) : f.names;
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string')) fail(`question "${id}": names must be a list of graph names, or "all"`, 'names');
    else {
      for (const n of list) if (!allNames.includes(n)) fail(`question "${id}": names: "${n}" is not a param, input or node`, 'names');
      names = list;
    }
  }
  if (target.kind === 'ref' && names.includes(target.name)) {
    reporter.warn(`question "${id}": the student may type "${target.name}", which is the answer itself`, r.at('names'));
  }

  const misconceptions: CustomMisconception[] = [];
  (r.misconceptions ?? []).forEach((m, j) => {
    const mf = m.fields;
    const mid = typeof mf.id === 'string' ? mf.id : `${id}-custom-${j + 1}`;
    if (typeof mf.id === 'string' && (misconceptionIds as readonly string[]).includes(mf.id)) {
      reporter.warn(`question "${id}": misconception id "${mf.id}" is a built-in one; the built-in is found automatically`, m.at('id'));
    }
    const src = typeof mf.answer === 'string' ? mf.answer : typeof mf.answer === 'number' ? String(mf.answer) : '';
    const message = typeof mf.message === 'string' ? mf.message.trim() : '';
    const c = mf.credit === undefined ? 0 : numberField(mf.credit);
    for (const k of Object.keys(mf)) if (!['id', 'answer', 'message', 'credit'].includes(k)) fail(`misconception: unknown key "${k}" (known: id, answer, message, credit)`, undefined);
    if (!src) return fail(`question "${id}": a misconception needs an answer expression`, undefined);
    if (!message) return fail(`question "${id}": a misconception needs a message for the student`, undefined);
    if (c === undefined || c < 0 || c > 1) return fail(`question "${id}": misconception credit must be from 0 to 1`, undefined);
    const parsed = parseAnswerExpression(src, spec);
    if ('message' in parsed) {
      ok = false;
      reporter.error(`question "${id}": misconception answer ${JSON.stringify(src)}: ${parsed.message}`, m.at('answer'));
      return;
    }
    misconceptions.push({ id: mid, source: src, expr: parsed.expr, message, credit: c });
  });

  if (!ok) return null;
  return { id, answer, target, points: points!, tolerance, precision, credit, names, misconceptions, prompt: r.prompt?.trim() ?? '', at: r.at() };
}

function readExpect(src: Located, value: unknown, questions: Question[], reporter: Reporter): ExpectCase[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    reporter.error('expect must be a list of marking tests: - { answers: {...}, verdicts: {...}, score: N }', src.locate(['expect']));
    return [];
  }
  const ids = new Set(questions.map((q) => q.id));
  const out: ExpectCase[] = [];
  value.forEach((c, i) => {
    const at = (...p: (string | number)[]) => src.locate(['expect', i, ...p]);
    if (!isRecord(c)) return reporter.error('each expect case must be a mapping', at());
    for (const k of Object.keys(c)) if (!['name', 'seed', 'answers', 'verdicts', 'misconceptions', 'score'].includes(k)) reporter.error(`expect: unknown key "${k}" (known: name, seed, answers, verdicts, misconceptions, score)`, at(k));
    if (!isRecord(c.answers)) return reporter.error('expect: answers must be a mapping of question ids to typed answers', at('answers'));
    const answers: Record<string, string> = {};
    for (const [qid, a] of Object.entries(c.answers)) {
      if (!ids.has(qid)) reporter.error(`expect: "${qid}" is not a question id`, at('answers', qid));
      answers[qid] = a === null ? '' : String(a);
    }
    const verdictsOut: Record<string, Verdict> = {};
    if (c.verdicts !== undefined) {
      if (!isRecord(c.verdicts)) reporter.error('expect: verdicts must be a mapping of question ids to verdicts', at('verdicts'));
      else
        for (const [qid, v] of Object.entries(c.verdicts)) {
          if (!ids.has(qid)) reporter.error(`expect: "${qid}" is not a question id`, at('verdicts', qid));
          else if (!(verdicts as readonly string[]).includes(String(v))) reporter.error(`expect: unknown verdict ${JSON.stringify(v)} (known: ${verdicts.join(', ')})`, at('verdicts', qid));
          else verdictsOut[qid] = v as Verdict;
        }
    }
    const misOut: Record<string, string> = {};
    if (c.misconceptions !== undefined) {
      if (!isRecord(c.misconceptions)) reporter.error('expect: misconceptions must be a mapping of question ids to misconception ids', at('misconceptions'));
      else for (const [qid, v] of Object.entries(c.misconceptions)) misOut[qid] = String(v);
    }
    const score = c.score === undefined ? null : numberField(c.score);
    if (score === undefined) reporter.error('expect: score must be a number', at('score'));
    const seed = c.seed === undefined ? null : numberField(c.seed);
    if (seed === undefined || (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff))) reporter.error('expect: seed must be a whole number from 0 to 4294967295', at('seed'));
    out.push({ name: typeof c.name === 'string' ? c.name : `case ${i + 1}`, seed: seed ?? null, answers, verdicts: verdictsOut, misconceptions: misOut, score: score ?? null, at: at() });
  });
  return out;
}
