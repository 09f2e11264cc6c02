// Reading typed answers: the number formats students use, the digits they typed (for precision
// rules), and the refusals — each with a reason, none with an exception.
import { describe, expect, it } from 'vitest';
import { readAnswer, MAX_ANSWER_LENGTH } from '../../src/lib/core/check/read.ts';
import { close, defaultTolerance, isCoarseRounding } from '../../src/lib/core/check/tolerance.ts';

const value = (s: string, names?: Record<string, number>) => {
  const r = readAnswer(s, { names });
  if (r.kind !== 'value') throw new Error(`${s}: ${JSON.stringify(r)}`);
  return r;
};
const refusal = (s: unknown) => {
  const r = readAnswer(s);
  expect(r.kind, String(s)).toBe('invalid');
  return (r as { message: string }).message;
};

describe('numbers', () => {
  it.each([
    ['0.5793', 0.5793, 4, 4],
    ['-1.23e-2', -0.0123, 4, 3],
    ['5.793E-1', 0.5793, 4, 4],
    ['0,5793', 0.5793, 4, 4],
    ['-0,1231', -0.1231, 4, 4],
    ['.5', 0.5, 1, 1],
    ['+2', 2, 0, 1],
    ['1200', 1200, 0, 2],
    ['0.0700', 0.07, 4, 3],
    ['  0.32  ', 0.32, 2, 2],
    ['−0.9396', -0.9396, 4, 4],
    ['5.793×10^-1', 0.5793, 4, 4],
    ['5.793·10⁻¹', 0.5793, 4, 4]
  ])('%s', (typed, v, decimals, sigFigs) => {
    const r = value(typed);
    expect(r.value).toBeCloseTo(v, 12);
    expect(r.form).toBe('number');
    expect(r.decimals).toBe(decimals);
    expect(r.sigFigs).toBe(sigFigs);
  });

  it('fractions and expressions have no digit count', () => {
    expect(value('3/4')).toMatchObject({ value: 0.75, form: 'fraction', decimals: null });
    expect(value('-3/4').value).toBe(-0.75);
    expect(value('2*(0.5302-1)')).toMatchObject({ form: 'expression', sigFigs: null });
    expect(value('2*(0.5302-1)').value).toBeCloseTo(-0.9396, 12);
  });

  it('expressions with the functions and constants of hand computation', () => {
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    expect(value('0.23*sigmoid(0.1)*(1-sigmoid(0.1))').value).toBeCloseTo(0.23 * s(0.1) * (1 - s(0.1)), 14);
    expect(value('e^-0.32').value).toBeCloseTo(Math.exp(-0.32), 14);
    expect(value('exp(-0.32)').value).toBeCloseTo(Math.exp(-0.32), 14);
    expect(value('ln(2)').value).toBeCloseTo(Math.LN2, 14);
    expect(value('log(2)').value).toBeCloseTo(Math.LN2, 14);
    expect(value('sqrt(2)').value).toBeCloseTo(Math.SQRT2, 14);
    expect(value('2pi').value).toBeCloseTo(2 * Math.PI, 14);
    expect(value('σ(0)').value).toBe(0.5);
    expect(value('1/(1+e^(-0.32))').value).toBeCloseTo(s(0.32), 14);
    expect(value('2*(0,5302-1)').value).toBeCloseTo(-0.9396, 12);
  });

  it('lesson names only where the question allows them', () => {
    expect(value('2*(a3 - y)', { a3: 0.53, y: 1 }).value).toBeCloseTo(-0.94, 12);
    expect(refusal('2*(a3 - 1)')).toMatch(/"a3" is not a number here/);
    expect(readAnswer('w3', { names: { a3: 1 } })).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/unknown name "w3".*a3/) });
    // Names are looked up as own keys only: nothing reaches Object.prototype.
    expect(readAnswer('constructor', { names: { a3: 1 } }).kind).toBe('invalid');
    expect(readAnswer('toString', { names: {} }).kind).toBe('invalid');
  });

  it('empty is not invalid', () => {
    expect(readAnswer('').kind).toBe('empty');
    expect(readAnswer('   ').kind).toBe('empty');
    expect(readAnswer(undefined).kind).toBe('empty');
    expect(readAnswer(null).kind).toBe('empty');
  });

  it('numbers given as JSON numbers', () => {
    expect(value(0.5793 as unknown as string).value).toBe(0.5793);
    expect(refusal(Number.NaN)).toMatch(/finite/);
  });
});

describe('refusals say why', () => {
  it.each([
    ['import("fs")', /unknown function "import"/],
    ['evaluate("1+1")', /unknown function "evaluate"/],
    ['createUnit("foo")', /unknown function "createUnit"/],
    ['parse("1")', /unknown function "parse"/],
    ['x = 3', /assignments are not allowed/],
    ['f(x) = x^2', /assignments are not allowed/],
    ['9^9^9^9', /too many powers/],
    ['1/0', /division by zero/],
    ['2/(1-1)', /not a finite number/],
    ['sqrt(-1)', /no real value/],
    ['1e400', /too large/],
    ['[1, 2]', /not allowed/],
    ['{a: 1}', /not allowed/],
    ['"abc"', /not a number/],
    ['3!', /operator "!"/],
    ['a.b', /not allowed|not a number/],
    ['1:3', /not allowed/],
    ['0,5 + 0.5', /point or with a comma, not both/],
    ['0.5.3', /cannot read/],
    ['log(2, 10)', /one argument/],
    ['sigmoid', /is a function/],
    ['2 cm', /"cm" is not a number/]
  ])('%s', (typed, why) => {
    expect(refusal(typed)).toMatch(why);
  });

  it('bounds input size and nesting before parsing', () => {
    expect(refusal('1+'.repeat(MAX_ANSWER_LENGTH) + '1')).toMatch(/too long/);
    expect(refusal('('.repeat(40) + '1' + ')'.repeat(40))).toMatch(/nested/);
    expect(refusal('x'.repeat(10_000))).toMatch(/too long/);
    expect(refusal({ a: 1 })).toMatch(/text or a number/);
  });
});

describe('tolerance', () => {
  it('defaults accept four decimals and carried rounding, not two decimals', () => {
    expect(close(0.5793, 0.5793242521487495, defaultTolerance)).toBe(true);
    expect(close(0.5792, 0.5793242521487495, defaultTolerance)).toBe(true);
    expect(close(0.58, 0.5793242521487495, defaultTolerance)).toBe(false);
    expect(close(-0.1232, -0.12311425466876574, defaultTolerance)).toBe(true);
    expect(close(-0.1235, -0.12311425466876574, defaultTolerance)).toBe(false);
  });

  it('a coarse but correct rounding is recognised', () => {
    const r = value('0.58');
    expect(r.kind === 'value' && isCoarseRounding(r, 0.5793242521487495, 2)).toBe(true);
    const wrong = value('0.57');
    expect(wrong.kind === 'value' && isCoarseRounding(wrong, 0.5793242521487495, 2)).toBe(false);
    const tooFew = value('0.6');
    expect(tooFew.kind === 'value' && isCoarseRounding(tooFew, 0.5793242521487495, 2)).toBe(false);
  });
});
