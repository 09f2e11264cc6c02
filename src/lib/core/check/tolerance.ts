// When is a typed number "the right value"? One rule, |answer − target| ≤ atol + rtol·|target|,
// with defaults for hand computation carried to four decimals; plus the optional precision rules
// (decimal places or significant figures) that separate "right value, wrong precision".
import type { Reading } from './read.ts';
import { m } from '../../paraglide/messages.js';
import { baseLang, type Lang } from '../lang.ts';

export interface Tolerance {
  /** Relative tolerance, a fraction of |target|. */
  rtol: number;
  /** Absolute tolerance. */
  atol: number;
}

/**
 * Defaults for answers worked by hand with four decimals: atol = 1e-4 is one unit in the fourth
 * decimal place (a correctly rounded 4-decimal answer is at most 5e-5 off), and rtol = 5e-4
 * (0.05 %) leaves room for rounding carried through a few chain-rule steps. 0.58 for 0.5793 is
 * outside it (and gets "precision"); 0.5792 is inside.
 */
export const defaultTolerance: Readonly<Tolerance> = Object.freeze({ rtol: 5e-4, atol: 1e-4 });

export interface PrecisionRule {
  /** The answer must be given with exactly this many decimal places... */
  decimals?: number;
  /** ...or with exactly this many significant figures. */
  sigFigs?: number;
}

export function close(answer: number, target: number, tol: Tolerance): boolean {
  return Math.abs(answer - target) <= tol.atol + tol.rtol * Math.abs(target);
}

/** The place value of the last digit the rule asks for (decimals 4 → 1e-4; 3 s.f. of 0.579 → 1e-3). */
export function requiredUnit(rule: PrecisionRule, target: number): number {
  if (rule.decimals !== undefined) return 10 ** -rule.decimals;
  if (rule.sigFigs !== undefined) {
    const magnitude = target === 0 ? 0 : Math.floor(Math.log10(Math.abs(target)));
    return 10 ** (magnitude - rule.sigFigs + 1);
  }
  return 0;
}

/** The tolerance in force for a question: a precision rule widens atol by half its last unit. */
export function effectiveTolerance(tol: Tolerance, rule: PrecisionRule | undefined, target: number): Tolerance {
  if (!rule || (rule.decimals === undefined && rule.sigFigs === undefined)) return tol;
  return { rtol: tol.rtol, atol: tol.atol + 0.5 * requiredUnit(rule, target) };
}

/** Does the typed answer meet the precision rule? (An expression never does: it has no digits.) */
export function meetsPrecision(reading: Extract<Reading, { kind: 'value' }>, rule: PrecisionRule | undefined): boolean {
  if (!rule) return true;
  if (rule.decimals !== undefined) return reading.decimals === rule.decimals;
  if (rule.sigFigs !== undefined) return reading.sigFigs === rule.sigFigs;
  return true;
}

/**
 * "Right value, not precise enough": a typed number that is the target correctly rounded at the
 * precision the student typed, with at least `minSigFigs` figures. One rule for every way of
 * writing a number: the place of the last significant digit (0.58 → 0.01, 1230 → 10,
 * 1.23e3 → 10), so 1230 and 1.23e3 for 1234.5 get the same verdict.
 */
export function isCoarseRounding(reading: Extract<Reading, { kind: 'value' }>, target: number, minSigFigs: number): boolean {
  if (reading.decimals === null || reading.sigFigs === null || reading.value === 0) return false;
  if (reading.sigFigs < minSigFigs) return false;
  const halfUnit = 0.5 * lastDigitUnit(reading.value, reading.sigFigs);
  return Math.abs(reading.value - target) <= halfUnit * (1 + 1e-9) + 1e-15;
}

/** The place value of the last significant digit of a number written with `sigFigs` figures. */
export function lastDigitUnit(value: number, sigFigs: number): number {
  const magnitude = Math.floor(Math.log10(Math.abs(value)) + 1e-12);
  return 10 ** (magnitude - sigFigs + 1);
}

/** Describe a precision rule for feedback: "4 decimal places", "3 significant figures". */
export function describeRule(rule: PrecisionRule, lang: Lang = baseLang): string {
  const locale = lang;
  if (rule.decimals !== undefined) return rule.decimals === 1 ? m.check_rule_decimal_one({}, { locale }) : m.check_rule_decimals({ count: rule.decimals }, { locale });
  if (rule.sigFigs !== undefined) return rule.sigFigs === 1 ? m.check_rule_sig_fig_one({}, { locale }) : m.check_rule_sig_figs({ count: rule.sigFigs }, { locale });
  return m.check_rule_asked({}, { locale });
}
