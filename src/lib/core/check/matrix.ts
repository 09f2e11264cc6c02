// Matrix answers: `[[0.1, 0.2], [0.3, 0.4]]` (or, with decimal commas, `[[0,1; 0,2]; [0,3; 0,4]]`)
// read into rows of numbers, then checked shape first ("2×3 expected, you gave 3×2 — transposed?")
// and values second, with the matrix form's own slips named: a transposed result, samples laid
// out as rows instead of columns, 1/m left out or taken twice, db summed over the wrong axis.
// Each entry is read by the one answer reader (read.ts), so 0,5, 3/4 and e^-1 work as they do
// in a number answer, and `1,234` is refused as ambiguous the same way.
import type { Lang } from '../lang.ts';
import { m } from '../../paraglide/messages.js';
import { costScale, networkMatrices, scale, shapeOf, sumRows, transpose, type Matrix, type MatrixQuantity } from '../matrix.ts';
import type { Solution } from '../graph.ts';
import type { LessonAnswer } from './checker.ts';
import type { NetworkSpec } from '../network.ts';
import { readAnswer } from './read.ts';
import { close, defaultTolerance, type Tolerance } from './tolerance.ts';

export const MAX_MATRIX_LENGTH = 4000;
export const MAX_MATRIX_ENTRIES = 400;

export type MatrixMisconception = 'transposed' | 'samples-as-rows' | 'samples-as-columns' | 'missing-1/m' | 'double-1/m' | 'averaged-sum' | 'wrong-axis';

/** The checker's sentences about matrices (messages/*.json), in the language asked for. */
function wording(lang: Lang) {
  const locale = { locale: lang };
  return {
    empty: () => m.check_matrix_empty({}, locale),
    tooLong: () => m.check_matrix_too_long({ max: MAX_MATRIX_LENGTH }, locale),
    tooMany: () => m.check_matrix_too_many({ max: MAX_MATRIX_ENTRIES }, locale),
    brackets: () => m.check_matrix_brackets({}, locale),
    ambiguous: () => m.check_matrix_ambiguous({}, locale),
    ragged: (row: number, count: number, first: number) => m.check_matrix_ragged({ row, count, first }, locale),
    entry: (row: number, col: number, why: string) => m.check_matrix_entry({ row, col, why }, locale),
    emptyEntry: (row: number, col: number) => m.check_matrix_empty_entry({ row, col }, locale),
    shape: (want: string, got: string, transposed: boolean) => (transposed ? m.check_matrix_shape_transposed : m.check_matrix_shape)({ want, got }, locale),
    values: (shape: string, wrong: number, total: number, where: string) => m.check_matrix_values({ shape, wrong, total, where }, locale),
    at: (row: number, col: number) => m.check_matrix_at({ row, col }, locale),
    correct: () => m.check_matrix_correct({}, locale),
    transposed: (name: string, rowsBelow: boolean) => (rowsBelow ? m.misc_matrix_transposed_rows_below : m.misc_matrix_transposed)({ name }, locale),
    'samples-as-rows': (name: string) => m.misc_matrix_samples_as_rows({ name }, locale),
    'samples-as-columns': (name: string) => m.misc_matrix_samples_as_columns({ name }, locale),
    'missing-1/m': (batch: number) => m.misc_matrix_missing_1_over_m({ m: batch }, locale),
    'double-1/m': (batch: number) => m.misc_matrix_double_1_over_m({ m: batch }, locale),
    'averaged-sum': (batch: number) => m.misc_matrix_averaged_sum({ m: batch }, locale),
    'wrong-axis': () => m.misc_matrix_wrong_axis({}, locale)
  };
}

export type MatrixReading = { kind: 'matrix'; values: Matrix } | { kind: 'empty'; message: string } | { kind: 'invalid'; message: string };

const dims = (r: number, c: number) => `${r}×${c}`;

/**
 * Read a typed matrix: `[[a, b], [c, d]]`, or with `;` between the entries of a row (then commas
 * are decimal commas); rows may be separated by `,` or `;`. A flat list `[a, b]` is one row.
 * Never throws.
 */
