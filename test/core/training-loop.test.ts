// The training loop's core: costs from the graph engine equal the mean of the losses written out,
// the first update matches the lesson's hand computation, epochs and batches are cut as the lesson
// says, a full batch is plain gradient descent on the whole training set, a diverging run stops
// with no NaN, and the attribute reader names each problem at its place.
import { describe, expect, it } from 'vitest';
import { batchChoices, exampleLoss, loopState, readLoopAttributes, runLoop, setCost, type Example } from '../../src/lib/core/training-loop.ts';
import { Random } from '../../src/lib/core/random.ts';

const data = '0,1.2; 0.5,1.8; 1,3.1; 1.5,3.9; 2,5.2; 2.5,5.8; 3,7.1; 0.8,2.4; 1.2,3.5; 2.2,5.3; 0.3,1.7; 2.8,6.4';
const widget = readLoopAttributes({ data, split: '8,2,2', rate: '0.05', batch: '4', epochs: '30' }).widget!;
const { split, settings } = widget;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('training loop', () => {
  it('the cost over a set is the mean of ½(ŷ − y)², from the graph engine, to 1e-12', () => {
    const random = new Random(7);
    for (let trial = 0; trial < 20; trial++) {
      const examples: Example[] = Array.from({ length: 1 + (trial % 9) }, () => ({ x: 6 * random.next() - 3, y: 6 * random.next() - 3 }));
      const w = 4 * random.next() - 2;
      const b = 4 * random.next() - 2;
      const direct = mean(examples.map((e) => exampleLoss(w, b, e)));
      expect(Math.abs(setCost(examples, w, b) - direct)).toBeLessThanOrEqual(1e-12 * Math.abs(direct));
    }
  });

  it("the first update is the lesson's hand computation", () => {
    const run = runLoop(split, settings);
    const [first] = run.updates;
    expect(first).toMatchObject({ epoch: 1, batch: 1, first: 0, last: 3 });
    expect(first.cost).toBeCloseTo((1.2 ** 2 + 1.8 ** 2 + 3.1 ** 2 + 3.9 ** 2) / 8, 14);
    expect(first.dw).toBeCloseTo(-(0.5 * 1.8 + 1 * 3.1 + 1.5 * 3.9) / 4, 14);
    expect(first.db).toBeCloseTo(-(1.2 + 1.8 + 3.1 + 3.9) / 4, 14);
    expect(first.w).toBeCloseTo(0.123125, 14);
    expect(first.b).toBeCloseTo(0.125, 14);
  });

  it('an epoch is ⌈m / batch⌉ updates over the training set in order, the last batch possibly smaller', () => {
    const run = runLoop(split, { ...settings, batch: 3, epochs: 2 });
    expect(run.perEpoch).toBe(3);
    expect(run.updates.map((u) => [u.epoch, u.batch, u.first, u.last])).toEqual([
      [1, 1, 0, 2], [1, 2, 3, 5], [1, 3, 6, 7],
      [2, 1, 0, 2], [2, 2, 3, 5], [2, 3, 6, 7]
    ]);
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    // Each epoch's record is the cost over the whole training and validation sets at that epoch's w and b.
    const last = run.updates.at(-1)!;
    expect(run.epochs[2]).toMatchObject({ w: last.w, b: last.b, train: setCost(split.train, last.w, last.b), validation: setCost(split.validation, last.w, last.b) });
    expect(run.test).toBe(setCost(split.test, last.w, last.b));
  });

  it('a full batch is plain gradient descent on the whole training set', () => {
    const run = runLoop(split, { ...settings, batch: 8, epochs: 3, rate: 0.1 });
    let [w, b] = [0, 0];
    for (const u of run.updates) {
      const dw = mean(split.train.map((e) => (w * e.x + b - e.y) * e.x));
      const db = mean(split.train.map((e) => w * e.x + b - e.y));
      [w, b] = [w - 0.1 * dw, b - 0.1 * db];
      expect(u.w).toBeCloseTo(w, 12);
      expect(u.b).toBeCloseTo(b, 12);
    }
    expect(run.updates).toHaveLength(3);
  });

  it('trains the line towards y ≈ 2x + 1, and the cost falls on both sets', () => {
    const run = runLoop(split, settings);
    const end = run.epochs.at(-1)!;
    expect(end.w).toBeCloseTo(2, 1);
    expect(end.b).toBeCloseTo(1, 1);
    expect(end.train).toBeLessThan(run.epochs[0].train / 100);
    expect(end.validation).toBeLessThan(run.epochs[0].validation / 100);
    expect(run.grew).toBe(false);
  });

  it('a rate too large stops the run when w or b pass 10⁶ or the cost grows 10⁴-fold, with no NaN anywhere', () => {
    const run = runLoop(split, { ...settings, batch: 2, rate: 1, epochs: 30 });
    expect(run.diverged).not.toBeNull();
    expect(run.epochs.length).toBeLessThan(31);
    expect(run.updates.every((u) => Number.isFinite(u.w) && Number.isFinite(u.b) && Number.isFinite(u.cost))).toBe(true);
    expect(run.epochs.every((e) => Number.isFinite(e.train) && Number.isFinite(e.validation))).toBe(true);
    // Growing without bound more slowly: stopped once an epoch's cost is 10⁴ times the start.
    const runaway = runLoop(split, { ...settings, batch: 1, rate: 1 });
    expect(runaway.diverged).not.toBeNull();
    expect(runaway.epochs.at(-1)!.train).toBeGreaterThan(1e4 * runaway.epochs[0].train);
    const grown = runLoop(split, { ...settings, batch: 1, rate: 0.5 });
    expect(grown.diverged).toBeNull();
    expect(grown.grew).toBe(true);
  });

  it('offers batch sizes 1, 2, 4, … and the whole training set', () => {
    expect(batchChoices(8)).toEqual([1, 2, 4, 8]);
    expect(batchChoices(10)).toEqual([1, 2, 4, 8, 10]);
    expect(batchChoices(1)).toEqual([1]);
  });

  it('publishes rate, batch and epochs for questions, with the batch sizes as choices', () => {
    expect(loopState(widget)).toEqual({
      widget: 'loop',
      values: { rate: 0.05, batch: 4, epochs: 30 },
      ranges: { rate: [0.01, 1], batch: [1, 8], epochs: [1, 100] },
      steps: { epochs: 1 },
      choices: { batch: [1, 2, 4, 8] }
    });
  });

  it('reads the attributes and names each problem at its place', () => {
    const problems = (attributes: Record<string, string>) => readLoopAttributes(attributes).problems.map((p) => `${p.attribute}@${p.offset}: ${p.message}`);
    expect(problems({ data: '0,1; 1,x; 2,3', split: '1,1,1' })).toEqual(['data@7: in data, "x" is not a number']);
    expect(problems({ data: '0,1; 1,2,3; 2,3', split: '1,1,1' })).toEqual(['data@5: in data, an example is two numbers, x and y, like "1.5, 3.9", not "1,2,3"']);
    expect(problems({ data: data, split: '8,2,1' })).toEqual(['split@0: split adds up to 11, but data has 12 examples']);
    expect(problems({ data: data, split: '8,2,2', batch: '3' })).toEqual(['batch@0: batch 3 is not one the widget offers for 8 training examples (1, 2, 4, 8)']);
    expect(problems({ data: data, split: '8,2,2', rate: '2', 'max-rate': '1' })).toEqual(['max-rate@0: max-rate (1) is below rate (2): the slider could not show the rate']);
    expect(problems({ split: '8,2,2' })[0]).toMatch(/^data@0: needs data="x,y; x,y; …"/);
  });
});
