// Matrix answers: read in either language, shape first, then values, with the matrix form's slips
// named: transposed, examples as rows, 1/m missing or taken twice, db summed over the wrong axis.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { networkMatrices, scale, transpose, type Matrix } from '../../src/lib/core/matrix.ts';
import { checkMatrix, parseMatrixTarget, readMatrix } from '../../src/lib/core/check/matrix.ts';
import type { Lang } from '../../src/lib/core/lang.ts';

const setup = (cost: 'mean' | 'sum') => {
  const file = `test/fixtures/reference/batch231-${cost}.yaml`;
  const spec = readSpecDocument(readFileSync(file, 'utf8'), file).spec!;
  return { network: spec.network!, mats: networkMatrices(spec.network!, new Graph(spec).solve()) };
};
const write = (m: Matrix, lang: Lang = 'en') =>
  lang === 'en' ? JSON.stringify(m.map((r) => r.map((v) => Number(v.toPrecision(8))))) : `[${m.map((r) => `[${r.map((v) => v.toPrecision(8).replace('.', ',')).join('; ')}]`).join('; ')}]`;
const tolerance = { rtol: 1e-3, atol: 1e-6 };

describe('reading a matrix', () => {
  it('reads English and Spanish forms alike', () => {
    expect(readMatrix('[[0.1, 0.2], [0.3, 0.4]]')).toEqual({ kind: 'matrix', values: [[0.1, 0.2], [0.3, 0.4]] });
    expect(readMatrix('[[0,1; 0,2]; [0,3; 0,4]]', 'es')).toEqual({ kind: 'matrix', values: [[0.1, 0.2], [0.3, 0.4]] });
    expect(readMatrix('[[0,1; 0,2], [0,3; 0,4]]', 'es')).toEqual({ kind: 'matrix', values: [[0.1, 0.2], [0.3, 0.4]] });
    expect(readMatrix('[1/4, -2e-1, 3]')).toEqual({ kind: 'matrix', values: [[0.25, -0.2, 3]] });
    expect(readMatrix('[[-0,5]; [1,25]; [3]]', 'es')).toEqual({ kind: 'matrix', values: [[-0.5], [1.25], [3]] });
    expect(readMatrix('[[0.5, 1]; [2, 3]]')).toEqual({ kind: 'matrix', values: [[0.5, 1], [2, 3]] });
  });
  it('refuses what it cannot read, saying why, in the student\'s language', () => {
    expect(readMatrix('[[0,1, 0,2]]')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/decimal commas or separators/) });
    expect(readMatrix('[[0,1, 0,2]]', 'es')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/comas decimales/) });
    expect(readMatrix('[[1, 2], [3]]')).toMatchObject({ kind: 'invalid', message: 'every row needs the same number of entries: row 2 has 1, row 1 has 2' });
    expect(readMatrix('[[1; 1,234]]', 'es')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^fila 1, columna 2: .*1,234/) });
    expect(readMatrix('0.1, 0.2')).toMatchObject({ kind: 'invalid' });
    expect(readMatrix('[[1, 2] [3, 4]]')).toMatchObject({ kind: 'invalid' });
    expect(readMatrix('')).toMatchObject({ kind: 'empty' });
    expect(readMatrix('[' + '1, '.repeat(500) + '1]')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/too many/) });
  });
});

describe('checking a matrix answer (cost: mean over a batch of 3)', () => {
  const ctx = { ...setup('mean'), tolerance };
  const dW1 = ctx.mats.get('dW1')!.values; // 3×2
  const check = (target: string, typed: string, lang: Lang = 'en') => checkMatrix(parseMatrixTarget(target)!, typed, { ...ctx, lang });

  it('right, in either language', () => {
    expect(check('dW1', write(dW1)).verdict).toBe('correct');
    expect(check('dW1', write(dW1, 'es'), 'es')).toMatchObject({ verdict: 'correct', message: 'Correcto.' });
  });
  it('transposed: named as a transpose, since dW1 is 3×2', () => {
    const r = check('dW1', write(transpose(dW1)));
    expect(r).toMatchObject({ verdict: 'misconception', misconception: 'transposed' });
    expect(r.message).toMatch(/transpose of dW⁽¹⁾/);
  });
  it('the wrong shape: "3×2 expected, you gave 2×3 — transposed?" when the values are not the transpose either', () => {
    const r = check('dW1', '[[1, 2, 3], [4, 5, 6]]');
    expect(r).toMatchObject({ verdict: 'shape', message: '3×2 expected, you gave 2×3 — transposed?' });
    expect(check('dW1', '[[1, 2, 3]]', 'es')).toMatchObject({ verdict: 'shape', message: 'Se esperaba una matriz 3×2 y has dado una 1×3.' });
  });
  it('without 1/m, and with 1/m twice', () => {
    expect(check('dW1', write(scale(dW1, 3)))).toMatchObject({ verdict: 'misconception', misconception: 'missing-1/m' });
    expect(check('dW2', write(scale(ctx.mats.get('dW2')!.values, 1 / 3)))).toMatchObject({ verdict: 'misconception', misconception: 'double-1/m' });
  });
  it('db summed over the units instead of the examples', () => {
    const dZ1 = ctx.mats.get('dZ1')!.values;
    const wrongAxis = [dZ1[0].map((_, i) => dZ1.reduce((s, row) => s + row[i], 0) / 3)];
    expect(check('db1', write(wrongAxis))).toMatchObject({ verdict: 'misconception', misconception: 'wrong-axis' });
  });
  it('Z with the examples as rows', () => {
    const Z1 = ctx.mats.get('Z1')!.values;
    // Z1 is 3×3 here: the shape cannot tell, the values can.
    expect(check('Z1', write(transpose(Z1)))).toMatchObject({ verdict: 'misconception', misconception: 'samples-as-rows' });
  });
  it('right shape, some entries off: says which', () => {
    const off = dW1.map((r) => [...r]);
    off[1][0] += 0.5;
    expect(check('dW1', write(off))).toMatchObject({ verdict: 'incorrect', wrong: [[2, 1]], message: 'The shape is right (3×2), but 1 of 6 entries are off: row 2, column 1.' });
  });
  it('Welch Labs\' layout (dW1^T, 2×3): the 003 layout given is a transpose', () => {
    expect(check('dW1^T', write(transpose(dW1))).verdict).toBe('correct');
    expect(check('dW1^T', write(dW1))).toMatchObject({ verdict: 'misconception', misconception: 'transposed' });
  });
});

describe('checking a matrix answer (cost: sum, Welch Labs\' J)', () => {
  const ctx = { ...setup('sum'), tolerance };
  it('1/m where the cost is a sum', () => {
    const dW2 = ctx.mats.get('dW2')!.values;
    expect(checkMatrix({ name: 'dW2', transposed: false }, write(scale(dW2, 1 / 3)), ctx)).toMatchObject({ verdict: 'misconception', misconception: 'averaged-sum' });
    expect(checkMatrix({ name: 'dW2', transposed: false }, write(dW2), ctx).verdict).toBe('correct');
  });
});