export function readMatrix(typed: unknown, lang: Lang = 'en'): MatrixReading {
  const t = wording(lang);
  if (typeof typed !== 'string' || !typed.trim()) return { kind: 'empty', message: t.empty() };
  if (typed.length > MAX_MATRIX_LENGTH) return { kind: 'invalid', message: t.tooLong() };
  const s = typed.trim().replace(/[［【]/g, '[').replace(/[］】]/g, ']');
  if (!s.startsWith('[') || !s.endsWith(']')) return { kind: 'invalid', message: t.brackets() };
  const inner = s.slice(1, -1).trim();
  let rowTexts: string[];
  if (inner.includes('[')) {
    // A list of rows: [ … ] groups separated by , or ; and nothing else.
    rowTexts = [];
    const group = /\[([^[\]]*)\]\s*([,;]?)\s*/y;
    let at = 0;
    while (at < inner.length) {
      group.lastIndex = at;
      const found = group.exec(inner);
      if (!found) return { kind: 'invalid', message: t.brackets() };
      rowTexts.push(found[1]);
      at = group.lastIndex;
      if (!found[2] && at < inner.length) return { kind: 'invalid', message: t.brackets() };
    }
  } else rowTexts = [inner];

  // Decimal commas when entries are separated by ; (or, in a column, when rows are and no point is written).
  const semicolons = rowTexts.some((r) => r.includes(';')) || (s.includes(';') && !s.includes('.'));
  if (!semicolons && !/\./.test(s) && rowTexts.some((r) => /\d,\d/.test(r))) return { kind: 'invalid', message: t.ambiguous() };
  const rows: Matrix = [];
  let count = 0;
  for (let r = 0; r < rowTexts.length; r++) {
    const cells = semicolons && !rowTexts[r].includes(';') ? [rowTexts[r]] : rowTexts[r].split(semicolons ? ';' : ',');
    if ((count += cells.length) > MAX_MATRIX_ENTRIES) return { kind: 'invalid', message: t.tooMany() };
    const row: number[] = [];
    for (let c = 0; c < cells.length; c++) {
      const read = readAnswer(cells[c]);
      if (read.kind === 'empty') return { kind: 'invalid', message: t.emptyEntry(r + 1, c + 1) };
      if (read.kind === 'invalid') return { kind: 'invalid', message: t.entry(r + 1, c + 1, read.message) };
      row.push(read.value);
    }
    if (rows.length && row.length !== rows[0].length) return { kind: 'invalid', message: t.ragged(r + 1, row.length, rows[0].length) };
    rows.push(row);
  }
  return { kind: 'matrix', values: rows };
}

/** A matrix answer as an author writes it: a matrix name, optionally transposed (dW1^T, dW1ᵀ). */
export interface MatrixTarget {
  name: string;
  transposed: boolean;
}

