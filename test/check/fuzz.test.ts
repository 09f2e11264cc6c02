// 100,000 random and adversarial strings through the checker: no exception escapes, no answer
// takes more than 50 ms, and nothing global changes (prototypes, globals, Math, the checker's
// own verdicts). Seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { Checker } from '../../src/lib/core/check/checker.ts';
import { readAnswer } from '../../src/lib/core/check/read.ts';
import { verdicts } from '../../src/lib/core/exercise.ts';
import { Random } from '../../src/lib/core/random.ts';
import { loadExercise } from './helpers.ts';

const TOTAL = 100_000;
const LIMIT_MS = 50;

const adversarial = [
  '9^9^9^9', '9^9^9', '(9^9)^(9^9)', '2^1024', '10^308*10', '1e309', '-1e309', '1e-400', '0^0', '0/0', '(-8)^(1/3)',
  '('.repeat(1000) + '1' + ')'.repeat(1000), '('.repeat(24) + '1' + ')'.repeat(24), '-'.repeat(299) + '1', '+-'.repeat(150),
  '1'.repeat(10_000), 'a'.repeat(10_240), '0.' + '5'.repeat(10_000), ('sigmoid(' as string).repeat(60) + '0' + ')'.repeat(60),
  'import("fs")', 'import({}, {override: true})', 'evaluate("1+1")', 'createUnit("bomb")', 'parse("1")', 'compile("1")',
  'config({number: "BigNumber"})', 'simplify("x")', 'derivative("x^2", "x")', 'reviver', 'chain(1)', 'help(import)',
  '__proto__', 'constructor', 'constructor.constructor("return process")()', 'toString()', 'valueOf', 'Object.prototype',
  'a = 1', 'x = 2; y = 3', 'f(x) = x', 'f(x) = f(x)', '[1,2,3]', '{a: 1}', '"abc"', "'abc'", 'a.b.c', 'a[1]', 'x ? 1 : 2',
  '1:1000000000', '5 cm to inch', '3!', "a'", 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity',
  '0x7fffffff', '0b101', '0o17', '1e', 'e', 'E', 'pi', 'π', 'τ', '∞', '½', '²', '⁻¹', '١٢٣', '１２３', '0,5,5', ',', '.', '-', '+',
  '\u0000', '\u0000 0.5', '0.5\u0000', '\ud800', '\udfff', '🙂', '0.5🙂', '\u202e0.5', '0\u20095', 'ǅ', 'ﬁ', '\u0301', '\n\n0.5\n',
  '\t', '\\', '\\frac{1}{2}', '$0.5$', '<script>', '${1}', '`1`', '%', '&&', '||', '1 and 2', '1 xor 0', 'not 1', '1 mod 0',
  'sqrt(-1)', 'ln(0)', 'ln(-1)', 'log(0.5, 2)', 'exp(1000)', 'exp(-1000)', 'tanh(1e308)', 'sigmoid(-1e308)', 'abs(-0)'
];

const alphabet = '0123456789.,+-*/^()[]{}=;:!?\'"eEπσxyzaw_ \t−×·⁻¹²½ ١🙂\u0000\u202e';
const words = ['sigmoid', 'exp', 'ln', 'log', 'sqrt', 'e', 'pi', 'import', 'evaluate', 'createUnit', 'a3', 'w3', 'y', 'cm', 'to'];

