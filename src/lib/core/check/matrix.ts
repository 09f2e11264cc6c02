// Matrix answers: `[[0.1, 0.2], [0.3, 0.4]]` (or, with decimal commas, `[[0,1; 0,2]; [0,3; 0,4]]`)
// read into rows of numbers, then checked shape first ("2×3 expected, you gave 3×2 — transposed?")
// and values second, with the matrix form's own slips named: a transposed result, samples laid
// out as rows instead of columns, 1/m left out or taken twice, db summed over the wrong axis.
// Each entry is read by the one answer reader (read.ts), so 0,5, 3/4 and e^-1 work as they do
// in a number answer, and `1,234` is refused as ambiguous the same way.
import type { Lang } from '../lang.ts';
import { costScale, networkMatrices, scale, shapeOf, sumRows, transpose, type Matrix, type MatrixQuantity } from '../matrix.ts';
import type { Solution } from '../graph.ts';
import type { LessonAnswer } from './checker.ts';
import type { NetworkSpec } from '../network.ts';
import { readAnswer } from './read.ts';
import { close, defaultTolerance, type Tolerance } from './tolerance.ts';

export const MAX_MATRIX_LENGTH = 4000;
export const MAX_MATRIX_ENTRIES = 400;

export type MatrixMisconception = 'transposed' | 'samples-as-rows' | 'samples-as-columns' | 'missing-1/m' | 'double-1/m' | 'averaged-sum' | 'wrong-axis';

/** The checker's sentences about matrices, in both languages (one table; Paraglide keys later). */
const messages = {
  en: {
    empty: () => 'type a matrix, like [[0.1, 0.2], [0.3, 0.4]]',
    tooLong: () => `the matrix is too long (at most ${MAX_MATRIX_LENGTH} characters)`,
    tooMany: () => `too many entries (at most ${MAX_MATRIX_ENTRIES})`,
    brackets: () => 'write a matrix as a list of rows in brackets, like [[0.1, 0.2], [0.3, 0.4]]',
    ambiguous: () => 'with commas only, this could be decimal commas or separators: write [[0.1, 0.2], [0.3, 0.4]], or with decimal commas [[0,1; 0,2]; [0,3; 0,4]]',
    ragged: (row: number, n: number, first: number) => `row ${row} has ${n} entr${n === 1 ? 'y' : 'ies'} but row 1 has ${first}: every row needs the same number`,
    entry: (row: number, col: number, why: string) => `row ${row}, column ${col}: ${why}`,
    emptyEntry: (row: number, col: number) => `row ${row}, column ${col} is empty`,
    shape: (want: string, got: string, transposed: boolean) => `${want} expected, you gave ${got}${transposed ? ' — transposed?' : '.'}`,
    values: (shape: string, wrong: number, total: number, where: string) => `The shape is right (${shape}), but ${wrong} of ${total} entries are off: ${where}.`,
    at: (row: number, col: number) => `row ${row}, column ${col}`,
    correct: () => 'Correct.',
    transposed: (name: string, rowsBelow: boolean) => `This is the transpose of ${name}: in ${name} the rows are the units of ${rowsBelow ? 'the layer below and the columns those of this layer' : 'this layer and the columns those of the layer below'}.`,
    'samples-as-rows': (name: string) => `You put the examples in rows; here ${name} has one column per example (and one row per unit).`,
    'samples-as-columns': (name: string) => `You put the examples in columns; in this layout ${name} has one row per example.`,
    'missing-1/m': (m: number) => `Every entry is ${m} times too large: the cost is the mean over the batch, so dW and db carry the factor 1/m (here 1/${m}).`,
    'double-1/m': (m: number) => `Every entry is ${m} times too small: 1/m was taken twice. dZ is each example's own gradient; the 1/m comes in once, in dW = (1/m)·dZ·Aᵀ and db = (1/m)·Σ dZ.`,
    'averaged-sum': (m: number) => `Every entry is ${m} times too small: this cost is a sum over the examples (J = Σ ½(y − ŷ)²), not a mean, so there is no 1/m.`,
    'wrong-axis': () => 'You summed dZ over the units (its rows); db sums each unit over the examples (the columns), giving one number per unit.'
  },
  es: {
    empty: () => 'escribe una matriz, por ejemplo [[0,1; 0,2]; [0,3; 0,4]]',
    tooLong: () => `la matriz es demasiado larga (como mucho ${MAX_MATRIX_LENGTH} caracteres)`,
    tooMany: () => `demasiados elementos (como mucho ${MAX_MATRIX_ENTRIES})`,
    brackets: () => 'escribe la matriz como una lista de filas entre corchetes, por ejemplo [[0,1; 0,2]; [0,3; 0,4]]',
    ambiguous: () => 'solo con comas no se sabe si son comas decimales o separadores: escribe [[0,1; 0,2]; [0,3; 0,4]] (coma decimal y ; entre elementos) o [[0.1, 0.2], [0.3, 0.4]]',
    ragged: (row: number, n: number, first: number) => `la fila ${row} tiene ${n} elemento${n === 1 ? '' : 's'} y la fila 1 tiene ${first}: todas las filas deben tener los mismos`,
    entry: (row: number, col: number, why: string) => `fila ${row}, columna ${col}: ${why}`,
    emptyEntry: (row: number, col: number) => `la fila ${row}, columna ${col} está vacía`,
    shape: (want: string, got: string, transposed: boolean) => `Se esperaba una matriz ${want} y has dado una ${got}${transposed ? ': ¿la has traspuesto?' : '.'}`,
    values: (shape: string, wrong: number, total: number, where: string) => `La forma es correcta (${shape}), pero ${wrong} de ${total} elementos no coinciden: ${where}.`,
    at: (row: number, col: number) => `fila ${row}, columna ${col}`,
    correct: () => 'Correcto.',
    transposed: (name: string, rowsBelow: boolean) => `Es la traspuesta de ${name}: en ${name} las filas son las neuronas de ${rowsBelow ? 'la capa anterior y las columnas las de esta capa' : 'esta capa y las columnas las de la capa anterior'}.`,
    'samples-as-rows': (name: string) => `Has puesto los ejemplos en filas; aquí ${name} tiene una columna por ejemplo (y una fila por neurona).`,
    'samples-as-columns': (name: string) => `Has puesto los ejemplos en columnas; en esta disposición ${name} tiene una fila por ejemplo.`,
    'missing-1/m': (m: number) => `Todos los elementos son ${m} veces demasiado grandes: el coste es la media sobre el lote, así que dW y db llevan el factor 1/m (aquí 1/${m}).`,
    'double-1/m': (m: number) => `Todos los elementos son ${m} veces demasiado pequeños: has dividido dos veces entre m. dZ es el gradiente de cada ejemplo; 1/m aparece una sola vez, en dW = (1/m)·dZ·Aᵀ y db = (1/m)·Σ dZ.`,
    'averaged-sum': (m: number) => `Todos los elementos son ${m} veces demasiado pequeños: este coste es una suma sobre los ejemplos (J = Σ ½(y − ŷ)²), no una media, así que no hay 1/m.`,
    'wrong-axis': () => 'Has sumado dZ sobre las neuronas (sus filas); db suma cada neurona sobre los ejemplos (las columnas) y da un número por neurona.'
  }
} satisfies Record<Lang, Record<string, (...args: never[]) => string>>;

