// Numbers for reading in HTML (graph nodes, inline values): rounded to a few significant digits,
// a true minus sign, and ×10ⁿ for very small or large magnitudes. Checking never uses these.
import { textNumber } from '../core/numbers.ts';
import { baseLang, type Lang } from '../core/lang.ts';

const superscript: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * A number for reading in `lang` (0.5793 / 0,5793): the one formatter for pages (graph values,
 * live values, panels, chart labels); TeX goes through core/numbers.ts texNumber.
 * `small`: magnitudes below it are written ×10ⁿ (the graph uses 1e-3 with 4 digits: −5.887×10⁻⁴).
 */
export function formatValue(v: number, lang: Lang, digits = 6, small = 1e-4): string {
  return textNumber(v, lang, { digits, small });
}

/** formatValue in English (kept for callers that have no language yet). */
export function formatPlain(v: number, digits = 6, small = 1e-4): string {
  return formatValue(v, baseLang, digits, small);
}

/** Read back a number written by formatValue (for tests and copy-paste): −, ×10ⁿ and a decimal comma understood. */
export function parsePlain(text: string): number {
  const normal = (s: string) => s.replace(/−/g, '-').replace(',', '.').replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => Object.keys(superscript).find((k) => superscript[k] === c)!);
  const m = /^\s*([-−]?[\d.,]+)\s*(?:×\s*10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\s*$/.exec(text);
  if (!m) return Number.NaN;
  return Number(normal(m[1])) * (m[2] ? 10 ** Number(normal(m[2])) : 1);
}
