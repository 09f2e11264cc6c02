// No spec is an internal error: a valid spec, mangled at random (names swapped, characters cut,
// operators, YAML syntax and `0*` dropped in), always reads to diagnostics or a graph that
// solves, steps and expands every chain, as a bare spec and as a lesson's front matter.
import { describe, expect, it } from 'vitest';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { buildSteps, expandChain } from '../../src/lib/core/steps.ts';
import { random32 } from '../../src/lib/core/variants.ts';

const equations = `graph:
  params: { w1: 0.32, w2: 0.18, b1: 0, b2: 0 }
  inputs: { x: 1.0, y: 1.0 }
  nodes:
    z1: w1*x + b1
    a1: sigmoid(z1)
    z2: w2*a1 + b2 + 0*a1
    a2: tanh(z2)
    C: (a2 - y)^2
  loss: C
  learning_rate: 0.1
`;
const network = `network:
  input: [0.05, 0.10]
  target: [0.01, 0.99]
  layers:
    - { weights: [[0.15, 0.20], [0.25, 0.30]], biases: [0.35, 0.35], activation: sigmoid }
    - { weights: [[0.40, 0.45], [0.50, 0.55]], biases: [0.60, 0.60], activation: softmax }
  loss: cross_entropy
`;
const pieces = ['z1', 'a1', 'z2', 'a2', 'C', 'w1', 'x', 'y', '0*', '(', ')', '+', '*', '^', 'step(', 'relu(', 'log(', '-', ':', '\n', ' ', '{', '}', '[', ']', '0', 'e', 'pi', 'grad(', 'max(', ',', '1e308', '/0', '&a ', '*a', '- ', '"'];
const names = ['z1', 'a1', 'z2', 'a2', 'C', 'w1', 'b2', 'x', 'sigmoid', 'softmax', '0.15'];

function mangle(text: string, random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let s = text;
  for (let j = 1 + Math.floor(random() * 3); j > 0; j--) {
    const at = Math.floor(random() * s.length);
    const r = random();
    if (r < 0.4) s = s.slice(0, at) + pick(pieces) + s.slice(at);
    else if (r < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(random() * 4));
    else s = s.replace(pick(names), pick(names));
  }
  return s;
}

describe('mangled specs never crash', () => {
  for (const [form, text] of [['equations', equations], ['network', network]]) {
    it(`${form}: 400 random manglings read, solve, step and expand, or report at file:line:col`, () => {
      const random = random32(form.length);
      let solved = 0;
      for (let i = 0; i < 400; i++) {
        const s = mangle(text, random);
        const run = () => {
          const doc = readSpecDocument(s, 'f.yaml');
          if (!doc.spec) {
            expect(doc.reporter.failed, s).toBe(true);
            return;
          }
          const graph = new Graph(doc.spec);
          const solution = graph.solve();
          buildSteps(graph, solution);
          for (const name of graph.order) expandChain(graph, name, solution);
          solved++;
        };
        expect(run, s).not.toThrow();
        if (i % 10 === 0) expect(() => parseLesson(`---\ntitle: t\n${s}---\n\n:value[C]\n`, 'f.md'), s).not.toThrow();
      }
      expect(solved).toBeGreaterThan(15); // most manglings are errors; some must still reach the solver
    });
  }
});
