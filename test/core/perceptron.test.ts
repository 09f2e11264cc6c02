// The step-neuron engine: McCulloch–Pitts neurons and their truth tables, the XOR network,
// Rosenblatt's rule checked against a computation done by hand, and the attribute readers.
import { describe, expect, it } from 'vitest';
import {
  allBinary,
  boxAround,
  countMistakes,
  decisionRegion,
  firingRectangles,
  gateSamples,
  neuronOutput,
  parseNetwork,
  parseSamples,
  perceptronOutput,
  perceptronWidget,
  randomPerceptron,
  trainPerceptron,
  truthTable,
  xorNetwork,
  type Perceptron,
  type Sample,
  type StepNetwork
} from '../../src/lib/core/perceptron.ts';

const outputs = (network: StepNetwork) => truthTable(network).map((r) => r.output);

describe('McCulloch–Pitts neurons', () => {
  it('fire when the weighted sum reaches the threshold (≥ T, as on the slide)', () => {
    const and = { weights: [1, 1], threshold: 2 };
    expect(neuronOutput(and, [1, 1])).toBe(1); // 2 ≥ 2
    expect(neuronOutput(and, [1, 0])).toBe(0); // 1 < 2
    expect(neuronOutput({ weights: [0.5, -1], threshold: -0.5 }, [0, 0.5])).toBe(1); // -0.5 ≥ -0.5
  });

  it('compute the truth tables of AND, OR and the two-layer XOR network', () => {
    expect(allBinary(2)).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(outputs([[{ weights: [1, 1], threshold: 2 }]])).toEqual([0, 0, 0, 1]);
    expect(outputs([[{ weights: [1, 1], threshold: 1 }]])).toEqual([0, 1, 1, 1]);
    const rows = truthTable(xorNetwork, gateSamples('xor'));
    // Hidden neurons: A·B̄ fires only on 10, Ā·B only on 01; the OR of them is XOR.
    expect(rows.map((r) => r.layers[0])).toEqual([[0, 0], [0, 1], [1, 0], [0, 0]]);
    expect(rows.map((r) => r.output)).toEqual([0, 1, 1, 0]);
    expect(rows.every((r) => r.output === r.target)).toBe(true);
  });

  it('no single neuron computes XOR (every weight and threshold on a grid fails somewhere)', () => {
    const xor = gateSamples('xor');
    const grid = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
    let best = 4;
    for (const w1 of grid) for (const w2 of grid) for (const b of grid) best = Math.min(best, countMistakes({ weights: [w1, w2], bias: b }, xor));
    expect(best).toBe(1); // the best line gets three of the four right
  });
});

