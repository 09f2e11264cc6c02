// Values that are really non-finite are author warnings at file:line:col, naming the first node
// (or gradient) that stopped being a number and why; JSON writes them as strings, never null.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { formatDiagnostic } from '../../src/lib/core/diagnostics.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { firstNonFinite } from '../../src/lib/core/finite.ts';
import { numbersToJson } from '../../src/cli/command.ts';
import { parseLesson } from '../../src/lib/content/lesson.ts';

const warnings = (text: string, file = 'spec.yaml') => readSpecDocument(text, file).reporter.diagnostics.map(formatDiagnostic);

describe('non-finite values', () => {
  it('exp(800): the first node that overflows, at its line, with the numbers', () => {
    const text = ['params: { w: 800 }', 'inputs: { x: 1 }', 'nodes:', '  z: w * x', '  big: exp(z)', '  C: big + 1', 'loss: C', ''].join('\n');
    expect(warnings(text)).toEqual(['spec.yaml:5:3: warning: node "big" is Infinity: exp(800) = Infinity (overflow: float64 stops at about 1.8e308)']);
  });

  it('log(0), 0/0 and sqrt of a negative number say why', () => {
    const spec = (node: string) => `params: { w: 0 }\nnodes:\n  a: ${node}\n  C: a * 2\nloss: C\n`;
    expect(warnings(spec('log(w)'))).toEqual(['spec.yaml:3:3: warning: node "a" is -Infinity: log(0) = -Infinity (the log of 0)']);
    expect(warnings(spec('w / w'))).toEqual(['spec.yaml:3:3: warning: node "a" is NaN: 0 / 0 = NaN (division by zero)']);
    expect(warnings(spec('sqrt(w - 1)'))).toEqual(['spec.yaml:3:3: warning: node "a" is NaN: sqrt(0 - 1) = NaN (not defined for these numbers)']);
  });

  it('a gradient that is non-finite while every value is finite (sqrt at 0)', () => {
    const text = 'params: { w: 0 }\nnodes:\n  r: sqrt(w)\n  C: r * 2\nloss: C\n';
    expect(warnings(text)).toEqual(['spec.yaml:1:11: warning: the gradient ∂C/∂w is Infinity: its local partial ∂r/∂w has 1 / (2 * sqrt(0)) = Infinity (division by zero)']);
  });

  it('in a layered network, at the layer that overflows', () => {
    const text = [
      'network:',
      '  input: [1.0]',
      '  target: [0]',
      '  layers:',
      '    - { weights: [[800]], biases: [0], activation: linear }',
      '    - { weights: [[1e306]], biases: [0], activation: linear }',
      '  loss: squared',
      ''
    ].join('\n');
    expect(warnings(text)).toEqual(['spec.yaml:6:19: warning: node "z2_1" is Infinity: 1e+306 * 800 = Infinity (overflow: float64 stops at about 1.8e308)']);
  });

  it('stable formulas are not reported: logits of 800, a sigmoid at 40, σ′(40)', () => {
    for (const file of ['softmax-800', 'softmax-underflow', 'sigmoid-40', 'edges-equations', 'chain-saturated']) {
      const doc = readSpecDocument(readFileSync(`test/fixtures/reference/${file}.yaml`, 'utf8'), file);
      expect(doc.reporter.diagnostics, file).toEqual([]);
    }
  });

  it('firstNonFinite is null on a finite graph and names the node otherwise', () => {
    const doc = readSpecDocument('params: { w: 710 }\nnodes:\n  a: exp(w)\n  b: a - a\n  C: b\nloss: C\n', 'x.yaml');
    const graph = new Graph(doc.spec!);
    expect(firstNonFinite(graph, graph.solve())?.name).toBe('a');
    expect(firstNonFinite(graph, graph.solve({ w: 1 }))).toBeNull();
  });

  it('a lesson (and so the /author preview, which reads lessons the same way) lists the warning', () => {
    const text = ['---', 'title: Overflow', 'graph:', '  params: { w: 800 }', '  nodes:', '    big: exp(w)', '    C: big', '  loss: C', '---', '', 'Text.', ''].join('\n');
    const lesson = parseLesson(text, 'lessons/99-overflow.md');
    expect(lesson.diagnostics.map(formatDiagnostic)).toContain('lessons/99-overflow.md:6:5: warning: node "big" is Infinity: exp(800) = Infinity (overflow: float64 stops at about 1.8e308)');
  });

  it('JSON writes "Infinity", "-Infinity" and "NaN", never null', () => {
    const json = numbersToJson({ a: Infinity, b: -Infinity, c: NaN, d: 0.1 + 0.2, e: [1e308 * 10] });
    expect(JSON.parse(json)).toEqual({ a: 'Infinity', b: '-Infinity', c: 'NaN', d: 0.30000000000000004, e: ['Infinity'] });
    expect(json).not.toContain('null');
  });
});
