// Every WebGPU kernel against its CPU twin, on fresh random inputs of awkward sizes (never
// multiples of the 4×4 tiles or of the workgroups), relative error ≤ 1e-5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/lib/core/random.ts';
import { dropoutDraw } from '../../src/lib/train/dropout.ts';
import { optimizerConfig, OPTIMIZER_NAMES, slotCount, initialSlotValue, stepSize } from '../../src/lib/train/optimizers.ts';
import type { GpuDevice } from '../../src/lib/train/webgpu/device.ts';
import { tileWorkgroup } from '../../src/lib/train/webgpu/device.ts';
import { packStep } from '../../src/lib/train/webgpu/step-uniform.ts';
import { GatherBatchKernel, packPixels } from '../../src/lib/train/webgpu/gather-batch.ts';
import { DenseForwardKernel } from '../../src/lib/train/webgpu/dense-forward.ts';
import { DenseBackwardInputKernel } from '../../src/lib/train/webgpu/dense-backward-input.ts';
import { DenseBackwardWeightsKernel } from '../../src/lib/train/webgpu/dense-backward-weights.ts';
import { OutputLossKernel } from '../../src/lib/train/webgpu/output-loss.ts';
import { OptimizerStepKernel } from '../../src/lib/train/webgpu/optimizer-step.ts';
import { gatherBatch, scalingFactors } from '../../src/lib/train/cpu/gather-batch.ts';
import { denseForward } from '../../src/lib/train/cpu/dense-forward.ts';
import { denseBackwardInput } from '../../src/lib/train/cpu/dense-backward-input.ts';
import { denseBackwardWeights } from '../../src/lib/train/cpu/dense-backward-weights.ts';
import { outputLoss, LOSS_MODE } from '../../src/lib/train/cpu/output-loss.ts';
import { optimizerStep } from '../../src/lib/train/cpu/optimizer-step.ts';
import { sparseRows } from '../../src/lib/train/cpu/sparse-rows.ts';
import { sparseColumns } from '../../src/lib/train/cpu/sparse-columns.ts';
import { SparseRowsKernel } from '../../src/lib/train/webgpu/sparse-rows.ts';
import { SparseColumnsKernel } from '../../src/lib/train/webgpu/sparse-columns.ts';
import { SparseForwardKernel } from '../../src/lib/train/webgpu/sparse-forward.ts';
import { SparseBackwardWeightsKernel } from '../../src/lib/train/webgpu/sparse-backward-weights.ts';
import { freshSeed, randomFloats, relativeError } from './helpers.ts';
import { KernelBench, openTestDevice } from './gpu.ts';

const TOLERANCE = 1e-5;
let gpu: GpuDevice;
let bench: KernelBench;

beforeAll(async () => {
  gpu = await openTestDevice();
  bench = new KernelBench(gpu.device);
});
afterAll(() => {
  bench?.release();
  gpu?.device.destroy();
});

/** A training step uniform for `rows` rows, with a random dropout seed word for every layer. */
function trainingStep(random: Random, rows: number, batchStart = 0, stepSizeValue = 0) {
  const seeds = Array.from({ length: 4 }, () => random.nextUint32());
  return { seeds, bytes: packStep({ rows, batchStart, training: true, layerCount: 4, stepSize: stepSizeValue, seeds }) };
}

