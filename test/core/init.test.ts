// Initialization through the graph engine: the 2-2-1 network's first step written out by hand here
// (not read from the module), two hidden units that stay identical from an equal start and drift
// apart from a random one, the variance of each scheme's draws, the spread of activations and
// gradients in a 10-layer network per scheme, and the chain of sigmoids against 0.25 per layer.
import { describe, expect, it } from 'vitest';
import { DeepNetwork, INIT_RULES, INIT_SCHEMES, SIGMOID_SLOPE_MAX, drawWeights, sigmoidChain, symmetryRun, TINY_INPUT, TINY_TARGET, EQUAL_WEIGHT } from '../../src/lib/core/init.ts';
import { initialParameters } from '../../src/lib/train/init.ts';
import { Random } from '../../src/lib/core/random.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('symmetry of the 2-2-1 network', () => {
  it('one step from the equal start matches backpropagation written out by hand', () => {
    const [x1, x2] = TINY_INPUT;
    const [y] = TINY_TARGET;
    const w = EQUAL_WEIGHT;
    const lr = 0.5;
    const z = w * x1 + w * x2;
    const a = sigmoid(z);
    const yhat = sigmoid(w * a + w * a);
    const dz2 = (yhat - y) * yhat * (1 - yhat);
    const dz1 = dz2 * w * a * (1 - a);
    const run = symmetryRun('equal', 1, 7, lr);
    const after = run.steps[1].units;
    for (const unit of after) {
      expect(relative(unit.incoming[0], w - lr * dz1 * x1)).toBeLessThan(1e-12);
      expect(relative(unit.incoming[1], w - lr * dz1 * x2)).toBeLessThan(1e-12);
      expect(relative(unit.bias, -lr * dz1)).toBeLessThan(1e-12);
      expect(relative(unit.outgoing, w - lr * dz2 * a)).toBeLessThan(1e-12);
    }
    expect(relative(run.steps[0].loss, 0.5 * (y - yhat) ** 2)).toBeLessThan(1e-12);
  });

  it('from equal weights the two hidden units are identical after every one of 200 steps while the loss falls', () => {
    const run = symmetryRun('equal', 200);
    expect(run.steps).toHaveLength(201);
    for (const s of run.steps) expect(s.difference).toBe(0);
    expect(run.steps[200].loss).toBeLessThan(run.steps[0].loss / 10);
    // The weights did move: the units learned, just the same thing.
    expect(Math.abs(run.steps[200].units[0].incoming[0] - EQUAL_WEIGHT)).toBeGreaterThan(0.01);
  });

  it('from a random start the units differ, and the seed decides the start', () => {
    const run = symmetryRun('random', 50, 7);
    expect(run.steps[0].difference).toBeGreaterThan(0.1);
    expect(run.steps[50].difference).toBeGreaterThan(0.1);
    expect(symmetryRun('random', 0, 7).steps[0]).toEqual(run.steps[0]);
    expect(symmetryRun('random', 0, 8).steps[0]).not.toEqual(run.steps[0]);
  });
});

describe('the initialization table', () => {
  it('each scheme draws with its stated variance (20,000 draws, within 5%)', () => {
    for (const scheme of INIT_SCHEMES) {
      const draws = drawWeights(scheme, 200, 100, new Random(3)).flat();
      const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
      const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length;
      expect(relative(variance, INIT_RULES[scheme].variance(200, 100)), scheme).toBeLessThan(0.05);
    }
    expect(INIT_RULES.xavier.variance(784, 256)).toBeCloseTo(2 / 1040, 15);
    expect(INIT_RULES.he.variance(256, 10)).toBeCloseTo(2 / 256, 15);
  });

  it("the trainer's He and Xavier weights are the table's draws from the same seed", () => {
    const layers = [
      { inputs: 5, outputs: 3, activation: 'relu' },
      { inputs: 3, outputs: 2, activation: 'tanh' }
    ] as Parameters<typeof initialParameters>[0];
    const params = initialParameters(layers, 11, 'auto');
    const random = new Random(11);
    const he = drawWeights('he', 5, 3, random).flat();
    const again = new Random(11);
    // The trainer draws layer after layer from one generator: replay it with the table's rules.
    const expected = [
      Array.from({ length: 15 }, () => INIT_RULES.he.draw(5, 3, again)),
      Array.from({ length: 6 }, () => INIT_RULES.xavier.draw(3, 2, again))
    ];
    expect(Array.from(params[0].slice(0, 15))).toEqual(expected[0].map(Math.fround));
    expect(Array.from(params[1].slice(0, 6))).toEqual(expected[1].map(Math.fround));
    expect(he.map(Math.fround)).toEqual(expected[0].map(Math.fround));
  });
});

describe('spread of a 10-layer network per initialization', () => {
  const tanh = new DeepNetwork('tanh');
  const relu = new DeepNetwork('relu');
  const ratio = (xs: number[]) => Math.max(...xs) / Math.min(...xs);

  it('the activations are the forward pass written out by hand on the drawn weights', () => {
    const weights = tanh.weights('xavier', 1);
    const spread = tanh.measure('xavier', 1);
    let a = tanh.network.inputs.map((x) => tanh.graph.spec.inputs[x]);
    for (const layer of tanh.network.layers) a = layer.weights.map((row) => Math.tanh(row.reduce((s, name, k) => s + weights[name] * a[k], 0)));
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length);
    expect(relative(spread[9].activation, sd)).toBeLessThan(1e-12);
  });

  it('Xavier on tanh and He on ReLU keep both spreads within a factor of 10 across the ten layers', () => {
    for (const spread of [tanh.measure('xavier'), relu.measure('he')]) {
      expect(spread).toHaveLength(10);
      expect(ratio(spread.map((l) => l.activation))).toBeLessThan(10);
      expect(ratio(spread.map((l) => l.gradient))).toBeLessThan(10);
    }
  });

  it('small weights make activations and gradients vanish; large ones saturate tanh and explode ReLU', () => {
    const small = tanh.measure('small');
    expect(small[9].activation).toBeLessThan(1e-9);
    expect(small[0].gradient / small[9].gradient).toBeLessThan(1e-6);
    const saturated = tanh.measure('large');
    for (const l of saturated) expect(l.activation).toBeGreaterThan(0.8);
    const exploding = relu.measure('large');
    expect(exploding[9].activation / exploding[0].activation).toBeGreaterThan(1e4);
    expect(exploding[0].gradient / exploding[9].gradient).toBeGreaterThan(1e4);
  });
});

describe('a chain of sigmoids', () => {
  it('∂C/∂z⁽ˡ⁾ is the product of the slopes above it, and never more than 0.25 per layer', () => {
    const chain = sigmoidChain(10, 1, 1);
    let a = 1;
    const slopes: number[] = [];
    for (let l = 0; l < 10; l++) {
      a = sigmoid(a);
      slopes.push(a * (1 - a));
    }
    chain.forEach((layer, i) => {
      const product = slopes.slice(i).reduce((p, s) => p * s, 1);
      expect(relative(layer.gradient, product)).toBeLessThan(1e-12);
      expect(layer.gradient).toBeLessThanOrEqual(layer.bound);
      if (i < 9) expect(layer.gradient / chain[i + 1].gradient).toBeLessThanOrEqual(SIGMOID_SLOPE_MAX);
    });
    expect(chain[0].bound).toBe(0.25 ** 10);
  });
});
