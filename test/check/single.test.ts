// Lesson questions go through the full checker (checkSingle in src/lib/core/check/checker.ts, via
// the lesson's checkQuestion): named misconceptions and precision on the lesson's graph, following the
// student's live edits of the numbers.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { checkQuestion, checkSingle } from '../../src/lib/core/check/checker.ts';
import type { NumberQuestion } from '../../src/lib/core/exercise.ts';
import { ref } from '../../src/lib/core/expr.ts';
import { Graph } from '../../src/lib/core/graph.ts';

const lesson = parseLesson(readFileSync('lessons/01-chain.md', 'utf8'), 'lessons/01-chain.md');
const spec = lesson.graph!.spec;

describe('one question on a lesson graph', () => {
  it('names misconceptions and precision', () => {
    expect(checkSingle({ spec, target: ref('grad(a3)') }, '-0.4698')).toMatchObject({ verdict: 'misconception', misconception: 'dropped-factor-2' });
    expect(checkSingle({ spec, target: ref('updated(w3)') }, '0.2177')).toMatchObject({ verdict: 'misconception', misconception: 'update-plus' });
    expect(checkSingle({ spec, target: ref('a1') }, '0.58')).toMatchObject({ verdict: 'precision' });
    expect(checkSingle({ spec, target: ref('a1') }, '0,5793')).toMatchObject({ verdict: 'correct' });
  });

  it('follows live edits of params and the learning rate', () => {
    const edited = new Graph({ ...spec, params: { ...spec.params, w3: 0.5 }, learningRate: 0.3 }).solve();
    expect(checkSingle({ spec, target: ref('updated(w3)'), overrides: { w3: 0.5 }, learningRate: 0.3 }, edited.updated.w3.toFixed(4)).verdict).toBe('correct');
    expect(checkSingle({ spec, target: ref('updated(w3)') }, edited.updated.w3.toFixed(4)).verdict).not.toBe('correct');
  });

  it("the lesson's checkQuestion passes misconception feedback through", () => {
    const dW3 = lesson.questions.find((q): q is NumberQuestion => q.kind === 'number' && q.answer === 'grad(w3)')!;
    const solution = lesson.graph!.solve();
    const r = checkQuestion(dW3, '0.1231', solution, { spec });
    expect(r.verdict).toBe('incorrect');
    expect(r.message).toMatch(/^Not quite\. Check the sign\. The sign is flipped/);
    expect(checkQuestion(dW3, '-0.1231', solution, { spec }).verdict).toBe('correct');
    expect(checkQuestion(dW3, '9^9^9^9', solution, { spec })).toMatchObject({ verdict: 'unreadable', message: expect.stringMatching(/powers/) });
  });
});