describe('gather-batch', () => {
  it('picks, unpacks and scales the images of a batch', async () => {
    const seed = freshSeed();
    const random = new Random(seed);
    const [count, features, rows, batchStart] = [23, 35, 9, 5];
    const pixels = Uint8Array.from({ length: count * features }, () => Math.floor(random.next() * 256));
    const labels = Uint8Array.from({ length: count }, () => Math.floor(random.next() * 10));
    const order = random.permutation(count);
    const scaling = scalingFactors(3, 250);
    const kernel = await GatherBatchKernel.create(gpu.device);
    const x = bench.storage(rows * features);
    const batchLabels = bench.storage(rows);
    const group = kernel.bind(gpu.device, {
      step: bench.uniform(packStep({ rows, batchStart, training: true, layerCount: 1, stepSize: 0, seeds: [] })),
      gather: bench.uniform(GatherBatchKernel.uniform(features, scaling.min, scaling.inverseRange)),
      pixels: bench.storage(packPixels(pixels, count, features)),
      labels: bench.storage(Uint32Array.from(labels)),
      order: bench.storage(order),
      x,
      batchLabels
    });
    await bench.run((pass) => kernel.encode(pass, group, rows, features));
    const expectedX = new Float32Array(rows * features);
    const expectedLabels = new Uint32Array(rows);
    gatherBatch(pixels, labels, features, order, batchStart, rows, scaling, expectedX, expectedLabels);
    expect(relativeError(await bench.floats(x, rows * features), expectedX), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
    expect(Array.from(await bench.uints(batchLabels, rows))).toEqual(Array.from(expectedLabels));
  });
});

describe('dense-forward', () => {
  const activations = [0, 1, 2, 3, 4];
  for (const activation of activations) {
    for (const rate of [0, 0.3]) {
      it(`activation ${activation}, dropout ${rate}`, async () => {
        const seed = freshSeed();
        const random = new Random(seed);
        const [rows, inputs, outputs] = [37, 53, 19];
        const x = randomFloats(random, rows * inputs, 0, 1, 0.6);
        const params = randomFloats(random, (inputs + 1) * outputs, -0.4, 0.4);
        const step = trainingStep(random, rows);
        const kernel = await DenseForwardKernel.create(gpu.device, activation, tileWorkgroup(gpu.device));
        const out = bench.storage(rows * outputs);
        const group = kernel.bind(gpu.device, {
          step: bench.uniform(step.bytes),
          layer: bench.uniform(DenseForwardKernel.uniform(inputs, outputs, 2, rate)),
          x: bench.storage(x),
          params: bench.storage(params),
          out
        });
        await bench.run((pass) => kernel.encode(pass, group, rows, outputs));
        const expected = new Float32Array(rows * outputs);
        const draw = dropoutDraw(rate, 0, 0, 0);
        if (draw) draw.seedWord = step.seeds[2];
        denseForward(x, params, expected, rows, inputs, outputs, activation, draw);
        expect(relativeError(await bench.floats(out, rows * outputs), expected), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  }
});

describe('dense-backward-input', () => {
  for (const previousActivation of [0, 1, 2, 3, 4]) {
    for (const rate of [0, 0.5]) {
      it(`activation below ${previousActivation}, dropout below ${rate}`, async () => {
        const seed = freshSeed();
        const random = new Random(seed);
        const [rows, inputs, outputs] = [37, 29, 23];
        const dz = randomFloats(random, rows * outputs, -1, 1);
        const params = randomFloats(random, (inputs + 1) * outputs, -0.5, 0.5);
        // A plausible output of the layer below: in (0, 1) for sigmoid, (−1, 1) for tanh, scaled up by dropout.
        const low = previousActivation === 3 || previousActivation === 1 ? 0 : -1;
        const previousOutput = randomFloats(random, rows * inputs, low, 1, previousActivation === 1 ? 0.3 : 0);
        const step = trainingStep(random, rows);
        const kernel = await DenseBackwardInputKernel.create(gpu.device, previousActivation, tileWorkgroup(gpu.device));
        const dPrevious = bench.storage(rows * inputs);
        const group = kernel.bind(gpu.device, {
          step: bench.uniform(step.bytes),
          layer: bench.uniform(DenseBackwardInputKernel.uniform(inputs, outputs, 1, rate)),
          dz: bench.storage(dz),
          params: bench.storage(params),
          previousOutput: bench.storage(previousOutput),
          dPrevious
        });
        await bench.run((pass) => kernel.encode(pass, group, rows, inputs));
        const expected = new Float32Array(rows * inputs);
        const draw = dropoutDraw(rate, 0, 0, 0);
        if (draw) draw.seedWord = step.seeds[1];
        denseBackwardInput(dz, params, previousOutput, expected, rows, inputs, outputs, previousActivation, draw);
        expect(relativeError(await bench.floats(dPrevious, rows * inputs), expected), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  }
});

describe('dense-backward-weights', () => {
  for (const [rows, inputs, outputs] of [[37, 53, 19], [5, 130, 10], [131, 7, 3]]) {
    it(`${rows} rows, ${inputs} → ${outputs}`, async () => {
      const seed = freshSeed();
      const random = new Random(seed);
      const x = randomFloats(random, rows * inputs, 0, 1, 0.5);
      const dz = randomFloats(random, rows * outputs, -0.1, 0.1);
      const kernel = await DenseBackwardWeightsKernel.create(gpu.device, tileWorkgroup(gpu.device));
      const grads = bench.storage((inputs + 1) * outputs);
      const group = kernel.bind(gpu.device, {
        step: bench.uniform(trainingStep(random, rows).bytes),
        layer: bench.uniform(DenseBackwardWeightsKernel.uniform(inputs, outputs)),
        x: bench.storage(x),
        dz: bench.storage(dz),
        grads
      });
      await bench.run((pass) => kernel.encode(pass, group, inputs, outputs));
      const expected = new Float32Array((inputs + 1) * outputs);
      denseBackwardWeights(x, dz, expected, rows, inputs, outputs);
      expect(relativeError(await bench.floats(grads, expected.length), expected), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
    });
  }
});

describe('output-loss', () => {
  const combinations = [
    { loss: 0, output: 0, name: 'softmax cross-entropy' },
    { loss: 1, output: 1, name: 'sigmoid binary cross-entropy' },
    { loss: 2, output: 0, name: 'softmax mse' },
    { loss: 2, output: 1, name: 'sigmoid mse' },
    { loss: 2, output: 2, name: 'linear mse' }
  ];
  for (const { loss, output, name } of combinations) {
    for (const mode of [LOSS_MODE.train, LOSS_MODE.evaluate]) {
      it(`${name}, ${mode === LOSS_MODE.train ? 'gradient' : 'probabilities'}`, async () => {
        const seed = freshSeed();
        const random = new Random(seed);
        const [rows, classes, batchStart] = [150, 7, 11];
        const z = randomFloats(random, rows * classes, -4, 4);
        const labels = Uint32Array.from({ length: rows }, () => Math.floor(random.next() * classes));
        const initialMetrics = Float32Array.from([1.5, 2, 3, 0]);
        const kernel = await OutputLossKernel.create(gpu.device, loss, output, 64);
        const out = bench.storage(rows * classes);
        const predictions = bench.storage(batchStart + rows);
        const metrics = bench.storage(initialMetrics);
        const group = kernel.bind(gpu.device, {
          step: bench.uniform(packStep({ rows, batchStart, training: mode === LOSS_MODE.train, layerCount: 1, stepSize: 0, seeds: [] })),
          layer: bench.uniform(OutputLossKernel.uniform(classes)),
          z: bench.storage(z),
          labels: bench.storage(labels),
          out,
          predictions,
          metrics
        });
        await bench.run((pass) => kernel.encode(pass, group));
        const expectedOut = new Float32Array(rows * classes);
        const expectedPredictions = new Uint32Array(batchStart + rows);
        const expectedMetrics = initialMetrics.slice();
        const scale = Math.fround(1 / rows);
        outputLoss(z, labels, expectedOut, mode === LOSS_MODE.evaluate ? expectedPredictions : null, batchStart, expectedMetrics, rows, classes, loss, output, mode, scale);
        // Softmax with mean squared error computes p·(g − Σ g·p), which cancels for some classes;
        // there the error is measured against p·(|g| + |Σ g·p|), the size of what was subtracted.
        const magnitudes = loss === 2 && output === 0 && mode === LOSS_MODE.train ? mseSoftmaxMagnitudes(z, labels, rows, classes, scale) : expectedOut;
        expect(relativeError(await bench.floats(out, rows * classes), expectedOut, magnitudes), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
        expect(relativeError(await bench.floats(metrics, 3), expectedMetrics.subarray(0, 3)), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
        if (mode === LOSS_MODE.evaluate) {
          expect(Array.from(await bench.uints(predictions, batchStart + rows))).toEqual(Array.from(expectedPredictions));
        }
      });
    }
  }
});

function mseSoftmaxMagnitudes(z: Float32Array, labels: Uint32Array, rows: number, classes: number, scale: number): Float64Array {
  const magnitudes = new Float64Array(rows * classes);
  for (let i = 0; i < rows; i++) {
    const row = Array.from(z.subarray(i * classes, (i + 1) * classes));
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    const p = e.map((v) => v / sum);
    const g = p.map((v, c) => (2 * (v - (c === labels[i] ? 1 : 0))) / classes);
    const gp = g.reduce((a, v, c) => a + v * p[c], 0);
    for (let c = 0; c < classes; c++) magnitudes[i * classes + c] = p[c] * (Math.abs(g[c]) + Math.abs(gp)) * scale;
  }
  return magnitudes;
}

describe('optimizer-step', () => {
  for (const name of OPTIMIZER_NAMES) {
    it(`${name} with L1 and L2`, async () => {
      const seed = freshSeed();
      const random = new Random(seed);
      const [count, weightCount] = [1037, 901];
      const config = optimizerConfig(name, { l1: 1e-3, l2: 1e-2 });
      const t = 3;
      const size = Math.fround(stepSize(config, t));
      const params = randomFloats(random, count, -0.5, 0.5);
      const grads = randomFloats(random, count, -0.2, 0.2);
      const slots = Array.from({ length: slotCount(name) }, (_, s) =>
        randomFloats(random, count, s === 0 && name !== 'adagrad' && name !== 'rmsprop' ? -0.05 : 0, 0.05).map((v) => v + (s === 1 || name === 'adagrad' ? initialSlotValue(config) : 0))
      );
      const kernel = await OptimizerStepKernel.create(gpu.device, config);
      const paramBuffer = bench.storage(params);
      const slotBuffers = [0, 1].map((s) => (slots[s] ? bench.storage(slots[s]) : bench.storage(4)));
      const group = kernel.bind(gpu.device, {
        step: bench.uniform(packStep({ rows: 1, batchStart: 0, training: true, layerCount: 1, stepSize: size, seeds: [] })),
        hyper: bench.uniform(OptimizerStepKernel.uniform(count, weightCount, config)),
        grads: bench.storage(grads),
        params: paramBuffer,
        first: slotBuffers[0],
        second: slotBuffers[1]
      });
      await bench.run((pass) => kernel.encode(pass, group, count));
      const expectedParams = params.slice();
      const expectedSlots = slots.map((s) => s.slice());
      optimizerStep(expectedParams, grads, expectedSlots, count, weightCount, config, size);
      expect(relativeError(await bench.floats(paramBuffer, count), expectedParams), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
      for (let s = 0; s < slots.length; s++) {
        expect(relativeError(await bench.floats(slotBuffers[s], count), expectedSlots[s]), `seed ${seed}, slot ${s}`).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }
});

describe('sparse first layer', () => {
  const [rows, inputs, outputs, capacity] = [37, 53, 19, 40];

  function sparseBatch(random: Random) {
    const x = randomFloats(random, rows * inputs, 0, 1, 0.7);
    const csr = { indices: new Uint32Array(rows * inputs), values: new Float32Array(rows * inputs), counts: new Uint32Array(rows) };
    const csc = { indices: new Uint32Array(inputs * capacity), values: new Float32Array(inputs * capacity), counts: new Uint32Array(inputs) };
    sparseRows(x, rows, inputs, csr.indices, csr.values, csr.counts);
    sparseColumns(x, rows, inputs, capacity, csc.indices, csc.values, csc.counts);
    return { x, csr, csc };
  }
  const upload = (lists: { indices: Uint32Array; values: Float32Array; counts: Uint32Array }) => ({
    indices: bench.storage(lists.indices),
    values: bench.storage(lists.values),
    counts: bench.storage(lists.counts)
  });
  const empty = (length: number, counted: number) => ({ indices: bench.storage(length), values: bench.storage(length), counts: bench.storage(counted) });

  it('sparse-rows and sparse-columns list exactly the nonzeros, in order', async () => {
    const seed = freshSeed();
    const { x, csr, csc } = sparseBatch(new Random(seed));
    const step = bench.uniform(packStep({ rows, batchStart: 0, training: true, layerCount: 1, stepSize: 0, seeds: [] }));
    const shape = bench.uniform(SparseRowsKernel.uniform(inputs, capacity));
    const [rowsKernel, columnsKernel] = await Promise.all([SparseRowsKernel.create(gpu.device), SparseColumnsKernel.create(gpu.device)]);
    const gpuRows = empty(rows * inputs, rows);
    const gpuColumns = empty(inputs * capacity, inputs);
    const xBuffer = bench.storage(x);
    const rowsGroup = rowsKernel.bind(gpu.device, { step, shape, x: xBuffer, sparse: gpuRows });
    const columnsGroup = columnsKernel.bind(gpu.device, { step, shape, x: xBuffer, sparse: gpuColumns });
    await bench.run((pass) => {
      rowsKernel.encode(pass, rowsGroup, rows);
      columnsKernel.encode(pass, columnsGroup, inputs);
    });
    expect(Array.from(await bench.uints(gpuRows.counts, rows)), `seed ${seed}`).toEqual(Array.from(csr.counts));
    expect(Array.from(await bench.uints(gpuColumns.counts, inputs))).toEqual(Array.from(csc.counts));
    // Only the listed entries are defined; compare those.
    const listed = (lists: typeof csr, stride: number, n: number, got: { indices: Uint32Array; values: Float32Array }) => {
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < lists.counts[r]; j++) {
          expect(got.indices[r * stride + j]).toBe(lists.indices[r * stride + j]);
          expect(got.values[r * stride + j]).toBe(lists.values[r * stride + j]);
        }
      }
    };
    listed(csr, inputs, rows, { indices: await bench.uints(gpuRows.indices, rows * inputs), values: await bench.floats(gpuRows.values, rows * inputs) });
    listed(csc, capacity, inputs, { indices: await bench.uints(gpuColumns.indices, inputs * capacity), values: await bench.floats(gpuColumns.values, inputs * capacity) });
  });

  for (const [activation, rate] of [[1, 0], [3, 0.4], [2, 0]] as const) {
    it(`sparse-forward matches the dense twin (activation ${activation}, dropout ${rate})`, async () => {
      const seed = freshSeed();
      const random = new Random(seed);
      const { x, csr } = sparseBatch(random);
      const params = randomFloats(random, (inputs + 1) * outputs, -0.4, 0.4);
      const step = trainingStep(random, rows);
      const kernel = await SparseForwardKernel.create(gpu.device, activation, tileWorkgroup(gpu.device));
      const out = bench.storage(rows * outputs);
      const group = kernel.bind(gpu.device, {
        step: bench.uniform(step.bytes),
        layer: bench.uniform(DenseForwardKernel.uniform(inputs, outputs, 0, rate)),
        sparse: upload(csr),
        params: bench.storage(params),
        out
      });
      await bench.run((pass) => kernel.encode(pass, group, rows, outputs));
      const expected = new Float32Array(rows * outputs);
      const draw = dropoutDraw(rate, 0, 0, 0);
      if (draw) draw.seedWord = step.seeds[0];
      denseForward(x, params, expected, rows, inputs, outputs, activation, draw);
      expect(relativeError(await bench.floats(out, rows * outputs), expected), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('sparse-backward-weights matches the dense twin, bias row included', async () => {
    const seed = freshSeed();
    const random = new Random(seed);
    const { x, csc } = sparseBatch(random);
    const dz = randomFloats(random, rows * outputs, -0.1, 0.1);
    const kernel = await SparseBackwardWeightsKernel.create(gpu.device, tileWorkgroup(gpu.device));
    const grads = bench.storage((inputs + 1) * outputs);
    const group = kernel.bind(gpu.device, {
      step: bench.uniform(trainingStep(random, rows).bytes),
      layer: bench.uniform(SparseBackwardWeightsKernel.uniform(inputs, outputs, capacity)),
      sparse: upload(csc),
      dz: bench.storage(dz),
      grads
    });
    await bench.run((pass) => kernel.encode(pass, group, inputs, outputs));
    const expected = new Float32Array((inputs + 1) * outputs);
    denseBackwardWeights(x, dz, expected, rows, inputs, outputs);
    expect(relativeError(await bench.floats(grads, expected.length), expected), `seed ${seed}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
