// The one place a lesson question is marked. Typed answers are read by the answer checker's
// reader (src/lib/core/check/read.ts); given the lesson's graph, the full checker marks them
// (tolerance, precision, named misconceptions), else a plain relative-tolerance comparison.
// Choice questions ("what did you see?") are marked by an exact match with the answer.
import type { Solution } from '../core/graph.ts';
import type { Expr } from '../core/expr.ts';
import type { GraphSpec } from '../core/spec.ts';
import { readAnswer } from '../core/check/read.ts';
import { checkSingle } from '../core/check/single.ts';
import { evaluateQuantity } from '../core/quantity.ts';

export interface NumberQuestion {
  kind: 'number';
  id: string;
  /** The answer as the author wrote it, e.g. "grad(w3)". */
  answer: string;
  expr: Expr;
  rtol: number;
}

export interface ChoiceQuestion {
  kind: 'choice';
  id: string;
  /** One of the choices, exactly as written there. */
  answer: string;
  choices: string[];
}

export type QuestionSpec = NumberQuestion | ChoiceQuestion;

export type Verdict = 'correct' | 'incorrect' | 'unreadable';

export interface QuestionResult {
  verdict: Verdict;
  /** The exact value of a number question (choice questions have none). */
  expected?: number;
  given?: number;
  message: string;
}

export const defaultRtol = 1e-3;

/**
 * Read a number a student typed: decimal comma or point, a true minus sign, 1.2e-3, 1.2×10^-3,
 * fractions, and small expressions (0.23 - 0.1*0.5, sigmoid(0.32)); no names, nothing evaluated
 * by mathjs.
 */
export function parseStudentNumber(typed: string): { value: number } | { error: string } {
  const read = readAnswer(typed);
  if (read.kind === 'empty') return { error: 'type a number' };
  if (read.kind === 'invalid') return { error: read.message };
  return { value: read.value };
}

export function closeEnough(given: number, expected: number, rtol = defaultRtol): boolean {
  return Math.abs(given - expected) <= rtol * Math.abs(expected) + 1e-12;
}

/** The lesson's graph as the student sees it, for the full checker. */
export interface QuestionGraph {
  spec: GraphSpec;
  overrides?: Record<string, number>;
  learningRate?: number;
}

/** What a lesson without a graph evaluates its answers in: numbers and arithmetic name nothing. */
export const noSolution: Solution = { values: {}, gradients: {}, updated: {}, partials: [], loss: Number.NaN };

export function checkQuestion(question: Pick<NumberQuestion, 'expr' | 'rtol'>, typed: string, solution: Solution, graph?: QuestionGraph): QuestionResult {
  const expected = evaluateQuantity(question.expr, solution);
  const read = parseStudentNumber(typed);
  if ('error' in read) return { verdict: 'unreadable', expected, message: read.error };
  const given = read.value;
  if (graph) {
    const r = checkSingle({ spec: graph.spec, target: question.expr, overrides: graph.overrides, learningRate: graph.learningRate, tolerance: { rtol: question.rtol } }, typed);
    if (r.verdict === 'correct') return { verdict: 'correct', expected, given, message: 'Correct.' };
    return { verdict: 'incorrect', expected, given, message: r.verdict === 'incorrect' ? notQuite(given, expected) : `${notQuite(given, expected)} ${r.feedback}` };
  }
  if (closeEnough(given, expected, question.rtol)) return { verdict: 'correct', expected, given, message: 'Correct.' };
  return { verdict: 'incorrect', expected, given, message: notQuite(given, expected) };
}

/** A picked choice: right only when it is the answer, exactly. */
export function checkChoice(question: Pick<ChoiceQuestion, 'answer' | 'choices'>, picked: string): QuestionResult {
  if (!picked) return { verdict: 'unreadable', message: 'pick one of the choices' };
  if (!question.choices.includes(picked)) return { verdict: 'unreadable', message: `"${picked}" is not one of the choices` };
  if (picked === question.answer) return { verdict: 'correct', message: 'Correct.' };
  return { verdict: 'incorrect', message: 'Not quite. Look at what the curves and numbers did, then try again.' };
}

const notQuite = (given: number, expected: number) =>
  `Not quite.${Math.sign(given) !== Math.sign(expected) && expected !== 0 ? ' Check the sign.' : ''}`;