describe("Rosenblatt's perceptron rule", () => {
  it('on AND from zero weights with η = 1 matches the hand computation, update by update', () => {
    // Output y = step(w1·x1 + w2·x2 + b), 1 when the sum is ≥ 0. Error e = t − y.
    // Update: w ← w + η·e·x, b ← b + η·e. Samples in the order 00, 01, 10, 11; targets 0, 0, 0, 1.
    //
    // epoch 1  w=(0,0) b=0   00: s=0   y=1 e=-1 → w=(0,0) b=-1
    //                        01: s=-1  y=0 e=0
    //                        10: s=-1  y=0 e=0
    //                        11: s=-1  y=0 e=+1 → w=(1,1) b=0          2 mistakes
    // epoch 2                00: s=0   y=1 e=-1 → w=(1,1) b=-1
    //                        01: s=0   y=1 e=-1 → w=(1,0) b=-2
    //                        10: s=-1  y=0 e=0
    //                        11: s=-1  y=0 e=+1 → w=(2,1) b=-1         3 mistakes
    // epoch 3                00: s=-1  y=0 e=0
    //                        01: s=0   y=1 e=-1 → w=(2,0) b=-2
    //                        10: s=0   y=1 e=-1 → w=(1,0) b=-3
    //                        11: s=-2  y=0 e=+1 → w=(2,1) b=-2         3 mistakes
    // epoch 4                00: s=-2  y=0 e=0
    //                        01: s=-1  y=0 e=0
    //                        10: s=0   y=1 e=-1 → w=(1,1) b=-3
    //                        11: s=-1  y=0 e=+1 → w=(2,2) b=-2         2 mistakes
    // epoch 5                00: s=-2  y=0 e=0
    //                        01: s=0   y=1 e=-1 → w=(2,1) b=-3
    //                        10: s=-1  y=0 e=0
    //                        11: s=0   y=1 e=0                         1 mistake
    // epoch 6                00: s=-3, 01: s=-2, 10: s=-1, 11: s=0    0 mistakes: stop
    const hand: [number, number, number, number, number][] = [
      // sum, output, w1 after, w2 after, b after
      [0, 1, 0, 0, -1], [-1, 0, 0, 0, -1], [-1, 0, 0, 0, -1], [-1, 0, 1, 1, 0],
      [0, 1, 1, 1, -1], [0, 1, 1, 0, -2], [-1, 0, 1, 0, -2], [-1, 0, 2, 1, -1],
      [-1, 0, 2, 1, -1], [0, 1, 2, 0, -2], [0, 1, 1, 0, -3], [-2, 0, 2, 1, -2],
      [-2, 0, 2, 1, -2], [-1, 0, 2, 1, -2], [0, 1, 1, 1, -3], [-1, 0, 2, 2, -2],
      [-2, 0, 2, 2, -2], [0, 1, 2, 1, -3], [-1, 0, 2, 1, -3], [0, 1, 2, 1, -3],
      [-3, 0, 2, 1, -3], [-2, 0, 2, 1, -3], [-1, 0, 2, 1, -3], [0, 1, 2, 1, -3]
    ];
    const run = trainPerceptron(gateSamples('and'), { rate: 1 });
    expect(run.updates.map((u) => [u.sum, u.output, u.after.weights[0], u.after.weights[1], u.after.bias])).toEqual(hand);
    expect(run.updates.map((u) => u.epoch)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6]);
    expect(run.updates.map((u) => u.error).filter((e) => e !== 0)).toEqual([-1, 1, -1, -1, 1, -1, -1, 1, -1, 1, -1]);
    expect(run.mistakesPerEpoch).toEqual([2, 3, 3, 2, 1, 0]);
    expect(run.converged).toBe(true);
    expect(run.final).toEqual({ weights: [2, 1], bias: -3 });
    // Each update starts from the previous one's result.
    run.updates.slice(1).forEach((u, i) => expect(u.before).toEqual(run.updates[i].after));
  });

  it('on AND stops at weights that separate it, from other starts and rates too', () => {
    const and = gateSamples('and');
    const starts: Perceptron[] = [{ weights: [0, 0], bias: 0 }, { weights: [0.3, -0.2], bias: 0.1 }, { weights: [-1, 2], bias: 0.5 }];
    for (const init of starts) {
      for (const rate of [1, 0.5, 0.1]) {
        const run = trainPerceptron(and, { rate, init, maxEpochs: 200 });
        expect(run.converged).toBe(true);
        expect(run.mistakesPerEpoch.at(-1)).toBe(0);
        expect(and.map((s) => perceptronOutput(run.final, s.x))).toEqual([0, 0, 0, 1]);
      }
    }
  });

  it('does not change the weights when the output is already right', () => {
    const run = trainPerceptron(gateSamples('and'), { init: { weights: [1, 1], bias: -1.5 } });
    expect(run.updates.every((u) => u.error === 0 && u.after.bias === -1.5)).toBe(true);
    expect(run.mistakesPerEpoch).toEqual([0]);
  });

  it('on XOR never has an epoch without a mistake', () => {
    const xor = gateSamples('xor');
    for (const init of [{ weights: [0, 0], bias: 0 }, { weights: [0.4, -0.7], bias: 0.2 }]) {
      for (const rate of [1, 0.25]) {
        const run = trainPerceptron(xor, { rate, init, maxEpochs: 300 });
        expect(run.converged).toBe(false);
        expect(run.mistakesPerEpoch).toHaveLength(300);
        expect(Math.min(...run.mistakesPerEpoch)).toBeGreaterThanOrEqual(1);
        expect(run.updates).toHaveLength(1200);
      }
    }
  });
});

describe('reading the widget attributes', () => {
  it('reads networks written as weights>=threshold', () => {
    expect(parseNetwork('1,1>=2', 2)).toEqual([[{ weights: [1, 1], threshold: 2 }]]);
    expect(parseNetwork('1,-1>=1; -1,1>=1 | 1,1>=1', 2)).toEqual(xorNetwork);
    expect(parseNetwork(' 0.5, −1 >= -0.5 ', 2)).toEqual([[{ weights: [0.5, -1], threshold: -0.5 }]]);
  });

  it('says what is wrong in a network and where (offset into the text)', () => {
    expect(parseNetwork('1,1', 2)).toMatchObject({ offset: 0, message: expect.stringContaining('weights>=threshold') });
    expect(parseNetwork('1,x>=2', 2)).toEqual({ offset: 2, message: '"x" is not a number' });
    expect(parseNetwork('1,1>=two', 2)).toMatchObject({ offset: 5, message: expect.stringContaining('"two"') });
    expect(parseNetwork('1,1,1>=2', 2)).toMatchObject({ offset: 0, message: expect.stringContaining('needs 2') });
    expect(parseNetwork('1,-1>=1; -1,1>=1 | 1>=1', 2)).toMatchObject({ offset: 19, message: expect.stringContaining('2 neurons in layer 1') });
    expect(parseNetwork('1,-1>=1; -1,1>=1', 2)).toMatchObject({ message: 'the last layer must be a single output neuron, not 2' });
    expect(parseNetwork('1,1>=1 |', 2)).toMatchObject({ offset: 8, message: expect.stringContaining('empty') });
  });

  it('reads gates and points, and says what is wrong', () => {
    expect(parseSamples('AND')).toEqual(gateSamples('and'));
    expect(parseSamples('0.5,1:1; 2,0.5:0')).toEqual([{ x: [0.5, 1], target: 1 }, { x: [2, 0.5], target: 0 }]);
    expect(parseSamples('xnor')).toMatchObject({ offset: 0, message: expect.stringContaining('unknown gate "xnor"') });
    expect(parseSamples('0,0:1; 1,1:2')).toMatchObject({ offset: 11, message: 'the target after : must be 0 or 1, not "2"' });
    expect(parseSamples('0,0:1; 1,1,1:0')).toMatchObject({ offset: 7, message: expect.stringContaining('two coordinates') });
    expect(parseSamples('0,0:1; 1,1:1')).toMatchObject({ message: expect.stringContaining('each target') });
    // Points that are not a gate train the same way and get a box around them.
    const points = parseSamples('0.5,1:1; 2,0.5:0; 1.5,2:1') as Sample[];
    const run = trainPerceptron(points, { rate: 0.5 });
    expect(run.converged).toBe(true);
    expect(points.map((p) => perceptronOutput(run.final, p.x))).toEqual([1, 0, 1]);
    expect(boxAround(points)).toEqual({ x: [-0.5, 2.5], y: [-0.5, 2.5] });
  });
});

