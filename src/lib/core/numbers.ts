// The one number writer: a value rounded for reading, in a language's way (English 0.5793,
// Spanish 0,5793; in TeX 0{,}5793 so KaTeX does not space the comma), as text (true minus sign,
// ×10ⁿ) or as TeX (\times 10^{n}). Display only: checking never compares rounded displays.
import { baseLang, type Lang } from './lang.ts';

/** The decimal separator each language writes. */
export const decimalSeparator: Record<Lang, string> = { en: '.', es: ',' };

export interface NumberStyle {
  /** Significant digits (default 6). */
  digits?: number;
  /** Magnitudes below it (and ≥ 1e9) are written with a power of ten (default 1e-4). */
  small?: number;
}

const superscript: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** A finite value rounded: its mantissa (with a '.' point) and the power of ten, or null. */
function rounded(v: number, digits: number, small: number): { mantissa: string; exponent: number | null } {
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return { mantissa: String(v), exponent: null };
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < small || abs >= 1e9)) {
    const [m, ex] = v.toExponential(digits - 1).split('e');
    return { mantissa: trimZeros(m), exponent: Number(ex) };
  }
  return { mantissa: trimZeros(v.toPrecision(digits)), exponent: null };
}

/** A number as text for reading in `lang`: −0.5793 / −0,5793, −5.887×10⁻⁴, ∞, NaN. */
export function textNumber(v: number, lang: Lang = baseLang, { digits = 6, small = 1e-4 }: NumberStyle = {}): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const { mantissa, exponent } = rounded(v, digits, small);
  const m = mantissa.replace('.', decimalSeparator[lang]).replace(/^-/, '−');
  return exponent === null ? m : `${m}×10${String(exponent).replace(/./g, (c) => superscript[c] ?? c)}`;
}

/** A number as TeX in `lang`: 0.5793 / 0{,}5793, -5.887 \times 10^{-4}, \infty. */
export function texNumber(v: number, lang: Lang = baseLang, { digits = 6, small = 1e-4 }: NumberStyle = {}): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const { mantissa, exponent } = rounded(v, digits, small);
  const m = lang === 'es' ? mantissa.replace('.', '{,}') : mantissa;
  return exponent === null ? m : `${m} \\times 10^{${exponent}}`;
}

/**
 * TeX the core wrote with English numbers (steps, formulas with numbers substituted, a lesson's
 * notation) in `lang`: every decimal point between digits becomes the language's separator.
 */
export function texIn(tex: string, lang: Lang): string {
  return lang === 'es' ? tex.replace(/(\d)\.(?=\d)/g, '$1{,}') : tex;
}
