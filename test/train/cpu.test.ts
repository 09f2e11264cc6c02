// The CPU backend is the reference every GPU kernel is checked against, so it is checked
// itself: gradients against finite differences, optimizer updates against hand-derived values,
// and a real training run on the held-out digits.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/lib/train/cpu/backend.ts';
import { defaultNetwork, layersOf, type MlpSpec } from '../../src/lib/train/network.ts';
import { optimizerConfig, type OptimizerName } from '../../src/lib/train/optimizers.ts';
import { initialState } from '../../src/lib/train/init.ts';
import { Random } from '../../src/lib/core/random.ts';
import { Trainer } from '../../src/lib/train/trainer.ts';
import { limitTraining, type ImageSet } from '../../src/lib/train/data/dataset.ts';
import { loadDataset } from '../../src/lib/train/node/datasets.ts';
import type { ModelState, TrainingSetup } from '../../src/lib/train/backend.ts';
import { freshSeed, relativeError } from './helpers.ts';

function randomImages(random: Random, count: number, rows: number, cols: number, classes: number): ImageSet {
  return {
    count,
    rows,
    cols,
    pixels: Uint8Array.from({ length: count * rows * cols }, () => Math.floor(random.next() * 256)),
    labels: Uint8Array.from({ length: count }, () => Math.floor(random.next() * classes))
  };
}

function setupFor(network: MlpSpec, optimizer: OptimizerName, lr: number, batchSize: number): TrainingSetup {
  return {
    network,
    optimizer: optimizerConfig(optimizer, { learningRate: lr }),
    batchSize,
    seed: 7,
    scaling: { min: 0, max: 255 },
    classes: network.sizes[network.sizes.length - 1]
  };
}

/**
 * An independent float64 forward pass and loss, written plainly for the test: the numeric
 * gradient comes from it, so a mistake shared by both twins cannot hide.
 */
function referenceLoss(network: MlpSpec, params: Float64Array[], images: ImageSet): number {
  const act = (name: string, z: number) =>
    name === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : name === 'tanh' ? Math.tanh(z) : name === 'relu' ? Math.max(z, 0) : z;
  const features = images.rows * images.cols;
  let total = 0;
  for (let n = 0; n < images.count; n++) {
    let a = Array.from(images.pixels.subarray(n * features, (n + 1) * features), (p) => p / 255);
    params.forEach((p, l) => {
      const inputs = network.sizes[l];
      const outputs = network.sizes[l + 1];
      const last = l === params.length - 1;
      const z = Array.from({ length: outputs }, (_, j) => {
        let sum = p[inputs * outputs + j];
        for (let k = 0; k < inputs; k++) sum += a[k] * p[k * outputs + j];
        return sum;
      });
      a = last ? z : z.map((v) => act(network.hidden, v));
    });
    const label = images.labels[n];
    const y = a.map((_, c) => (c === label ? 1 : 0));
    let p = a;
    if (network.output === 'softmax') {
      const max = Math.max(...a);
      const e = a.map((v) => Math.exp(v - max));
      const s = e.reduce((x, v) => x + v, 0);
      p = e.map((v) => v / s);
    } else if (network.output === 'sigmoid') p = a.map((v) => 1 / (1 + Math.exp(-v)));
    if (network.loss === 'cross_entropy') total += -Math.log(p[label]);
    else if (network.loss === 'bce') total += -p.reduce((s, v, c) => s + y[c] * Math.log(v) + (1 - y[c]) * Math.log(1 - v), 0) / p.length;
    else total += p.reduce((s, v, c) => s + (v - y[c]) ** 2, 0) / p.length;
  }
  return total / images.count;
}

