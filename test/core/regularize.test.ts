// Regularization on the graph engine: the penalty's gradient on every weight is λw (L2) or
// λ·sign(w) (L1), the total is the data's gradient plus it, biases untouched; dropout's mask gives
// exactly zero gradient through a dropped unit and scales a kept one by 1/(1 − p), checked against
// the forward and backward pass written out by hand here.
import { describe, expect, it } from 'vitest';
import { drawMask, dropoutStep, penaltyTable, penalizedSpec, regNetwork, REG_HIDDEN, REG_OUTPUT } from '../../src/lib/core/regularize.ts';
import { TINY_INPUT, TINY_TARGET } from '../../src/lib/core/init.ts';
import { Graph } from '../../src/lib/core/graph.ts';
import { Random } from '../../src/lib/core/random.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const relative = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('weight penalties', () => {
  for (const lambda of [0, 0.01, 0.1, 2]) {
    it(`L2 with λ = ${lambda}: ∂R/∂w = λw on each of the six weights, ∂J/∂w = ∂C/∂w + λw`, () => {
      const { rows, penalty } = penaltyTable(regNetwork(), 'l2', lambda);
      expect(rows.map((r) => r.name)).toEqual(['w1_1_1', 'w1_1_2', 'w1_2_1', 'w1_2_2', 'w2_1_1', 'w2_1_2']);
      for (const r of rows) {
        expect(relative(r.penalty, lambda * r.value), r.name).toBeLessThan(1e-15);
        expect(relative(r.total, r.data + lambda * r.value), r.name).toBeLessThan(1e-12);
        expect(relative(r.updated, r.value - 0.5 * r.total), r.name).toBeLessThan(1e-12);
      }
      const weights = [...REG_HIDDEN.flat(), ...REG_OUTPUT.flat()];
      expect(relative(penalty, (lambda / 2) * weights.reduce((s, w) => s + w * w, 0))).toBeLessThan(1e-15);
    });
  }

  it('L1: ∂R/∂w = λ·sign(w), the same size whatever the weight', () => {
    const { rows } = penaltyTable(regNetwork(), 'l1', 0.1);
    for (const r of rows) expect(r.penalty).toBe(0.1 * Math.sign(r.value));
  });

  it('the biases get no penalty', () => {
    const spec = regNetwork();
    const plain = new Graph(spec).solve();
    const with2 = new Graph(penalizedSpec(spec, 'l2', 0.5)).solve();
    for (const b of ['b1_1', 'b1_2', 'b2_1']) expect(with2.gradients[b]).toBe(plain.gradients[b]);
  });

  it('a negative or infinite λ is refused with a message', () => {
    expect(() => penaltyTable(regNetwork(), 'l2', -1)).toThrow(/λ must be a number ≥ 0/);
    expect(() => penaltyTable(regNetwork(), 'l2', Infinity)).toThrow(/λ must be a number ≥ 0/);
  });
});

describe('dropout on the 2-2-1 network', () => {
  /** Forward and backward by hand with mask m and rate p. */
  function byHand(mask: number[], p: number) {
    const [x1, x2] = TINY_INPUT;
    const [y] = TINY_TARGET;
    const a = REG_HIDDEN.map(([w1, w2]) => sigmoid(w1 * x1 + w2 * x2));
    const h = a.map((v, j) => (mask[j] * v) / (1 - p));
    const v = REG_OUTPUT[0];
    const yhat = sigmoid(v[0] * h[0] + v[1] * h[1]);
    const dz2 = (yhat - y) * yhat * (1 - yhat);
    const dh = v.map((w) => dz2 * w);
    const dz1 = a.map((av, j) => ((dh[j] * mask[j]) / (1 - p)) * av * (1 - av));
    return { h, yhat, out: [dz2 * h[0], dz2 * h[1]], hidden: dz1.map((d) => [d * x1, d * x2]) };
  }

  for (const [mask, p] of [[[true, false], 0.5], [[false, true], 0.5], [[true, true], 0.2], [[false, false], 0.5]] as [boolean[], number][]) {
    it(`mask ${mask.map(Number).join('')} at p = ${p}: values and gradients as by hand; every path of a dropped unit carries exactly 0`, () => {
      const { solution, scale } = dropoutStep(regNetwork(), p, mask);
      const hand = byHand(mask.map(Number), p);
      expect(scale).toBe(1 / (1 - p));
      expect(relative(solution.values.a2_1, hand.yhat)).toBeLessThan(1e-12);
      mask.forEach((keep, i) => {
        const j = i + 1;
        expect(relative(solution.values[`h1_${j}`], hand.h[i])).toBeLessThan(1e-12);
        const grads = [solution.gradients[`w2_1_${j}`], solution.gradients[`w1_${j}_1`], solution.gradients[`w1_${j}_2`], solution.gradients[`b1_${j}`]];
        if (!keep) for (const g of grads) expect(Math.abs(g)).toBe(0);
        else {
          expect(relative(grads[0], hand.out[i])).toBeLessThan(1e-12);
          expect(relative(grads[1], hand.hidden[i][0])).toBeLessThan(1e-12);
          expect(relative(grads[2], hand.hidden[i][1])).toBeLessThan(1e-12);
          expect(grads[1]).not.toBe(0);
        }
      });
    });
  }

  it('kept units are scaled by 1/(1 − p): with p = 0.5 a kept unit passes on twice its activation', () => {
    const { solution } = dropoutStep(regNetwork(), 0.5, [true, true]);
    expect(solution.values.h1_1).toBe(2 * solution.values.a1_1);
  });

  it('masks keep each unit with probability 1 − p (seeded)', () => {
    const random = new Random(5);
    let kept = 0;
    for (let i = 0; i < 5000; i++) kept += drawMask(2, 0.3, random).filter(Boolean).length;
    expect(Math.abs(kept / 10000 - 0.7)).toBeLessThan(0.02);
    expect(() => dropoutStep(regNetwork(), 1, [true, true])).toThrow(/\[0, 1\)/);
    expect(() => dropoutStep(regNetwork(), 0.5, [true])).toThrow(/mask has 1 entries for 2 units/);
  });
});

describe('the lessons hold the same networks as the widgets', () => {
  it("lesson 14's graph (with R and J written out) gives the L2 table's gradients; lesson 13's network is the equal start", async () => {
    const { readFileSync } = await import('node:fs');
    const { parseLesson } = await import('../../src/lib/content/lesson.ts');
    const { tinyNetwork, EQUAL_WEIGHT } = await import('../../src/lib/core/init.ts');
    for (const lang of ['', '.es']) {
      const lesson14 = parseLesson(readFileSync(`lessons/14-regularization${lang}.md`, 'utf8'), `lessons/14-regularization${lang}.md`);
      const solved = lesson14.graph!.solve();
      const lambda = lesson14.graph!.spec.inputs.lambda;
      const { rows } = penaltyTable(regNetwork(), 'l2', lambda);
      for (const r of rows) expect(relative(solved.gradients[r.name], r.total), r.name).toBeLessThan(1e-12);
      const lesson13 = parseLesson(readFileSync(`lessons/13-initialization${lang}.md`, 'utf8'), `lessons/13-initialization${lang}.md`);
      const equal = tinyNetwork([[EQUAL_WEIGHT, EQUAL_WEIGHT], [EQUAL_WEIGHT, EQUAL_WEIGHT]], [[EQUAL_WEIGHT, EQUAL_WEIGHT]]);
      expect(lesson13.graph!.spec.params).toEqual(equal.params);
      expect(lesson13.graph!.spec.inputs).toEqual(equal.inputs);
    }
  });
});
