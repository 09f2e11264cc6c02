// The forward trace a lesson shows ("watch one digit go forward") must be the network the trainer
// runs: its hidden activations match an independent float64 pass, its probabilities match the CPU
// backend's, and the untrained weights it shows are the ones training starts from.
import { describe, expect, it } from 'vitest';
import { traceForward, startingParameters } from '../../src/lib/train/forward-trace.ts';
import { defaultNetwork, layersOf } from '../../src/lib/train/network.ts';
import { initialState } from '../../src/lib/train/init.ts';
import { optimizerConfig } from '../../src/lib/train/optimizers.ts';
import { CpuBackend } from '../../src/lib/train/cpu/backend.ts';
import { Random } from '../../src/lib/core/random.ts';
import { freshSeed, relativeError } from './helpers.ts';

describe('traceForward', () => {
  const seed = freshSeed();
  const random = new Random(seed);
  const network = defaultNetwork([784, 16, 16, 10], { hidden: random.next() < 0.5 ? 'relu' : 'tanh', dropout: 0.5 });
  const params = startingParameters(network, seed);
  // Non-zero biases, so a wrong bias index shows.
  for (const [l, layer] of layersOf(network).entries()) {
    for (let j = 0; j < layer.outputs; j++) params[l][layer.inputs * layer.outputs + j] = random.uniform(-0.5, 0.5);
  }
  const scaling = { min: 0, max: 255 };
  const images = Array.from({ length: 4 }, () => Uint8Array.from({ length: 784 }, () => (random.next() < 0.7 ? 0 : Math.floor(random.next() * 256))));

  it(`matches an independent float64 forward pass (seed ${seed}, ${network.hidden})`, () => {
    const act = (z: number) => (network.hidden === 'relu' ? Math.max(z, 0) : Math.tanh(z));
    for (const pixels of images) {
      const trace = traceForward(network, params, scaling, pixels);
      let a = Array.from(pixels, (p) => p / 255);
      layersOf(network).forEach((layer, l) => {
        // float32 sums of up to 784 terms: errors are judged against the size of the terms added.
        const magnitudes = new Array<number>(layer.outputs).fill(0);
        const z = Array.from({ length: layer.outputs }, (_, j) => {
          let sum = params[l][layer.inputs * layer.outputs + j];
          magnitudes[j] = Math.abs(sum);
          for (let k = 0; k < layer.inputs; k++) {
            sum += a[k] * params[l][k * layer.outputs + j];
            magnitudes[j] += Math.abs(a[k] * params[l][k * layer.outputs + j]);
          }
          return sum;
        });
        a = l === 2 ? z : z.map(act);
        expect(relativeError(trace.layers[l], a, magnitudes)).toBeLessThan(2e-5);
      });
      const max = Math.max(...a);
      const exp = a.map((z) => Math.exp(z - max));
      const total = exp.reduce((s, v) => s + v);
      expect(relativeError(trace.probabilities, exp.map((v) => v / total))).toBeLessThan(1e-4);
      expect(trace.predicted).toBe(a.indexOf(max));
    }
  });

  it('gives the probabilities the CPU backend predicts with (dropout off)', async () => {
    const setup = { network, optimizer: optimizerConfig('sgd'), batchSize: 4, seed, scaling, classes: 10 };
    const backend = new CpuBackend(setup, { params, slots: params.map(() => []), step: 0 });
    const pixels = new Uint8Array(784 * images.length);
    images.forEach((image, i) => pixels.set(image, i * 784));
    const evaluation = await backend.evaluate({ count: images.length, rows: 28, cols: 28, pixels, labels: new Uint8Array(images.length) }, { probabilities: true });
    images.forEach((image, i) => {
      const trace = traceForward(network, params, scaling, image);
      expect(Array.from(trace.probabilities)).toEqual(Array.from(evaluation.probabilities!.subarray(i * 10, i * 10 + 10)));
      expect(trace.predicted).toBe(evaluation.predictions[i]);
    });
  });

  it('starts from the weights the trainer draws for the same seed', () => {
    const drawn = initialState(layersOf(network), optimizerConfig('adam'), seed, network.init).params;
    expect(startingParameters(network, seed)).toEqual(drawn);
    expect(startingParameters(network, seed + 1)).not.toEqual(drawn);
  });

  it('says when the weights or the image do not fit the network', () => {
    expect(() => traceForward(network, params.slice(1), scaling, images[0])).toThrow(/3 layers/);
    expect(() => traceForward(network, params, scaling, new Uint8Array(100))).toThrow(/784 inputs/);
  });
});