describe('CPU backprop', () => {
  const cases: Partial<MlpSpec>[] = [
    { hidden: 'sigmoid', output: 'softmax', loss: 'cross_entropy' },
    { hidden: 'relu', output: 'softmax', loss: 'cross_entropy' },
    { hidden: 'tanh', output: 'sigmoid', loss: 'bce' },
    { hidden: 'sigmoid', output: 'softmax', loss: 'mse' },
    { hidden: 'tanh', output: 'sigmoid', loss: 'mse' },
    { hidden: 'linear', output: 'linear', loss: 'mse' }
  ];
  for (const overrides of cases) {
    it(`matches float64 finite differences: ${overrides.hidden} hidden, ${overrides.output} output, ${overrides.loss}`, async () => {
      const seed = freshSeed();
      const random = new Random(seed);
      const network = defaultNetwork([12, 5, 4, 3], { ...overrides, init: 'xavier' });
      const images = randomImages(random, 6, 3, 4, 3);
      const setup = setupFor(network, 'sgd', 1, images.count);
      const start = initialState(layersOf(network), setup.optimizer, seed, 'xavier');
      // Biases start at 0; when every relu feeding a unit is off, that unit sits exactly on its kink,
      // where a central difference averages the two slopes. Nudge every param off such ties.
      for (const p of start.params) for (let i = 0; i < p.length; i++) p[i] += random.uniform(-0.05, 0.05);

      // One SGD step with learning rate 1 leaves w − g: the analytic gradient.
      const backend = new CpuBackend(setup, start);
      backend.setTrainingSet(images);
      backend.setOrder(Uint32Array.from({ length: images.count }, (_, i) => i));
      backend.trainBatch(0, images.count);
      const after = await backend.exportState();

      const params = start.params.map((p) => Float64Array.from(p));
      const analytic: number[] = [];
      const numeric: number[] = [];
      const h = 1e-6;
      for (let l = 0; l < params.length; l++) {
        for (let i = 0; i < params[l].length; i++) {
          const w = params[l][i];
          params[l][i] = w + h;
          const plus = referenceLoss(network, params, images);
          params[l][i] = w - h;
          const minus = referenceLoss(network, params, images);
          params[l][i] = w;
          numeric.push((plus - minus) / (2 * h));
          analytic.push(start.params[l][i] - after.params[l][i]);
        }
      }
      expect(relativeError(analytic, numeric), `seed ${seed}`).toBeLessThan(2e-3);
    });
  }
});

describe('optimizers (Keras defaults)', () => {
  /** Two updates of a 1-input, 1-output layer whose gradient is fixed by a linear output and MSE. */
  async function twoSteps(name: OptimizerName, extra: { l1?: number; l2?: number } = {}) {
    const network = defaultNetwork([1, 1], { output: 'linear', loss: 'mse' });
    const setup: TrainingSetup = { ...setupFor(network, name, 0.1, 1), optimizer: optimizerConfig(name, { learningRate: 0.1, ...extra }) };
    // One image whose pixel is 0: z = b, so dloss/db = 2(b − 1) while dloss/dw = 0 (only penalties move w).
    const image: ImageSet = { count: 1, rows: 1, cols: 1, pixels: Uint8Array.from([0]), labels: Uint8Array.from([0]) };
    const state: ModelState = { params: [Float32Array.from([0.5, 0])], slots: [[]], step: 0 };
    const slots = name === 'sgd' ? 0 : name === 'adam' ? 2 : 1;
    state.slots[0] = Array.from({ length: slots }, () => new Float32Array(2).fill(name === 'adagrad' ? 0.1 : 0));
    const backend = new CpuBackend(setup, state);
    backend.setTrainingSet(image);
    backend.setOrder(Uint32Array.from([0]));
    const biases: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < 2; i++) {
      backend.trainBatch(0, 1);
      const s = await backend.exportState();
      weights.push(s.params[0][0]);
      biases.push(s.params[0][1]);
    }
    return { weights, biases };
  }

  it('SGD: b ← b − η·2(b − 1)', async () => {
    const { biases } = await twoSteps('sgd');
    expect(biases[0]).toBeCloseTo(0.2, 6);
    expect(biases[1]).toBeCloseTo(0.2 + 0.1 * 2 * 0.8, 6);
  });

  it('momentum 0.9 and Nesterov', async () => {
    // momentum: v1 = −η g0 = 0.2, b1 = 0.2; g1 = −1.6, v2 = 0.18 + 0.16 = 0.34, b2 = 0.54
    expect((await twoSteps('momentum')).biases).toEqual([expect.closeTo(0.2, 6), expect.closeTo(0.54, 6)]);
    // nesterov: v1 = 0.2, b1 = 0.9·0.2 + 0.2 = 0.38; g1 = −1.24, v2 = 0.18 + 0.124 = 0.304,
    // b2 = 0.38 + 0.9·0.304 + 0.124 = 0.7776
    expect((await twoSteps('nesterov')).biases).toEqual([expect.closeTo(0.38, 6), expect.closeTo(0.7776, 5)]);
  });

  it('Adagrad (accumulator from 0.1), RMSprop (ρ = 0.9) and Adam (first step ≈ η)', async () => {
    expect((await twoSteps('adagrad')).biases[0]).toBeCloseTo((0.1 * 2) / Math.sqrt(0.1 + 4 + 1e-7), 6);
    expect((await twoSteps('rmsprop')).biases[0]).toBeCloseTo((0.1 * 2) / Math.sqrt(0.1 * 4 + 1e-7), 5);
    const adam = await twoSteps('adam');
    expect(adam.biases[0]).toBeCloseTo(0.1, 5);
    // second step: m = 0.1·(−2)·0.9 + 0.1·(−1.8)… computed with the bias-corrected step size
    const g1 = -2 * (0.1 - 1);
    const m = 0.9 * 0.1 * 2 + 0.1 * g1;
    const v = 0.999 * 0.001 * 4 + 0.001 * g1 * g1;
    const alpha = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
    expect(adam.biases[1]).toBeCloseTo(0.1 + (alpha * m) / (Math.sqrt(v) + 1e-7), 5);
  });

  it('L2 and L1 pull the weights (never the biases) towards zero', async () => {
    const plain = await twoSteps('sgd');
    expect(plain.weights[0]).toBe(0.5);
    const l2 = await twoSteps('sgd', { l2: 0.5 });
    expect(l2.weights[0]).toBeCloseTo(0.5 - 0.1 * 2 * 0.5 * 0.5, 6);
    expect(l2.biases).toEqual(plain.biases);
    const l1 = await twoSteps('sgd', { l1: 0.3 });
    expect(l1.weights).toEqual([expect.closeTo(0.47, 6), expect.closeTo(0.44, 6)]);
  });
});

