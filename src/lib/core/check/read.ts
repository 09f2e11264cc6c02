// Reading what a student typed — 0.5793, -1.23e-2, 0,5793, 3/4, 2*(0.5302-1), e^-0.32, and where
// allowed the lesson's names — into a number, or a reason it cannot be read; never an exception.
// Input is bounded before parsing; values come from our own Expr tree, never mathjs's evaluate.
// Either decimal separator is read; what cannot be told apart (1,234; in Spanish also 1.234) is
// refused with a message in the student's language (messages/*.json, check_*).
import { constant, evaluate, ref, type Expr } from '../expr.ts';
import { parseToExpr, unary } from '../math-tree.ts';
import { studentFunctions } from '../ops.ts';
import { m } from '../../paraglide/messages.js';
import { baseLang, type Lang } from '../lang.ts';

export type Reading =
  | {
      kind: 'value';
      value: number;
      form: 'number' | 'fraction' | 'expression';
      /** Digits after the decimal point as typed (5.793E-1 → 4); null for fractions and expressions. */
      decimals: number | null;
      /** Significant figures as typed; null for fractions and expressions. */
      sigFigs: number | null;
    }
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string };

export interface ReadOptions {
  /** Lesson names the student may use in this answer, with their values. */
  names?: Readonly<Record<string, number>>;
  /** The student's language: the messages' language, and in Spanish 1.234 is ambiguous too. */
  lang?: Lang;
}

export const MAX_ANSWER_LENGTH = 300;
export const MAX_NESTING = 24;

const constants: Record<string, number> = { e: Math.E, pi: Math.PI, 'π': Math.PI };

const superscripts: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+'
};

const plainNumber = /^([+-]?)(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
const scientific = /^([+-]?\d*(?:[.,]\d*)?)\s*[*×x·]\s*10\s*\^\s*\(?\s*([+-]?\d{1,4})\s*\)?$/;
const fraction = /^([+-]?)(\d{1,15})\s*\/\s*(\d{1,15})$/;

/** Normalise the typographic variants students paste: − minus, × and · products, superscripts. */
function normalise(text: string): string {
  let s = text.normalize('NFC').replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-');
  // x⁻¹ style exponents become ^(-1) before anything else reads the minus.
  s = s.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+/g, (run) => `^(${[...run].map((c) => superscripts[c]).join('')})`);
  return s.replace(/[×·⋅∙]/g, '*').replace(/\u00A0|\u2009|\u202F/g, ' ').trim();
}

/** Significant figures and decimals of a typed decimal number (mantissa digits, exponent). */
function digitsOf(intPart: string, fracPart: string, exponent: number): { decimals: number; sigFigs: number } {
  const all = (intPart + fracPart).replace(/^0+/, '');
  // Without a decimal point, trailing zeros of an integer are not counted (1200 has 2).
  const significant = fracPart.length ? all : all.replace(/0+$/, '');
  return { decimals: fracPart.length - exponent, sigFigs: Math.max(significant.length, 1) };
}

function readPlain(s: string, lang: Lang): Reading | null {
  const match = plainNumber.exec(s);
  if (!match || (!match[2] && !match[3])) return null;
  const [, sign, intPart, fracPart = '', exp] = match;
  const exponent = exp ? Number(exp) : 0;
  const value = Number(`${sign}${intPart || '0'}.${fracPart || '0'}e${exponent}`);
  if (!Number.isFinite(value)) return { kind: 'invalid', message: m.check_too_large({}, { locale: lang }) };
  return { kind: 'value', value, form: 'number', ...digitsOf(intPart, fracPart, exponent) };
}

/**
 * Read one typed answer. Returns its value and how precisely it was typed, `empty` for nothing
 * typed, or `invalid` with the reason. Never throws, whatever the input.
 */
export function readAnswer(typed: unknown, options: ReadOptions = {}): Reading {
  try {
    return readUnsafe(typed, options);
  } catch (err) {
    // A bound we did not foresee (the parser's own recursion, say) is still only "unreadable".
    const locale = options.lang ?? baseLang;
    return { kind: 'invalid', message: err instanceof RangeError ? m.check_unexpected_nested({}, { locale }) : m.check_unexpected_input({}, { locale }) };
  }
}

/** A typed number, or why it cannot be read (empty is "type a number"). */
export function readNumber(typed: string, lang: Lang = baseLang): { value: number } | { error: string } {
  const read = readAnswer(typed, { lang });
  if (read.kind === 'empty') return { error: m.check_type_a_number({}, { locale: lang }) };
  if (read.kind === 'invalid') return { error: read.message };
  return { value: read.value };
}

