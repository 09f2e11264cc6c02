// The matrix form read off the scalar engine: every matrix of a batch through a 2-3-1 network
// agrees with 003's formulas (Z = W·A + b, dW = (1/m)·dZ·Aᵀ, db = (1/m)·Σ dZ, dA = Wᵀ·dZ), a dW
// entry expands into its sum over the batch, and the batch cut to m = 1 is the scalar network.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSpecDocument } from '../../src/lib/content/document.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import type { GraphSpec } from '../../src/lib/core/spec.ts';
import { texToPlain } from '../../src/lib/core/steps.ts';
import { batchPrefix, expandWeightGradient, layerShapes, matrixView, multiply, networkMatrices, parameterTotal, scale, shapeOf, sumColumns, transpose, type Matrix } from '../../src/lib/core/matrix.ts';

const load = (text: string, file = 'spec.yaml'): GraphSpec => {
  const doc = readSpecDocument(text, file);
  expect(doc.reporter.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return doc.spec!;
};
const fixture = (cost: string) => load(readFileSync(`test/fixtures/reference/batch231-${cost}.yaml`, 'utf8'));

function expectClose(got: Matrix, want: Matrix, rtol = 1e-13) {
  expect(shapeOf(got)).toEqual(shapeOf(want));
  got.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i][j]), `(${i + 1}, ${j + 1}): ${v} vs ${want[i][j]}`).toBeLessThanOrEqual(rtol * Math.max(1e-300, Math.abs(want[i][j])) + 1e-17)));
}