const targetPattern = /^\s*(d?[WbZA]\d+|Y|X)\s*(\^\s*T|ᵀ|')?\s*$/;

/** `dW1`, `dW1^T`, `X` (= A0): a matrix target, or null for anything else. */
export function parseMatrixTarget(text: string): MatrixTarget | null {
  const found = targetPattern.exec(text);
  if (!found) return null;
  return { name: found[1] === 'X' ? 'A0' : found[1], transposed: Boolean(found[2]) };
}

/** The target's matrix, or null when the network has no such matrix. */
export function targetQuantity(target: MatrixTarget, mats: Map<string, MatrixQuantity>): { values: Matrix; quantity: MatrixQuantity } | null {
  const quantity = mats.get(target.name);
  if (!quantity) return null;
  return { values: target.transposed ? transpose(quantity.values) : quantity.values, quantity };
}

export interface MatrixResult {
  verdict: 'correct' | 'misconception' | 'shape' | 'incorrect' | 'invalid';
  misconception: MatrixMisconception | null;
  message: string;
  expected: Matrix;
  given: Matrix | null;
  /** Entries (row, column from 1) that are off, for a right-shaped answer. */
  wrong: [number, number][];
}

const sameValues = (a: Matrix, b: Matrix, tol: Tolerance) => {
  const [r, c] = shapeOf(a);
  const [r2, c2] = shapeOf(b);
  return r === r2 && c === c2 && a.every((row, i) => row.every((v, j) => close(v, b[i][j], tol)));
};

/**
 * Check a typed matrix against a network's matrix: read it, compare the shape, then the values,
 * and name the slip when the answer is one of the matrix form's typical ones.
 */
export function checkMatrix(target: MatrixTarget, typed: string, context: { network: NetworkSpec; mats: Map<string, MatrixQuantity>; tolerance: Tolerance; lang?: Lang }): MatrixResult {
  const lang = context.lang ?? 'en';
  const t = wording(lang);
  const found = targetQuantity(target, context.mats);
  if (!found) throw new Error(`no matrix "${target.name}" in this network`);
  const expected = found.values;
  const read = readMatrix(typed, lang);
  if (read.kind !== 'matrix') return { verdict: 'invalid', misconception: null, message: read.message, expected, given: null, wrong: [] };
  const given = read.values;
  const tol = context.tolerance;
  if (sameValues(given, expected, tol)) return { verdict: 'correct', misconception: null, message: t.correct(), expected, given, wrong: [] };

  const shown = plainMatrixName(target);
  const slip = (id: MatrixMisconception, message: string): MatrixResult => ({ verdict: 'misconception', misconception: id, message, expected, given, wrong: [] });
  const { kind } = found.quantity;
  const batchLike = kind === 'batch' || kind === 'batch-gradient';
  // The transpose: for a matrix with one column per example, the examples laid out as rows (or,
  // in the transposed layout asked for, as columns); for W, b and their gradients, a transpose.
  if (!(expected.length === 1 && expected[0].length === 1) && sameValues(given, transpose(expected), tol)) {
    if (batchLike) return slip(target.transposed ? 'samples-as-columns' : 'samples-as-rows', t[target.transposed ? 'samples-as-columns' : 'samples-as-rows'](shown));
    return slip('transposed', t.transposed(shown, target.transposed));
  }
  const batch = context.network.batch;
  if (kind === 'param-gradient' && batch > 1) {
    if (context.network.cost === 'mean') {
      if (sameValues(given, scale(expected, batch), tol)) return slip('missing-1/m', t['missing-1/m'](batch));
      if (sameValues(given, scale(expected, 1 / batch), tol)) return slip('double-1/m', t['double-1/m'](batch));
    } else if (sameValues(given, scale(expected, 1 / batch), tol)) return slip('averaged-sum', t['averaged-sum'](batch));
  }
  if (/^db\d+$/.test(target.name)) {
    const dZ = context.mats.get(`dZ${target.name.slice(2)}`);
    if (dZ) {
      const wrongAxis = scale(sumRows(dZ.values), costScale(context.network));
      if (sameValues(given, wrongAxis, tol) || sameValues(given, transpose(wrongAxis), tol)) return slip('wrong-axis', t['wrong-axis']());
    }
  }
  const [r, c] = shapeOf(expected);
  const [gr, gc] = shapeOf(given);
  if (r !== gr || c !== gc) {
    return { verdict: 'shape', misconception: null, message: t.shape(dims(r, c), dims(gr, gc), r === gc && c === gr), expected, given, wrong: [] };
  }
  const wrong: [number, number][] = [];
  expected.forEach((row, i) => row.forEach((v, j) => {
    if (!close(given[i][j], v, tol)) wrong.push([i + 1, j + 1]);
  }));
  const where = wrong.slice(0, 4).map(([i, j]) => t.at(i, j)).join('; ') + (wrong.length > 4 ? '…' : '');
  return { verdict: 'incorrect', misconception: null, message: t.values(dims(r, c), wrong.length, r * c, where), expected, given, wrong };
}

/** dW1 → dW⁽¹⁾, A0 → X, with ᵀ when transposed: the name in plain text for a message. */
export function plainMatrixName(target: MatrixTarget): string {
  const sup: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  const base = target.name === 'A0' ? 'X' : target.name.replace(/(\d+)$/, (d) => `⁽${[...d].map((c) => sup[c]).join('')}⁾`);
  return `${base}${target.transposed ? 'ᵀ' : ''}`;
}

/**
 * A lesson's matrix question, on the lesson's network as the student has it now: the same
 * verdicts as above, as a lesson page shows them (right, or not with the reason, or unreadable).
 */
export function checkMatrixQuestion(
  question: { target: MatrixTarget; rtol: number },
  typed: string,
  network: NetworkSpec | undefined,
  solution: Solution,
  lang: Lang = 'en'
): LessonAnswer {
  if (!network) return { verdict: 'unreadable', message: wording(lang).brackets() };
  const mats = networkMatrices(network, solution);
  const r = checkMatrix(question.target, typed, { network, mats, tolerance: { ...defaultTolerance, rtol: question.rtol }, lang });
  if (r.verdict === 'invalid') return { verdict: 'unreadable', message: r.message };
  return { verdict: r.verdict === 'correct' ? 'correct' : 'incorrect', message: r.message };
}
