// The language of the page being shown, for Paraglide's messages (`m.key()` without a locale) and
// for d3's number formats (chart ticks, counts) in components: the root layout sets it from the
// path (/es/… → es) before anything below it renders. Prerendering renders one page at a time
// synchronously, so one module variable is enough; in the browser the language only changes
// through a full page load (the header's switch).
import { formatDefaultLocale, format, type FormatLocaleDefinition } from 'd3-format';
import { overwriteGetLocale } from './paraglide/runtime.js';
import { baseLang, type Lang } from './core/lang.ts';
import { formatValue } from './content/format.ts';
import { formatNumber } from './core/expr.ts';

/**
 * d3's number conventions per language: English 1,234.5; Spanish 1234,5 and 12 345,5 (the RAE's
 * decimal comma, and a space, never a point, between thousands, so no number reads two ways).
 */
const d3Locales: Record<Lang, FormatLocaleDefinition> = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''], minus: '\u2212' },
  es: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0€'], minus: '\u2212' }
};

let current: Lang = baseLang;
overwriteGetLocale(() => current);
formatDefaultLocale(d3Locales[current]);

export function setPageLang(lang: Lang) {
  if (lang === current) return;
  current = lang;
  formatDefaultLocale(d3Locales[lang]);
}

/** A whole number for reading, grouped the page language's way (13,002 / 13 002; four digits stay 8000 in Spanish). */
export function countText(n: number): string {
  return current === 'es' && Math.abs(n) < 10_000 ? format('d')(n) : format(',d')(n);
}

/** The page's language (what `getLocale()` says), for code that passes a Lang on to the core. */
export const pageLang = (): Lang => current;

/** A value for reading in the page's language through the one formatter (content/format.ts): 0.5793 / 0,5793. */
export const num = (v: number, digits = 6, small = 1e-4): string => formatValue(v, current, digits, small);

/** A value inside TeX in the page's language through the core's TeX number writer: 0.5793 / 0{,}5793. */
export const texNum = (v: number, digits = 6): string => formatNumber(v, digits, current);

/** A value with a fixed number of decimals (chart read-outs): 0.123 / 0,123. */
export const fixed = (v: number, decimals: number): string => format(`.${decimals}f`)(v);

/** A share as a percentage with one decimal: 97.3% / 97,3 %. */
export const percent = (share: number): string => (current === 'es' ? format('.1f')(100 * share) + '\u00a0%' : format('.1%')(share));
