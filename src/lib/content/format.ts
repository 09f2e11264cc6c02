// Numbers for reading in HTML (graph nodes, inline values): rounded to a few significant digits,
// a true minus sign, and ×10ⁿ for very small or large magnitudes. Checking never uses these.
const superscript: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** `small`: magnitudes below it are written ×10ⁿ (the graph uses 1e-3 with 4 digits: −5.887×10⁻⁴). */
export function formatPlain(v: number, digits = 6, small = 1e-4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const minus = (s: string) => s.replace(/^-/, '−');
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return minus(String(v));
  const abs = Math.abs(v);
  if (abs < small || abs >= 1e9) {
    const [m, ex] = v.toExponential(digits - 1).split('e');
    return `${minus(trimZeros(m))}×10${String(Number(ex)).replace(/./g, (c) => superscript[c] ?? c)}`;
  }
  return minus(trimZeros(v.toPrecision(digits)));
}

/** Read back a number written by formatPlain (for tests and copy-paste): − and ×10ⁿ understood. */
export function parsePlain(text: string): number {
  const normal = (s: string) => s.replace(/−/g, '-').replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => Object.keys(superscript).find((k) => superscript[k] === c)!);
  const m = /^\s*([-−]?[\d.]+)\s*(?:×\s*10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\s*$/.exec(text);
  if (!m) return Number.NaN;
  return Number(normal(m[1])) * (m[2] ? 10 ** Number(normal(m[2])) : 1);
}
