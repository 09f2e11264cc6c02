// The one place a lesson question is marked. For now a plain numeric check (relative tolerance);
// the answer checker (src/lib/core/check) can replace `checkQuestion` without touching the UI.
import { evaluate } from '../core/expr.ts';
import type { Solution } from '../core/graph.ts';
import type { Expr } from '../core/expr.ts';
import { evaluateQuantity, parseQuantity } from './quantity.ts';

export interface QuestionSpec {
  id: string;
  /** The answer as the author wrote it, e.g. "grad(w3)". */
  answer: string;
  expr: Expr;
  rtol: number;
}

export type Verdict = 'correct' | 'incorrect' | 'unreadable';

export interface QuestionResult {
  verdict: Verdict;
  expected: number;
  given?: number;
  message: string;
}

export const defaultRtol = 1e-3;

/**
 * Read a number a student typed: decimal comma or point, a true minus sign, 1.2e-3, 1.2×10^-3,
 * and plain arithmetic (0.23 - 0.1*0.5); no names, nothing evaluated by mathjs.
 */
export function parseStudentNumber(typed: string): { value: number } | { error: string } {
  let text = typed.trim().replace(/[−–]/g, '-').replace(/[×·]/g, '*');
  if (!text) return { error: 'type a number' };
  // A decimal comma (0,58) when there is no decimal point anywhere.
  if (!text.includes('.')) text = text.replace(/(\d),(\d)/g, '$1.$2');
  const plain = Number(text);
  if (text && Number.isFinite(plain)) return { value: plain };
  const parsed = parseQuantity(text, null);
  if ('message' in parsed) return { error: parsed.message };
  const value = evaluate(parsed.expr, () => Number.NaN);
  return Number.isFinite(value) ? { value } : { error: `"${typed}" is not a finite number` };
}

export function closeEnough(given: number, expected: number, rtol = defaultRtol): boolean {
  return Math.abs(given - expected) <= rtol * Math.abs(expected) + 1e-12;
}

export function checkQuestion(question: Pick<QuestionSpec, 'expr' | 'rtol'>, typed: string, solution: Solution): QuestionResult {
  const expected = evaluateQuantity(question.expr, solution);
  const read = parseStudentNumber(typed);
  if ('error' in read) return { verdict: 'unreadable', expected, message: read.error };
  const given = read.value;
  if (closeEnough(given, expected, question.rtol)) return { verdict: 'correct', expected, given, message: 'Correct.' };
  const hint = Math.sign(given) !== Math.sign(expected) && expected !== 0 ? ' Check the sign.' : '';
  return { verdict: 'incorrect', expected, given, message: `Not quite.${hint}` };
}
