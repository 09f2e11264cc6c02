// Numbers and feedback in the student's language: either decimal separator read, ambiguous
// separators refused with a message in that language, one number writer (0,5793 and TeX
// 0{,}5793), checker, misconception and precision feedback worded per language while the
// verdicts and scores stay the same.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readAnswer, readNumber } from '../../src/lib/core/check/read.ts';
import { Checker, checkChoice, checkQuestion, checkSingle } from '../../src/lib/core/check/checker.ts';
import { describeRule } from '../../src/lib/core/check/tolerance.ts';
import { texIn, texNumber, textNumber } from '../../src/lib/core/numbers.ts';
import { formatNumber, ref } from '../../src/lib/core/expr.ts';
import { formatPlain, formatValue, parsePlain } from '../../src/lib/content/format.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { buildSteps, expandChain } from '../../src/lib/core/steps.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { loadExercise } from './helpers.ts';

const lesson = parseLesson(readFileSync('lessons/01-chain.md', 'utf8'), 'lessons/01-chain.md');
const spec = lesson.graph!.spec;
const value = (typed: string, lang: 'en' | 'es') => {
  const r = readAnswer(typed, { lang });
  return r.kind === 'value' ? r.value : r;
};

describe('reading answers in either language', () => {
  it('reads either separator in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      expect(value('0,5793', lang)).toBe(0.5793);
      expect(value('0.5793', lang)).toBe(0.5793);
      expect(value('-1,5e-3', lang)).toBe(-0.0015);
      expect(value('12,5', lang)).toBe(12.5);
      expect(value('2*(0,53-1)', lang)).toBeCloseTo(-0.94, 12);
    }
    expect(value('1.234', 'en')).toBe(1.234);
  });

  it('refuses 1,234 (and in Spanish 1.234) as ambiguous, saying how to write it in the student\'s language', () => {
    expect(readAnswer('1,234', { lang: 'en' })).toEqual({ kind: 'invalid', message: '"1,234" is ambiguous: write 1.234 if you mean a decimal, or 1234 for the whole number (no thousands separators)' });
    expect(readAnswer('1,234', { lang: 'es' })).toEqual({ kind: 'invalid', message: '«1,234» es ambiguo: escribe 1,2340 si es un número decimal, o 1234 si es un número entero (sin separador de miles)' });
    expect(readAnswer('-1.234', { lang: 'es' })).toEqual({ kind: 'invalid', message: '«1.234» es ambiguo: escribe 1,2340 si es un número decimal, o 1234 si es un número entero (sin separador de miles)' });
    expect(readAnswer('1.234.567', { lang: 'es' })).toEqual({ kind: 'invalid', message: 'escribe 1234567 sin separadores de miles, no 1.234.567' });
    expect(readAnswer('1,234,567', { lang: 'en' })).toEqual({ kind: 'invalid', message: 'write 1234567 without thousands separators, not 1,234,567' });
    // What the message suggests is read.
    expect(value('1,2340', 'es')).toBe(1.234);
    expect(readNumber('', 'es')).toEqual({ error: 'escribe un número' });
    expect(readAnswer('0,5.3', { lang: 'es' })).toMatchObject({ kind: 'invalid', message: 'escribe los decimales con coma o con punto, pero no con los dos' });
    expect(readAnswer('foo', { lang: 'es' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('no es un número aquí: escribe un número o una expresión como 2*(0,53-1)') });
  });
});