describe('the matrices of a batch (003 layout: one column per example)', () => {
  for (const cost of ['mean', 'sum'] as const) {
    it(`cost: ${cost}: shapes, forward and backward formulas hold for the engine's entries`, () => {
      const spec = fixture(cost);
      const solution = new Graph(spec).solve();
      const mats = networkMatrices(spec.network!, solution);
      const get = (n: string) => mats.get(n)!.values;
      const s = cost === 'mean' ? 1 / 3 : 1;
      expect(shapeOf(get('A0'))).toEqual([2, 3]);
      expect(shapeOf(get('W1'))).toEqual([3, 2]);
      expect(shapeOf(get('Z1'))).toEqual([3, 3]);
      expect(shapeOf(get('W2'))).toEqual([1, 3]);
      expect(shapeOf(get('dW1'))).toEqual([3, 2]);
      expect(shapeOf(get('db1'))).toEqual([3, 1]);
      // Z = W·A + b (b broadcast over the columns)
      expectClose(get('Z1'), multiply(get('W1'), get('A0')).map((row, j) => row.map((v) => v + get('b1')[j][0])));
      expectClose(get('Z2'), multiply(get('W2'), get('A1')).map((row, j) => row.map((v) => v + get('b2')[j][0])));
      // dW = s·dZ·Aᵀ, db = s·Σ dZ (over the examples), dA = Wᵀ·dZ
      expectClose(get('dW2'), scale(multiply(get('dZ2'), transpose(get('A1'))), s), 1e-12);
      expectClose(get('dW1'), scale(multiply(get('dZ1'), transpose(get('A0'))), s), 1e-12);
      expectClose(get('db1'), scale(sumColumns(get('dZ1')), s), 1e-12);
      expectClose(get('dA1'), multiply(transpose(get('W2')), get('dZ2')), 1e-12);
      // dZ is each example's own gradient: the same for mean and sum.
      expect(get('dZ2')[0][0]).toBeCloseTo(-0.09590078532574310 * 0.6540992146742569 * (1 - 0.6540992146742569), 12);
    });
  }

  it('clicking dW entry (1, 2) of layer 2: the sum over the batch of dZ·A, times 1/m, is the engine\'s ∂C/∂w2_1_2', () => {
    const spec = fixture('mean');
    const solution = new Graph(spec).solve();
    const mats = networkMatrices(spec.network!, solution);
    const entry = expandWeightGradient(spec.network!, mats, 2, 1, 2);
    expect(entry.terms.map((t) => t.example)).toEqual([1, 2, 3]);
    expect(entry.terms[2]).toMatchObject({ dzName: 'z2_1_e3', aName: 'a1_2_e3' });
    expect(entry.scale).toBeCloseTo(1 / 3, 15);
    expect(entry.weight).toBe('w2_1_2');
    expect(Math.abs(entry.total - solution.gradients.w2_1_2)).toBeLessThan(1e-15);
  });

  it('the batch cut to m = 1 is the scalar network of the first example, gradient for gradient', () => {
    const batch = fixture('mean');
    const one = batchPrefix(batch, 1);
    expect(one.network!.batch).toBe(1);
    // Example i's nodes are typeset with ⟨i⟩ after the layer: z^{(2)⟨1⟩}_{1}, and read back as plain text.
    expect(batch.tex.z2_1_e1).toBe('z^{(2)\\langle 1\\rangle}_{1}');
    expect(texToPlain(batch.tex.x2_e3)).toBe('x^⟨3⟩_2');
    expect(one.nodes.some((n) => n.name.endsWith('_e2'))).toBe(false);
    const scalar = load(
      readFileSync('test/fixtures/reference/batch231-mean.yaml', 'utf8')
        .replace(/inputs: .*/, 'input: [0.3, 1.0]').replace(/targets: .*/, 'target: [0.75]').replace(/\n\s*cost: mean/, '')
    );
    const a = new Graph(one).solve();
    const b = new Graph(scalar).solve();
    for (const p of Object.keys(b.gradients).filter((n) => /^[wb]/.test(n))) expect(a.gradients[p]).toBe(b.gradients[p]);
    expect(a.loss).toBe(b.loss);
    // and m = 2 averages two examples
    const two = new Graph(batchPrefix(batch, 2)).solve();
    expect(two.values.C).toBeCloseTo((two.values.C_e1 + two.values.C_e2) / 2, 15);
  });

  it('the 784-16-16-10 network: shapes over a batch of 32, and 13,002 weights and biases', () => {
    const shapes = layerShapes([784, 16, 16, 10], 32);
    expect(shapes.map((s) => s.W)).toEqual([[16, 784], [16, 16], [10, 16]]);
    expect(shapes[0].Z).toEqual([16, 32]);
    expect(shapes[2].dAbelow).toEqual([16, 32]);
    expect(parameterTotal([784, 16, 16, 10])).toBe(13002);
  });
});

describe('the ::matrices view', () => {
  it('m = 1 to 3, mean or sum: the panels in order with their shapes, dW expandable, C over the first m', () => {
    const spec = fixture('sum');
    const one = matrixView(spec, 1, 'mean')!;
    expect(one.m).toBe(1);
    expect(one.forward.map((p) => `${p.name} ${p.rows}×${p.cols}`)).toEqual(['A0 2×1', 'W1 3×2', 'b1 3×1', 'Z1 3×1', 'A1 3×1', 'W2 1×3', 'b2 1×1', 'Z2 1×1', 'A2 1×1']);
    expect(one.backward.map((p) => p.name)).toEqual(['dA2', 'dZ2', 'dW2', 'db2', 'dA1', 'dZ1', 'dW1', 'db1']);
    expect(one.backward.filter((p) => p.expandable).map((p) => p.name)).toEqual(['dW2', 'dW1']);
    const three = matrixView(spec, 3, 'mean')!;
    const sum = matrixView(spec, 3, 'sum')!;
    expect(three.backward.find((p) => p.name === 'dW2')!.formula).toContain('\\tfrac{1}{m}');
    expect(sum.backward.find((p) => p.name === 'dW2')!.formula).not.toContain('tfrac');
    expect(sum.costValue).toBeCloseTo(3 * three.costValue, 14);
    expect(three.forward.find((p) => p.name === 'Z1')!.cols).toBe(3);
  });
});