function readUnsafe(typed: unknown, options: ReadOptions): Reading {
  const lang = options.lang ?? baseLang;
  const locale = lang;
  if (typed === null || typed === undefined) return { kind: 'empty' };
  if (typeof typed === 'number') {
    return Number.isFinite(typed) ? readUnsafe(String(typed), options) : { kind: 'invalid', message: m.check_not_finite({}, { locale }) };
  }
  if (typeof typed !== 'string') return { kind: 'invalid', message: m.check_not_text({}, { locale }) };
  if (typed.length > MAX_ANSWER_LENGTH * 4) return { kind: 'invalid', message: m.check_too_long({ max: MAX_ANSWER_LENGTH }, { locale }) };
  const s = normalise(typed);
  if (!s) return { kind: 'empty' };
  if (s.length > MAX_ANSWER_LENGTH) return { kind: 'invalid', message: m.check_too_long({ max: MAX_ANSWER_LENGTH }, { locale }) };

  const grouped = thousandsLike(s, lang);
  if (grouped) return grouped;
  const plain = readPlain(s, lang);
  if (plain) return plain;
  const sci = scientific.exec(s);
  if (sci) {
    const again = readPlain(`${sci[1]}e${sci[2]}`, lang);
    if (again) return again;
  }
  const frac = fraction.exec(s);
  if (frac) {
    const den = Number(frac[3]);
    if (den === 0) return { kind: 'invalid', message: m.check_division_by_zero({}, { locale }) };
    return { kind: 'value', value: (frac[1] === '-' ? -1 : 1) * (Number(frac[2]) / den), form: 'fraction', decimals: null, sigFigs: null };
  }
  return readExpression(s, options, lang);
}

/**
 * `1,234` may be one thousand two hundred and thirty-four or 1.234 (a decimal comma): it is
 * refused with a message saying how to write either, never read one way. `0,123` and `1,23`
 * are decimal commas (no thousands group looks like that); `1,234,567` is thousands grouping.
 * Spanish writes thousands with a point (1.234 = mil doscientos treinta y cuatro), so there
 * `1.234` is just as ambiguous; in English it is a decimal.
 */
const groupedBy = {
  ',': /(^|[^\d.,])([1-9]\d{0,2})((?:,\d{3})+)(?![\d.,eE])/,
  '.': /(^|[^\d.,])([1-9]\d{0,2})((?:\.\d{3})+)(?![\d.,eE])/
} as const;
/** The separators a language may use for thousands, each making `1?234` ambiguous. */
const groupSeparators: Record<Lang, (keyof typeof groupedBy)[]> = { en: [','], es: [',', '.'] };

function thousandsLike(s: string, lang: Lang): Reading | null {
  const locale = lang;
  for (const sep of groupSeparators[lang]) {
    const m3 = groupedBy[sep].exec(s);
    if (!m3) continue;
    const typed = m3[2] + m3[3];
    const whole = typed.split(sep).join('');
    if (m3[3].length > 4) return { kind: 'invalid', message: m.check_thousands_separators({ whole, typed }, { locale }) };
    // A decimal written so it cannot be read as thousands: 1.234 in English, 1,2340 in Spanish.
    const asDecimal = lang === 'es' ? `${m3[2]},${m3[3].slice(1)}0` : `${m3[2]}.${m3[3].slice(1)}`;
    return { kind: 'invalid', message: m.check_ambiguous_separator({ typed, asDecimal, asWhole: whole }, { locale }) };
  }
  return null;
}

function readExpression(s: string, options: ReadOptions, lang: Lang): Reading {
  const locale = lang;
  if (/\d,\d/.test(s) && /\d\.\d/.test(s)) {
    return { kind: 'invalid', message: m.check_mixed_separators({}, { locale }) };
  }
  // Every function a student may call takes one argument (unary() below), so a comma between digits is decimal.
  const text = s.replace(/(\d),(?=\d)/g, '$1.');
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return { kind: 'invalid', message: m.check_too_nested({ max: MAX_NESTING }, { locale }) };
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  const names = options.names ?? {};
  const parsed = parseToExpr(text, {
    symbol(name) {
      if (Object.prototype.hasOwnProperty.call(names, name)) return ref(name);
      if (name in constants && Object.prototype.hasOwnProperty.call(constants, name)) return constant(constants[name]);
      if (Object.prototype.hasOwnProperty.call(studentFunctions, name)) return m.check_name_is_function({ name }, { locale });
      const allowed = Object.keys(names);
      return allowed.length
        ? m.check_unknown_name({ name, allowed: allowed.join(', ') }, { locale })
        : m.check_not_a_number_here({ name, example: lang === 'es' ? '2*(0,53-1)' : '2*(0.53-1)' }, { locale });
    },
    func(name, args, walk) {
      if (!Object.prototype.hasOwnProperty.call(studentFunctions, name)) {
        return m.check_unknown_function({ name, allowed: [...new Set(Object.keys(studentFunctions).filter((f) => f !== 'σ'))].join(', ') }, { locale });
      }
      return unary(studentFunctions[name], name, args, walk);
    }
  });
  if ('message' in parsed) return { kind: 'invalid', message: m.check_unreadable({ why: parsed.message }, { locale }) };
  const value = valueOf(parsed.expr, names);
  if (Number.isNaN(value)) return { kind: 'invalid', message: m.check_no_real_value({}, { locale }) };
  if (!Number.isFinite(value)) return { kind: 'invalid', message: m.check_not_finite_expression({}, { locale }) };
  return { kind: 'value', value, form: 'expression', decimals: null, sigFigs: null };
}

function valueOf(e: Expr, names: Readonly<Record<string, number>>): number {
  return evaluate(e, (name) => names[name]);
}
