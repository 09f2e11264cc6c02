// What the answer reader and the checker tell a student, in one table, so the wording is kept
// (and, later, translated) in one place. Each entry is a function of the facts it mentions.
// Maths inside a message (a name in the exercise's notation, an expression) is kept as TeX between
// two marks, so one message gives both the page's text with $…$ segments (typeset by KaTeX) and
// plain text for CSV and terminals.
import { texToPlain } from '../steps.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const segment = /\uE000([^\uE000\uE001]*)\uE001/g;

/** A piece of TeX inside a message: W^{(L)}, \\partial C_0/\\partial a^{(L)}. */
export const math = (tex: string) => `${OPEN}${tex}${CLOSE}`;

/** The message as plain text: its maths written out (W^(L), ∂C_0/∂a^(L), σ, η). */
export const asPlain = (message: string) => message.replace(segment, (_, tex: string) => texToPlain(tex));

/** The message as text with $…$ maths, for a page that typesets it. */
export const asTex = (message: string) => message.replace(segment, (_, tex: string) => `$${tex}$`);

export const readerMessages = {
  tooLarge: () => 'the number is too large',
  unexpected: (nested: boolean) => `cannot read this answer (${nested ? 'too deeply nested' : 'unexpected input'})`,
  notFinite: () => 'not a finite number',
  notText: () => 'the answer must be text or a number',
  tooLong: (max: number) => `the answer is too long (at most ${max} characters)`,
  divisionByZero: () => 'division by zero',
  mixedSeparators: () => 'write decimals with a point or with a comma, not both',
  /** `1,234`: a thousands separator or a decimal comma? Never guessed. */
  ambiguousComma: (typed: string, asDecimal: string, asThousands: string) =>
    `"${typed}" is ambiguous: write ${asDecimal} if you mean a decimal, or ${asThousands} for the whole number (no thousands separators)`,
  thousandsSeparators: (typed: string, whole: string) => `write ${whole} without thousands separators, not ${typed}`,
  tooNested: (max: number) => `too many nested brackets (at most ${max})`,
  unreadable: (why: string) => `cannot read this answer: ${why}`,
  noRealValue: () => 'the expression has no real value (a square root or log of a negative number, or 0/0)',
  notFiniteExpression: () => 'the expression is not a finite number (too large, or a division by zero)'
} as const;

export const checkerMessages = {
  /** A number that is the right value rounded too coarsely: 0.58 for 0.5793, 1230 for 1234.5. */
  coarse: (decimals: number, sigFigs: number, need: string) =>
    `Right value rounded to ${decimals > 0 ? `${decimals} decimal place${decimals === 1 ? '' : 's'}` : `${sigFigs} significant figure${sigFigs === 1 ? '' : 's'}`}, but not precise enough: give ${need}.`
} as const;
