// Fair verdicts: an ambiguous 1,234 is refused (never read as 1.234), one rounding rule for
// integers and scientific notation, misconceptions claimed only when they can be told apart from
// the right answer and from trivial answers, and the author warnings `backstep test`/lint give.
import { describe, expect, it } from 'vitest';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { exerciseWarnings } from '../../src/lib/core/check/lint.ts';
import { runMarkingTests } from '../../src/lib/core/check/marking-tests.ts';
import { readAnswer } from '../../src/lib/core/check/read.ts';
import { feedbackLine } from '../../src/lib/core/grade/report.ts';
import { texToPlain } from '../../src/lib/core/steps.ts';
import { exerciseFromText, loadExercise } from './helpers.ts';

const chain3 = loadExercise('exercises/chain3.md');

/** A one-question exercise: the node `big` is 1234.5, optionally a prompt and a rule. */
const bigExercise = (question: string, prompt = '') =>
  exerciseFromText(
    [
      '---',
      'title: Big',
      'graph: { params: { w: 1234.5, b: 0 }, inputs: { x: 1 }, nodes: { big: w*x + b, C: big^2 }, loss: C }',
      'questions:',
      `  - { id: big, answer: big, ${question}${prompt ? `, prompt: '${prompt}'` : ''} }`,
      '---',
      ''
    ].join('\n')
  );

describe('reading numbers fairly', () => {
  it('1,234 is ambiguous, with a message that says how to write either reading', () => {
    for (const typed of ['1,234', '-12,345', '(1,234)', '2*1,234']) {
      const r = readAnswer(typed);
      expect(r.kind, typed).toBe('invalid');
      if (r.kind === 'invalid') expect(r.message).toMatch(/ambiguous: write \d+\.\d{3} if you mean a decimal, or \d{4,5} for the whole number/);
    }
    expect(readAnswer('1,234,567')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/1234567 without thousands separators/) });
    // Decimal commas no thousands grouping can explain are read as decimals.
    for (const [typed, value] of [['0,123', 0.123], ['1,23', 1.23], ['1,2345', 1.2345], ['5,260E-1', 0.526], ['0,5793', 0.5793]] as const) {
      expect(readAnswer(typed), typed).toMatchObject({ kind: 'value', value });
    }
  });

  it('integers and scientific notation are judged by one rounding rule', () => {
    const { exercise } = bigExercise('rtol: 0.0001');
    const checker = new Checker(exercise!);
    const verdict = (typed: string) => checker.check({ big: typed }).questions[0];
    for (const typed of ['1230', '1.23e3', '1.23E+3', '123e1']) expect(verdict(typed).verdict, typed).toBe('precision');
    expect(verdict('1230').feedback).toBe('Right value rounded to 3 significant figures, but not precise enough: give about four decimal places.');
    expect(verdict('1.23e3').score).toBe(verdict('1230').score);
    for (const typed of ['1240', '1.24e3']) expect(verdict(typed).verdict, typed).toBe('incorrect');
    expect(verdict('0.58').verdict).toBe('incorrect');
  });
});

describe('misconceptions only when they can be told apart', () => {
  it('a param left un-updated, or 0, is never claimed as a misconception', () => {
    const checker = new Checker(chain3);
    const results = checker.check({ b2new: '0', w3new: '0.23' }).questions;
    for (const id of ['b2new', 'w3new']) expect(results.find((q) => q.id === id), id).toMatchObject({ verdict: 'incorrect', misconception: null });
    // A real misconception is still found.
    const plus = checker.check({ w3new: String(checker.expected(null).w3new + 2 * 0.1 * checker.expected(null).dw3) }).questions.find((q) => q.id === 'w3new');
    expect(plus).toMatchObject({ verdict: 'misconception', misconception: 'update-plus' });
  });

  it('backstep test lists, per question, the generated misconceptions it cannot tell apart', () => {
    const first = runMarkingTests(chain3, { variants: 5 })[0];
    expect(first.warnings?.join('\n')).toMatch(/question b2new: cannot tell apart from the right answer or a trivial one \(0, the param unchanged\): .*stale-weight \(6 of 6 variants\)/);
  });

  it('backstep test warns when a reference answer is 0 or near it in a tested variant', () => {
    const { exercise } = exerciseFromText(
      [
        '---',
        'title: Zero input',
        'graph: { params: { w: 0.5 }, inputs: { x: 1 }, nodes: { z: w*x, C: z^2 }, loss: C }',
        'variants: { x: { choice: [0, 0.00005, 1] } }',
        'questions:',
        '  - { id: dw, answer: grad(w) }',
        '---',
        ''
      ].join('\n')
    );
    const warnings = runMarkingTests(exercise!, { variants: 25 })[0].warnings!.join('\n');
    expect(warnings).toMatch(/question dw: the reference answer is 0 in \d+ of 26 variants .*typing 0 scores; add a where: condition/);
    expect(warnings).toMatch(/question dw: the reference answer is within 10×atol of 0 in \d+ of 26 variants/);
  });
});

describe('precision rules and notation', () => {
  it('sig_figs is enforced; lint warns about a prompt asking for significant figures with no rule', () => {
    const ruled = new Checker(bigExercise('sig_figs: 3', 'Give 3 significant figures.').exercise!);
    expect(ruled.check({ big: '1230' }).questions[0].verdict).toBe('correct');
    expect(ruled.check({ big: '1234.5' }).questions[0].verdict).toBe('precision');
    expect(exerciseWarnings(bigExercise('sig_figs: 3', 'Give 3 significant figures.').exercise!)).toEqual([]);
    const unruled = bigExercise('rtol: 0.001', 'Give 3 significant figures.').exercise!;
    expect(exerciseWarnings(unruled).map((w) => w.message)).toContain('question "big": the prompt asks for significant figures but nothing enforces it; add sig_figs: N to the question');
  });

  it('plain-text feedback writes every Greek letter, and never "Correct: Correct."', () => {
    expect(texToPlain('\\eta\\,\\lambda_{1} \\sigma(z) \\Delta w \\hat{y} \\varepsilon \\partial C_0')).toBe('η λ_1 σ(z) Δ w ŷ ε ∂C_0');
    expect(feedbackLine('correct', 'Correct.')).toBe('Correct.');
    // The same feedback as plain text and as $…$ TeX in the exercise's own notation.
    const da3 = new Checker(chain3).check({ da3: '-0.4698', z1: '0.23', a1: '0.5572' }).questions;
    const dropped = da3.find((q) => q.id === 'da3')!;
    expect(dropped.feedback).toBe('You dropped the factor 2: the derivative of (a^(L) - y)² is 2(a^(L) - y).');
    expect(dropped.feedbackTex).toBe('You dropped the factor 2: the derivative of ($a^{(L)} - y$)² is 2($a^{(L)} - y$).');
    expect(da3.find((q) => q.id === 'a1')!.feedbackTex).toMatch(/your own earlier answer \$z\^\{\(L-2\)\}\$ = 0\.23/);
    for (const q of da3) expect(q.feedback + q.feedbackTex).not.toMatch(/[\uE000\uE001]/);
    expect(feedbackLine('misconception', 'You dropped the 2.')).toBe('Misconception: You dropped the 2.');
    expect(feedbackLine('incorrect', '')).toBe('Incorrect.');
  });
});