function generator(seed: number) {
  const source = new Random(seed);
  const random = () => source.next();
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const num = () => (random() < 0.5 ? String(int(1000)) : (random() * 10 - 5).toFixed(int(8)).replace(random() < 0.2 ? '.' : '\u0000', ','));
  const expr = (depth: number): string => {
    if (depth <= 0 || random() < 0.3) return random() < 0.8 ? num() : pick(words);
    switch (int(5)) {
      case 0: return `${expr(depth - 1)}${pick(['+', '-', '*', '/', '^'])}${expr(depth - 1)}`;
      case 1: return `(${expr(depth - 1)})`;
      case 2: return `${pick(words)}(${expr(depth - 1)})`;
      case 3: return `-${expr(depth - 1)}`;
      default: return `${num()}${pick(['', ' ', 'e', 'E-'])}${int(400)}`;
    }
  };
  const noise = () => Array.from({ length: int(40) }, () => alphabet[int(alphabet.length)]).join('');
  const mangle = (s: string) => {
    const chars = [...s];
    for (let k = int(4); k >= 0; k--) {
      const at = int(chars.length + 1);
      if (random() < 0.5) chars.splice(at, 1);
      else chars.splice(at, 0, alphabet[int(alphabet.length)]);
    }
    return chars.join('');
  };
  return (i: number): string => {
    if (i < adversarial.length) return adversarial[i];
    const kind = int(4);
    if (kind === 0) return noise();
    if (kind === 1) return expr(1 + int(6));
    if (kind === 2) return mangle(pick(adversarial));
    return mangle(expr(3));
  };
}

function globalSnapshot() {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return {
    globals: names(globalThis),
    object: names(Object.prototype),
    array: names(Array.prototype),
    func: names(Function.prototype),
    string: names(String.prototype),
    number: names(Number.prototype),
    math: Object.getOwnPropertyNames(Math).map((k) => `${k}=${String((Math as unknown as Record<string, unknown>)[k])}`).join(',')
  };
}

describe('fuzz', () => {
  it(`${TOTAL.toLocaleString('en-US')} random and adversarial answers: no throw, each under ${LIMIT_MS} ms, no global change`, () => {
    const exercise = loadExercise('test/fixtures/check/precision.md');
    const checker = new Checker(exercise);
    const reference = { a1: '0.579', a2: '0.53', da3: '-0.9396', a3: '0.6', dw3: '-0.1010' };
    const before = { globals: globalSnapshot(), verdicts: JSON.stringify(checker.check(reference)), sum: readAnswer('2+2') };
    const ids = exercise.questions.map((q) => q.id);
    const next = generator(12345);
    const counts: Record<string, number> = Object.fromEntries(verdicts.map((v) => [v, 0]));
    let slowest = { ms: 0, input: '' };
    for (let i = 0; i < TOTAL; i++) {
      const typed = next(i);
      const id = ids[i % ids.length];
      // Half alone, half beside other answers (so error-carried-forward reruns run too).
      const answers = i % 2 ? { [id]: typed } : { ...reference, [id]: typed };
      const t0 = performance.now();
      let result;
      try {
        result = checker.check(answers);
      } catch (err) {
        throw new Error(`input #${i} ${JSON.stringify(typed.slice(0, 200))} threw: ${(err as Error).stack}`);
      }
      let ms = performance.now() - t0;
      if (ms > LIMIT_MS) {
        // Re-time: a garbage-collection pause is not the input's fault, a slow input stays slow.
        ms = Math.min(...[0, 1, 2].map(() => {
          const t = performance.now();
          checker.check(answers);
          return performance.now() - t;
        }));
      }
      if (ms > slowest.ms) slowest = { ms, input: typed.slice(0, 80) };
      const q = result.questions.find((x) => x.id === id)!;
      counts[q.verdict]++;
      expect(Number.isFinite(result.score)).toBe(true);
    }
    expect(slowest.ms, `slowest input ${JSON.stringify(slowest.input)}`).toBeLessThan(LIMIT_MS);
    expect(globalSnapshot()).toEqual(before.globals);
    expect(JSON.stringify(checker.check(reference))).toBe(before.verdicts);
    expect(readAnswer('2+2')).toEqual(before.sum);
    // The generator reaches every reading outcome (so the test exercises more than refusals).
    expect(counts.invalid).toBeGreaterThan(10_000);
    expect(counts.incorrect + counts.misconception + counts.ecf + counts.correct + counts.precision).toBeGreaterThan(10_000);
    expect(counts.missing).toBeGreaterThan(0);
  });
});