describe('training on the CPU', () => {
  const mnist = loadDataset('mnist10k');

  it('a short seeded run reaches ≥ 90% on the held-out test digits', async () => {
    const trainer = new Trainer(mnist, {
      network: defaultNetwork([784, 128, 10]),
      optimizer: optimizerConfig('adam'),
      batchSize: 64,
      epochs: 3,
      seed: 1
    });
    const result = await trainer.run();
    expect(result.status).toBe('completed');
    expect(result.epochs.map((e) => e.validationAccuracy)[2]).toBeGreaterThan(result.epochs[0].validationAccuracy - 0.01);
    expect(result.test!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.test!.count).toBe(1000);
  });

  it('stops a diverging run and names the learning rate', async () => {
    // Mean squared error on a linear output grows geometrically once the step is too large.
    const trainer = new Trainer(limitTraining(mnist, 2000), {
      network: defaultNetwork([784, 64, 10], { output: 'linear', loss: 'mse' }),
      optimizer: optimizerConfig('sgd', { learningRate: 100 }),
      batchSize: 32,
      epochs: 3,
      seed: 3,
      readbackEvery: 5
    });
    const result = await trainer.run();
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/learning rate \(100 with sgd\) is most likely too high/);
  });

  it('early stopping keeps the weights of the best validation epoch', async () => {
    const trainer = new Trainer(limitTraining(mnist, 300), {
      network: defaultNetwork([784, 256, 10]),
      optimizer: optimizerConfig('adam', { learningRate: 0.01 }),
      batchSize: 16,
      epochs: 40,
      seed: 5,
      patience: 2
    });
    const result = await trainer.run();
    expect(result.status).toBe('early-stopped');
    const losses = result.epochs.map((e) => e.validationLoss);
    expect(result.keptEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(result.epochs.length).toBe(result.keptEpoch + 2);
    const now = await trainer.evaluate(mnist.validation);
    expect(now.loss).toBeCloseTo(Math.min(...losses), 5);
  });

  it('pauses, resumes and stops between batches', async () => {
    const seen: number[] = [];
    let trainer: Trainer;
    trainer = new Trainer(limitTraining(mnist, 1000), { network: defaultNetwork([784, 32, 10]), optimizer: optimizerConfig('adam'), batchSize: 50, epochs: 3, seed: 6, readbackEvery: 2 }, {
      progress: (p) => {
        seen.push(p.batch + (p.epoch - 1) * p.batches);
        if (seen.length === 3) {
          trainer.pause();
          setTimeout(() => {
            expect(trainer.isPaused).toBe(true);
            expect(seen).toHaveLength(3); // nothing ran while paused
            trainer.resume();
          }, 50);
        }
        if (seen.length === 6) trainer.stop();
      }
    });
    const result = await trainer.run();
    expect(seen).toEqual([2, 4, 6, 8, 10, 12]);
    expect(result.status).toBe('stopped');
    expect(result.message).toBe('stopped during epoch 1');
    expect(result.test!.count).toBe(1000);
  });
});
