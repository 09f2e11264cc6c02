// The shipped lessons: they lint clean, their numbers are the course's, and their questions pass
// the tests `backstep test` runs (each reference answer marked right, a wrong one not; each choice
// question accepts its answer and rejects the other choices).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { runLessonTests } from '../../src/lib/content/lesson-tests.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { checkQuestion, noSolution } from '../../src/lib/core/check/checker.ts';
import { readNumber as parseStudentNumber } from '../../src/lib/core/check/read.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { evaluateQuantity, parseQuantity } from '../../src/lib/core/quantity.ts';
import { parameterCount, parseArchitecture } from '../../src/lib/train/network.ts';
import { settingsFromPresets } from '../../src/lib/train/settings.ts';

const files = readdirSync('lessons').filter((f) => f.endsWith('.md')).map((f) => `lessons/${f}`);
const read = (file: string) => parseLesson(readFileSync(file, 'utf8'), file);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-11 * Math.abs(expected));

describe('shipped lessons', () => {
  // A student reads these without the course's slides: no text may send them to one.
  it('stand on their own: no lesson or exercise refers to "the slide(s)"', () => {
    const exerciseFiles = readdirSync('exercises').filter((f) => f.endsWith('.md')).map((f) => `exercises/${f}`);
    const mentions = [...files, ...exerciseFiles].flatMap((file) =>
      readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (/\bslides?\b/i.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
    );
    expect(mentions).toEqual([]);
  });

  for (const file of files) {
    it(`${file} has no problems and answerable questions`, () => {
      const lesson = read(file);
      expect(lesson.diagnostics).toEqual([]);
      expect(lesson.questions.length).toBeGreaterThanOrEqual(3);
      // The same tests `backstep test` runs: each reference answer marked right by the page's marking.
      const failed = runLessonTests(lesson).filter((t) => !t.ok);
      expect(failed).toEqual([]);
    });
  }

  it('the chain lesson reproduces the numbers of the course exercise', () => {
    const { graph } = read('lessons/01-chain.md');
    const s = graph!.solve();
    close(s.values.z1, 0.32);
    close(s.values.a1, 0.579324252149);
    close(s.values.a2, 0.526045993661);
    close(s.values.a3, 0.530210799671);
    close(s.values.C, 0.220701892746);
    close(s.gradients.w3, -0.123114254669);
    close(s.gradients.b2, -0.0134206136747);
    close(s.updated.w3, 0.242311425467);
    close(s.updated.b2, 0.00134206136747);
  });
});

describe('checkQuestion', () => {
  const { graph, questions } = read('lessons/01-chain.md');
  const solution = graph!.solve();
  const dW3 = questions.find((q) => q.id === 'dC-dW3') as NumberQuestion;

  it('accepts within the relative tolerance, decimal comma and true minus included', () => {
    expect(checkQuestion(dW3, '-0.1231', solution).verdict).toBe('correct');
    expect(checkQuestion(dW3, '−0,12311', solution).verdict).toBe('correct');
    expect(checkQuestion(dW3, '-1.2311e-1', solution).verdict).toBe('correct');
  });
  it('rejects a wrong number and says when only the sign is wrong', () => {
    const wrong = checkQuestion(dW3, '0.1231', solution);
    expect(wrong.verdict).toBe('incorrect');
    expect(wrong.message).toMatch(/sign/);
    expect(checkQuestion(dW3, '-0.13', solution).verdict).toBe('incorrect');
  });
  it('honours rtol', () => {
    expect(checkQuestion({ ...dW3, rtol: 0.1 }, '-0.13', solution).verdict).toBe('correct');
  });
  it('reads arithmetic but no names or function calls into the graph', () => {
    expect(parseStudentNumber('0.23 - 0.1*(-0.123114)')).toEqual({ value: 0.23 + 0.0123114 });
    expect(parseStudentNumber('1/4')).toEqual({ value: 0.25 });
    expect('error' in parseStudentNumber('grad(w3)')).toBe(true);
    expect('error' in parseStudentNumber('a3')).toBe(true);
    expect('error' in parseStudentNumber('')).toBe(true);
    expect(checkQuestion(dW3, 'import("x")', solution).verdict).toBe('unreadable');
  });
  it('parses quantities over names, grad() and updated()', () => {
    const names = { all: new Set(graph!.order), params: new Set(Object.keys(graph!.spec.params)) };
    const q = parseQuantity('updated(w3) - w3 + 0.1*grad(w3)', names);
    expect('expr' in q && Math.abs(evaluateQuantity(q.expr, solution))).toBeLessThan(1e-15);
    expect(parseQuantity('updated(a3)', names)).toMatchObject({ message: expect.stringMatching(/not a param/) });
  });
});

/** The ::trainer presets of a parsed lesson, in page order. */
function trainersOf(lesson: ReturnType<typeof read>): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const walk = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    if (node.type === 'element' && node.tagName === 'bs-trainer') found.push(node.properties as Record<string, string>);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(lesson.body);
  return found;
}

describe('MNIST lessons', () => {
  it('the network lesson counts the 13,002 parameters of the network its trainer trains', () => {
    const lesson = read('lessons/04-mnist-network.md');
    expect(lesson.graph).toBeNull();
    const parameters = lesson.questions.find((q) => q.id === 'parameters') as NumberQuestion;
    expect(evaluateQuantity(parameters.expr, noSolution)).toBe(13002);
    expect(checkQuestion(parameters, '13002', noSolution).verdict).toBe('correct');
    expect(checkQuestion(parameters, '12960', noSolution).verdict).toBe('incorrect');
    const [trainer] = trainersOf(lesson);
    expect(parameterCount(parseArchitecture(settingsFromPresets(trainer).arch))).toBe(13002);
  });

  it('the experiments are small, and the last one uses the recommended settings', () => {
    const trainers = trainersOf(read('lessons/05-mnist-experiments.md')).map(settingsFromPresets);
    expect(trainers.length).toBeGreaterThanOrEqual(7);
    // Image passes per run: seconds on the CPU for a 28-unit network.
    for (const s of trainers.slice(0, -1)) expect(s.samples * s.epochs).toBeLessThanOrEqual(40_000);
    expect(trainers.at(-1)).toMatchObject({ arch: '784-256-10', dropout: 0.2, epochs: 15, patience: 3, samples: 8000 });
  });
});