describe('drawing geometry', () => {
  const box = boxAround(gateSamples('and'));
  it('puts the box half a unit around the unit square', () => {
    expect(box).toEqual({ x: [-0.5, 1.5], y: [-0.5, 1.5] });
  });
  it('clips the boundary line to the box and keeps the firing side', () => {
    // x + y - 1.5 = 0 crosses the box at (1.5, 0) and (0, 1.5); the firing part is the corner triangle.
    const { line, firing } = decisionRegion({ weights: [1, 1], bias: -1.5 }, box);
    expect(line).toEqual([[1.5, 0], [0, 1.5]]);
    expect(firing).toEqual([[1.5, 0], [1.5, 1.5], [0, 1.5]]);
  });
  it('has no line when the weights are zero: all or nothing fires', () => {
    expect(decisionRegion({ weights: [0, 0], bias: 0 }, box)).toEqual({ firing: [[-0.5, -0.5], [1.5, -0.5], [1.5, 1.5], [-0.5, 1.5]], line: null });
    expect(decisionRegion({ weights: [0, 0], bias: -1 }, box)).toEqual({ firing: [], line: null });
  });
});

describe('a widget from its attributes', () => {
  it('refuses what would hang the page, with the reason (the /author preview runs it as the author types)', () => {
    expect(perceptronWidget({ data: 'xor', epochs: '1e9' })).toEqual({ message: 'epochs must be a whole number from 1 to 500, not "1e9"', offset: 0 });
    expect(perceptronWidget({ data: 'xor', rate: 'Infinity' })).toMatchObject({ message: expect.stringContaining('rate must be a positive number') });
    const many = Array.from({ length: 201 }, (_, i) => `${i},0:${i % 2}`).join('; ');
    expect(perceptronWidget({ data: many })).toMatchObject({ message: 'at most 200 points, not 201' });
    expect(perceptronWidget({ data: 'and', layers: '1,1' })).toMatchObject({ message: expect.stringContaining('weights>=threshold') });
  });
});

describe('shading a network and random starts', () => {
  const box = boxAround(gateSamples('xor'));
  const area = (rects: { x: number[]; y: number[] }[]) => rects.reduce((sum, r) => sum + (r.x[1] - r.x[0]) * (r.y[1] - r.y[0]), 0);

  it('covers where the network fires: two corner triangles of area 0.5 each for the XOR network', () => {
    const rects = firingRectangles(xorNetwork, box, 100);
    expect(Math.abs(area(rects) - 1)).toBeLessThan(0.03);
    const covered = (px: number, py: number) => rects.some((r) => r.x[0] <= px && px <= r.x[1] && r.y[0] <= py && py <= r.y[1]);
    expect([covered(1, 0), covered(0, 1), covered(0, 0), covered(1, 1)]).toEqual([true, true, false, false]);
    // One rectangle per run of firing cells in a row, not one per cell.
    expect(rects.length).toBeLessThanOrEqual(2 * 100);
  });

  it('draws the same small random start for a seed, and AND still converges from it', () => {
    expect(randomPerceptron(7)).toEqual(randomPerceptron(7));
    expect(randomPerceptron(7)).not.toEqual(randomPerceptron(8));
    for (let seed = 1; seed <= 20; seed++) {
      const p = randomPerceptron(seed);
      for (const v of [...p.weights, p.bias]) {
        expect(Math.abs(v)).toBeLessThanOrEqual(1);
        expect(Math.round(v * 10) / 10).toBe(v);
      }
      const widget = perceptronWidget({ data: 'and', init: 'random', seed: String(seed), epochs: '100' });
      if ('message' in widget) throw new Error(widget.message);
      expect(widget.init).toEqual(p);
      expect(widget.run!.converged).toBe(true);
    }
  });
});