describe('the one number writer', () => {
  it('writes text and TeX the language\'s way', () => {
    expect(textNumber(0.579324252149, 'es', { digits: 4 })).toBe('0,5793');
    expect(textNumber(0.579324252149, 'en', { digits: 4 })).toBe('0.5793');
    expect(textNumber(-5.887e-4, 'es', { digits: 4, small: 1e-3 })).toBe('−5,887×10⁻⁴');
    expect(texNumber(0.579324252149, 'es', { digits: 4 })).toBe('0{,}5793');
    expect(texNumber(-5.887e-5, 'es', { digits: 4 })).toBe('-5{,}887 \\times 10^{-5}');
    expect(texNumber(3, 'es')).toBe('3');
    expect(formatNumber(0.579324252149, 4, 'es')).toBe('0{,}5793');
    expect(formatNumber(0.579324252149, 4)).toBe('0.5793');
    expect(formatValue(0.579324252149, 'es', 4)).toBe('0,5793');
    expect(formatPlain(0.579324252149, 4)).toBe('0.5793');
    expect(parsePlain('0,5793')).toBe(0.5793);
    expect(parsePlain('−5,887×10⁻⁴')).toBeCloseTo(-5.887e-4, 15);
    expect(texIn('a = 0.5 + 2.25 \\cdot 10', 'es')).toBe('a = 0{,}5 + 2{,}25 \\cdot 10');
  });

  it('step TeX in Spanish has decimal commas and the same values', () => {
    const graph = lesson.graph!;
    const en = buildSteps(graph);
    const es = buildSteps(graph, graph.solve(), 'es');
    expect(es.map((s) => s.value)).toEqual(en.map((s) => s.value));
    const a1 = es.find((s) => s.id === 'forward:a1')!;
    expect(a1.substitutedTex).toMatch(/= 0\{,\}579324$/);
    for (const s of es) {
      expect(s.substitutedTex, s.id).not.toMatch(/\d\.\d/);
      for (const t of s.terms ?? []) expect(t.localSubstitutedTex).not.toMatch(/\d\.\d/);
    }
    expect(expandChain(graph, 'w1', graph.solve(), 64, 'es').substitutedTex).not.toMatch(/\d\.\d/);
  });
});

describe('feedback in the student\'s language, verdicts unchanged', () => {
  it('misconceptions, precision and the sign, in Spanish', () => {
    expect(checkSingle({ spec, target: ref('grad(a3)') }, '-0,4698', 'es')).toMatchObject({ verdict: 'misconception', misconception: 'dropped-factor-2', feedback: expect.stringMatching(/^Te has dejado el factor 2: la derivada de/) });
    expect(checkSingle({ spec, target: ref('updated(w3)') }, '0,2177', 'es')).toMatchObject({ verdict: 'misconception', feedback: expect.stringMatching(/^Has sumado el paso: el descenso del gradiente lo resta/) });
    expect(checkSingle({ spec, target: ref('a1') }, '0,58', 'es')).toMatchObject({ verdict: 'precision', feedback: 'Es el valor correcto redondeado a 2 decimales, pero no es bastante preciso: da unos cuatro decimales.' });
    expect(checkSingle({ spec, target: ref('a1') }, '0,58', 'en')).toMatchObject({ verdict: 'precision', feedback: 'Right value rounded to 2 decimal places, but not precise enough: give about four decimal places.' });
    expect(checkSingle({ spec, target: ref('a1') }, '0,5793', 'es')).toMatchObject({ verdict: 'correct', feedback: 'Correcto.' });
    expect(checkSingle({ spec, target: ref('a1') }, '1,234', 'es')).toMatchObject({ verdict: 'invalid', feedback: expect.stringMatching(/^«1,234» es ambiguo/) });
    const dW3 = lesson.questions.find((q): q is NumberQuestion => q.kind === 'number' && q.answer === 'grad(w3)')!;
    const r = checkQuestion(dW3, '0,1231', lesson.graph!.solve(), { spec }, 'es');
    expect(r.message).toMatch(/^No del todo\. Revisa el signo\. El signo está invertido/);
    expect(checkChoice({ answer: 'a', choices: ['a', 'b'] }, 'b', 'es').message).toMatch(/^No del todo\./);
    expect(describeRule({ sigFigs: 3 }, 'es')).toBe('3 cifras significativas');
    expect(describeRule({ decimals: 1 }, 'en')).toBe('1 decimal place');
  });

  it('an exercise checked in Spanish and in English: same verdicts and scores, different words', () => {
    const exercise = loadExercise('exercises/chain3.md');
    const checker = new Checker(exercise);
    const expected = checker.expected(7);
    // Every verdict the checker gives: right, rounded, a sign slip, nonsense, missing.
    const ids = Object.keys(expected);
    const answers: Record<string, string> = {};
    ids.forEach((id, i) => {
      const v = expected[id];
      answers[id] = [v.toFixed(6), v.toFixed(1), (-v).toFixed(6), 'x', ''][i % 5];
    });
    const spanish = Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, a.replace('.', ',')]));
    const en = checker.check(answers, 7, 'en');
    const es = checker.check(spanish, 7, 'es');
    expect(es.score).toBe(en.score);
    expect(es.questions.map((q) => [q.id, q.verdict, q.score, q.misconception])).toEqual(en.questions.map((q) => [q.id, q.verdict, q.score, q.misconception]));
    const changed = es.questions.filter((q, i) => q.feedback !== en.questions[i].feedback);
    expect(changed.length).toBe(es.questions.length);
  });
});
