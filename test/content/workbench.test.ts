// The lesson workbench's pure parts: which steps a lesson walks and which values its questions ask
// for, the graph layout in both directions with room for edge labels, the one Persisted storage
// class, and feedback in the lesson's notation.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { buildSteps } from '../../src/lib/core/steps.ts';
import { askedSteps, walkedSteps } from '../../src/lib/content/lesson-steps.ts';
import { layoutGraph, texWidth } from '../../src/lib/components/lesson/graph-layout.ts';
import { edgeGeometry } from '../../src/lib/components/lesson/edge-geometry.ts';
import { Persisted, isRecord } from '../../src/lib/persisted.ts';

const lessonOf = (file: string) => parseLesson(readFileSync(file, 'utf8'), file);

describe('the steps a lesson walks', () => {
  it('drops ∂C/∂x and ∂C/∂y when nothing on the page asks for them, and renumbers', () => {
    const lesson = lessonOf('lessons/01-chain.md');
    const all = buildSteps(lesson.graph!);
    const walked = walkedSteps(all, lesson.graph!, lesson);
    expect(all.map((s) => s.id)).toContain('backward:x');
    expect(walked.map((s) => s.id)).not.toContain('backward:x');
    expect(walked.map((s) => s.id)).not.toContain('backward:y');
    expect(walked.length).toBe(all.length - 2);
    expect(walked.map((s) => s.index)).toEqual(walked.map((_, i) => i));
  });

  it('keeps an input gradient a question asks for', () => {
    const lesson = lessonOf('lessons/03-two-layer-network.md');
    const asksForInput = lesson.questions.some((q) => q.kind === 'number' && /grad\(x\d\)/.test(q.answer));
    const walked = walkedSteps(buildSteps(lesson.graph!), lesson.graph!, lesson).map((s) => s.id);
    if (asksForInput) expect(walked.some((id) => /^backward:x\d$/.test(id))).toBe(true);
  });

  it('maps each question to the steps whose values it asks for', () => {
    const lesson = lessonOf('lessons/01-chain.md');
    const asked = askedSteps(lesson, lesson.graph);
    expect(asked.get('dC-dW3')).toEqual(['backward:w3']);
    expect(asked.get('W3-new')).toEqual(['update:w3']);
    expect(asked.get('yhat')).toEqual(['forward:a3']);
  });
});

describe('workbench graph layout', () => {
  for (const file of ['lessons/01-chain.md', 'lessons/03-two-layer-network.md']) {
    it(`${file}: boxes fit their names; top to bottom swaps the axes; edge labels sit in a gap between ranks`, () => {
      const graph = lessonOf(file).graph!;
      for (const direction of ['right', 'down'] as const) {
        const layout = layoutGraph(graph, { direction });
        for (const name of graph.order) expect(layout.nodeWidth).toBeGreaterThanOrEqual(texWidth(graph.tex(name)) + 16);
        const boxes = [...layout.boxes.values()];
        for (const e of graph.edges) {
          const from = layout.boxes.get(e.from)!;
          const to = layout.boxes.get(e.to)!;
          if (direction === 'right') expect(from.x).toBeLessThan(to.x);
          else expect(from.y).toBeLessThan(to.y);
          const { label } = edgeGeometry(layout, from, to, [0, 1], [0, 1]);
          // The label's box (78 × 18 at most) touches no node box.
          const [w, h] = [78, 18];
          for (const b of boxes) {
            const apart = label.x + w / 2 <= b.x || label.x - w / 2 >= b.x + layout.nodeWidth || label.y + h / 2 <= b.y || label.y - h / 2 >= b.y + layout.nodeHeight;
            expect(apart, `${direction}: label of ${e.from}→${e.to} over ${b.name}`).toBe(true);
          }
        }
      }
      const right = layoutGraph(graph, { direction: 'right' });
      const down = layoutGraph(graph, { direction: 'down' });
      expect(down.width).toBeLessThan(right.width);
    });
  }
});

describe('Persisted', () => {
  it('reads back what it saved, and reads nothing from corrupt or foreign data', () => {
    const store = new Map<string, string>();
    const fake = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    Object.defineProperty(globalThis, 'localStorage', { value: fake, configurable: true });
    try {
      const p = new Persisted<Record<string, unknown>>('k', isRecord);
      expect(p.load()).toBeNull();
      p.save({ a: 1 });
      expect(p.load()).toEqual({ a: 1 });
      store.set('k', '{not json');
      expect(p.load()).toBeNull();
      store.set('k', '[1,2]');
      expect(p.load()).toBeNull();
      p.clear();
      expect(store.has('k')).toBe(false);
      fake.setItem = () => {
        throw new Error('quota');
      };
      expect(() => p.save({ b: 2 })).not.toThrow();
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
    }
  });
});

describe('feedback typeset in the lesson notation', () => {
  it('gives the checker feedback with $…$ maths in the lesson’s TeX names, and the same words in plain text', async () => {
    const { checkQuestion } = await import('../../src/lib/core/check/checker.ts');
    const lesson = lessonOf('lessons/01-chain.md');
    const graph = lesson.graph!;
    const question = lesson.questions.find((q) => q.id === 'dC-dW3')!;
    if (question.kind !== 'number') throw new Error('dC-dW3 is a number question');
    const result = checkQuestion(question, '0.1231', graph.solve(), { spec: graph.spec });
    expect(result.verdict).toBe('incorrect');
    expect(result.messageTex).toContain('$a^{(L)} - y$');
    expect(result.message).not.toContain('$');
    expect(result.message.replace(/\s+/g, ' ')).toContain('Check the sign.');
    // One wording: the sign is said once in each form.
    expect(result.messageTex!.match(/Check the sign/g)).toHaveLength(1);
  });
});