export type MatrixReading = { kind: 'matrix'; values: Matrix } | { kind: 'empty'; message: string } | { kind: 'invalid'; message: string };

const dims = (r: number, c: number) => `${r}×${c}`;

/**
 * Read a typed matrix: `[[a, b], [c, d]]`, or with `;` between the entries of a row (then commas
 * are decimal commas); rows may be separated by `,` or `;`. A flat list `[a, b]` is one row.
 * Never throws.
 */
export function readMatrix(typed: unknown, lang: Lang = 'en'): MatrixReading {
  const t = messages[lang];
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
      const m = group.exec(inner);
      if (!m) return { kind: 'invalid', message: t.brackets() };
      rowTexts.push(m[1]);
      at = group.lastIndex;
      if (!m[2] && at < inner.length) return { kind: 'invalid', message: t.brackets() };
    }
  } else rowTexts = [inner];

  const semicolons = rowTexts.some((r) => r.includes(';'));
  if (!semicolons && !/\./.test(s) && rowTexts.some((r) => /\d,\d/.test(r))) return { kind: 'invalid', message: t.ambiguous() };
  const rows: Matrix = [];
  let count = 0;
  for (let r = 0; r < rowTexts.length; r++) {
    const cells = rowTexts[r].split(semicolons ? ';' : ',');
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
  const m = targetPattern.exec(text);
  if (!m) return null;
  return { name: m[1] === 'X' ? 'A0' : m[1], transposed: Boolean(m[2]) };
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
  const t = messages[lang];
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
  const m = context.network.batch;
  if (kind === 'param-gradient' && m > 1) {
    if (context.network.cost === 'mean') {
      if (sameValues(given, scale(expected, m), tol)) return slip('missing-1/m', t['missing-1/m'](m));
      if (sameValues(given, scale(expected, 1 / m), tol)) return slip('double-1/m', t['double-1/m'](m));
    } else if (sameValues(given, scale(expected, 1 / m), tol)) return slip('averaged-sum', t['averaged-sum'](m));
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
  if (!network) return { verdict: 'unreadable', message: messages[lang].brackets() };
  const mats = networkMatrices(network, solution);
  const r = checkMatrix(question.target, typed, { network, mats, tolerance: { ...defaultTolerance, rtol: question.rtol }, lang });
  if (r.verdict === 'invalid') return { verdict: 'unreadable', message: r.message };
  return { verdict: r.verdict === 'correct' ? 'correct' : 'incorrect', message: r.message };
}
