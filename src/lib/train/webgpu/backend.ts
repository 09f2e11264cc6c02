// The WebGPU backend: the whole training step — gather, forward, loss, both backward products,
// optimizer — is one command buffer of kernel dispatches on buffers that stay on the GPU.
// Numbers come back only when the trainer asks (every few batches), in one mapped copy.
import { ACTIVATION_CODE, LOSS_CODE, OUTPUT_CODE, layersOf, type DenseLayer } from '../network.ts';
import { featuresOf, type ImageSet } from '../data/dataset.ts';
import { slotCount, stepSize } from '../optimizers.ts';
import { dropoutSeedWord } from '../dropout-hash.ts';
import { metricsFrom, type Backend, type Evaluation, type ModelState, type TrainingSetup } from '../backend.ts';
import { denseForward } from '../cpu/dense-forward.ts';
import { readBuffers, storageBuffer, uniformBuffer, type TileWorkgroup } from './kernel.ts';
import { packStep, STEP_BYTES } from './step-uniform.ts';
import { GatherBatchKernel, packPixels } from './gather-batch.ts';
import { DenseForwardKernel } from './dense-forward.ts';
import { DenseBackwardInputKernel } from './dense-backward-input.ts';
import { DenseBackwardWeightsKernel } from './dense-backward-weights.ts';
import { OutputLossKernel } from './output-loss.ts';
import { OptimizerStepKernel } from './optimizer-step.ts';
import { SparseRowsKernel, type SparseBuffers } from './sparse-rows.ts';
import { SparseColumnsKernel } from './sparse-columns.ts';
import { SparseForwardKernel } from './sparse-forward.ts';
import { SparseBackwardWeightsKernel } from './sparse-backward-weights.ts';
import { tileWorkgroup, type GpuDevice } from './device.ts';

const EVALUATION_CHUNK = 1024;
const LOSS_WORKGROUP = 64;
/** Sets this small (the draw pad's single image) are uploaded for one call and freed. */
const TRANSIENT_SET = 16;
/**
 * The first layer runs over the nonzero inputs only when at least this share of the training
 * pixels is zero (MNIST: ~80%, Fashion-MNIST: ~50%): a sparse step costs about twice a dense
 * one per input, so below this it would not pay.
 */
const SPARSE_INPUT_SHARE = 0.6;

interface Kernels {
  gather: GatherBatchKernel;
  forward: DenseForwardKernel[];
  backwardInput: (DenseBackwardInputKernel | null)[];
  backwardWeights: DenseBackwardWeightsKernel;
  loss: OutputLossKernel;
  optimizer: OptimizerStepKernel;
  sparseRows: SparseRowsKernel;
  sparseColumns: SparseColumnsKernel;
  sparseForward: SparseForwardKernel;
  sparseBackwardWeights: SparseBackwardWeightsKernel;
}

/** The first layer's input as sparse rows (forward) and sparse columns (weight gradient). */
interface SparseInput {
  rows: SparseBuffers;
  columns: SparseBuffers;
  train: { rows: GPUBindGroup; columns: GPUBindGroup; forward: GPUBindGroup; backwardWeights: GPUBindGroup };
  evaluation: { rows: GPUBindGroup; forward: GPUBindGroup };
}

/** One image set living on the GPU, with the bind groups that read it. */
interface GpuImageSet {
  count: number;
  pixels: GPUBuffer;
  labels: GPUBuffer;
  order: GPUBuffer;
  predictions: GPUBuffer;
  gatherGroup: GPUBindGroup;
  lossGroup: GPUBindGroup;
}

export class WebGpuBackend implements Backend {
  readonly kind = 'webgpu';
  readonly label: string;
  lost: string | null = null;

  private device: GPUDevice;
  private layers: DenseLayer[];
  private step: number;
  private destroyed = false;
  private maxRows: number;
  private features: number;
  private params: GPUBuffer[];
  private grads: GPUBuffer[];
  private slots: GPUBuffer[][];
  private outputs: GPUBuffer[];
  private deltas: GPUBuffer[];
  private x: GPUBuffer;
  private batchLabels: GPUBuffer;
  private probabilities: GPUBuffer;
  private trainMetrics: GPUBuffer;
  private evalMetrics: GPUBuffer;
  private trainStep: GPUBuffer;
  private evalStep: GPUBuffer;
  private gatherUniform: GPUBuffer;
  private lossUniform: GPUBuffer;
  private forwardUniforms: GPUBuffer[];
  private trainGroups: { forward: GPUBindGroup[]; backwardWeights: GPUBindGroup[]; backwardInput: (GPUBindGroup | null)[]; optimizer: GPUBindGroup[] };
  private evalForward: GPUBindGroup[];
  private trainingSet: GpuImageSet | null = null;
  /** Set when the training data is sparse enough for the sparse first-layer kernels. */
  private sparse: SparseInput | null = null;
  private sets = new WeakMap<ImageSet, GpuImageSet>();

  private constructor(private gpu: GpuDevice, private setup: TrainingSetup, state: ModelState, private kernels: Kernels) {
    const device = (this.device = gpu.device);
    this.label = gpu.label;
    this.layers = layersOf(setup.network);
    this.step = state.step;
    this.features = this.layers[0].inputs;
    this.maxRows = Math.max(setup.batchSize, EVALUATION_CHUNK);
    const floats = (label: string, count: number, contents?: Float32Array) => storageBuffer(device, label, count * 4, contents);

    this.params = state.params.map((p, l) => floats(`params ${l}`, p.length, p));
    this.grads = state.params.map((p, l) => floats(`grads ${l}`, p.length));
    // Two slot buffers per layer even for optimizers that keep fewer, so every bind group has the same shape.
    this.slots = state.params.map((p, l) =>
      [0, 1].map((s) => (s < slotCount(setup.optimizer.name) ? floats(`slot ${l}.${s}`, p.length, state.slots[l][s]) : floats(`unused slot ${l}.${s}`, 4)))
    );
    this.outputs = this.layers.map((layer) => floats(`outputs ${layer.index}`, this.maxRows * layer.outputs));
    this.deltas = this.layers.map((layer) => floats(`deltas ${layer.index}`, this.maxRows * layer.outputs));
    this.x = floats('x', this.maxRows * this.features);
    this.batchLabels = storageBuffer(device, 'batch labels', this.maxRows * 4);
    this.probabilities = floats('probabilities', this.maxRows * setup.classes);
    this.trainMetrics = floats('train metrics', 4);
    this.evalMetrics = floats('evaluation metrics', 4);
    this.trainStep = device.createBuffer({ label: 'train step', size: STEP_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.evalStep = device.createBuffer({ label: 'evaluation step', size: STEP_BYTES, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });

    const { min, max } = setup.scaling;
    this.gatherUniform = uniformBuffer(device, 'gather', GatherBatchKernel.uniform(this.features, min, Math.fround(1 / (max - min))));
    this.lossUniform = uniformBuffer(device, 'loss', OutputLossKernel.uniform(setup.classes));
    this.forwardUniforms = this.layers.map((layer) =>
      uniformBuffer(device, `forward ${layer.index}`, DenseForwardKernel.uniform(layer.inputs, layer.outputs, layer.index, layer.dropout))
    );
    const input = (l: number) => (l === 0 ? this.x : this.outputs[l - 1]);
    const forwardGroups = (step: GPUBuffer) =>
      this.layers.map((_, l) =>
        kernels.forward[l].bind(device, { step, layer: this.forwardUniforms[l], x: input(l), params: this.params[l], out: this.outputs[l] })
      );
    this.evalForward = forwardGroups(this.evalStep);
    this.trainGroups = {
      forward: forwardGroups(this.trainStep),
      backwardWeights: this.layers.map((layer, l) =>
        kernels.backwardWeights.bind(device, {
          step: this.trainStep,
          layer: uniformBuffer(device, `backward weights ${l}`, DenseBackwardWeightsKernel.uniform(layer.inputs, layer.outputs)),
          x: input(l),
          dz: this.deltas[l],
          grads: this.grads[l]
        })
      ),
      backwardInput: this.layers.map((layer, l) => {
        if (l === 0) return null;
        const below = this.layers[l - 1];
        const uniform = DenseBackwardInputKernel.uniform(layer.inputs, layer.outputs, below.index, below.dropout);
        return kernels.backwardInput[l]!.bind(device, {
          step: this.trainStep,
          layer: uniformBuffer(device, `backward input ${l}`, uniform),
          dz: this.deltas[l],
          params: this.params[l],
          previousOutput: this.outputs[l - 1],
          dPrevious: this.deltas[l - 1]
        });
      }),
      optimizer: this.layers.map((layer, l) =>
        kernels.optimizer.bind(device, {
          step: this.trainStep,
          hyper: uniformBuffer(device, `optimizer ${l}`, OptimizerStepKernel.uniform(state.params[l].length, layer.inputs * layer.outputs, setup.optimizer)),
          grads: this.grads[l],
          params: this.params[l],
          first: this.slots[l][0],
          second: this.slots[l][1]
        })
      )
    };
    device.lost.then((info) => {
      if (!this.destroyed) this.lost = info.message || `reason: ${info.reason}`;
    });
  }

  static async create(gpu: GpuDevice, setup: TrainingSetup, state: ModelState): Promise<WebGpuBackend> {
    const { device } = gpu;
    const layers = layersOf(setup.network);
    const workgroup: TileWorkgroup = tileWorkgroup(device);
    const forwardCache = new Map<number, Promise<DenseForwardKernel>>();
    const backwardCache = new Map<number, Promise<DenseBackwardInputKernel>>();
    const once = <T>(cache: Map<number, Promise<T>>, key: number, make: () => Promise<T>) => {
      if (!cache.has(key)) cache.set(key, make());
      return cache.get(key)!;
    };
    const [gather, forward, backwardInput, backwardWeights, loss, optimizer, sparseRows, sparseColumns, sparseForward, sparseBackwardWeights] = await Promise.all([
      GatherBatchKernel.create(device),
      Promise.all(layers.map((l) => once(forwardCache, ACTIVATION_CODE[l.activation], () => DenseForwardKernel.create(device, ACTIVATION_CODE[l.activation], workgroup)))),
      Promise.all(
        layers.map((l) => {
          if (l.index === 0) return null;
          const code = ACTIVATION_CODE[layers[l.index - 1].activation];
          return once(backwardCache, code, () => DenseBackwardInputKernel.create(device, code, workgroup));
        })
      ),
      DenseBackwardWeightsKernel.create(device, workgroup),
      OutputLossKernel.create(device, LOSS_CODE[setup.network.loss], OUTPUT_CODE[setup.network.output], LOSS_WORKGROUP),
      OptimizerStepKernel.create(device, setup.optimizer),
      SparseRowsKernel.create(device),
      SparseColumnsKernel.create(device),
      SparseForwardKernel.create(device, ACTIVATION_CODE[layers[0].activation], workgroup),
      SparseBackwardWeightsKernel.create(device, workgroup)
    ]);
    const backend = new WebGpuBackend(gpu, setup, state, {
      gather, forward, backwardInput, backwardWeights, loss, optimizer, sparseRows, sparseColumns, sparseForward, sparseBackwardWeights
    });
    await backend.checkNumbers();
    return backend;
  }

  /**
   * Some adapters (a null or broken backend) accept every call and compute nothing, so before
   * training, run the first layer's forward kernel on a small problem and compare with its twin.
   */
  private async checkNumbers(): Promise<void> {
    const device = this.device;
    const layer = this.layers[0];
    const rows = 3;
    const inputs = 5;
    const outputs = 6;
    const x = Float32Array.from({ length: rows * inputs }, (_, i) => ((i * 7) % 11) / 10 - 0.3);
    const params = Float32Array.from({ length: (inputs + 1) * outputs }, (_, i) => ((i * 5) % 13) / 13 - 0.4);
    const buffers = [
      uniformBuffer(device, 'check step', packStep({ rows, batchStart: 0, training: false, layerCount: 1, stepSize: 0, seeds: [] })),
      uniformBuffer(device, 'check layer', DenseForwardKernel.uniform(inputs, outputs, 0, 0)),
      storageBuffer(device, 'check x', x.byteLength, x),
      storageBuffer(device, 'check params', params.byteLength, params),
      storageBuffer(device, 'check out', rows * outputs * 4)
    ];
    const kernel = this.kernels.forward[0];
    const group = kernel.bind(device, { step: buffers[0], layer: buffers[1], x: buffers[2], params: buffers[3], out: buffers[4] });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    kernel.encode(pass, group, rows, outputs);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const [bytes] = await readBuffers(device, [{ buffer: buffers[4], bytes: rows * outputs * 4 }]);
    buffers.forEach((b) => b.destroy());
    const got = new Float32Array(bytes);
    const expected = new Float32Array(rows * outputs);
    denseForward(x, params, expected, rows, inputs, outputs, ACTIVATION_CODE[layer.activation], null);
    const scale = Math.max(...expected.map(Math.abs), 1e-6);
    const worst = Math.max(...got.map((g, i) => Math.abs(g - expected[i]) / scale));
    if (!(worst < 1e-4)) {
      throw new Error(`the adapter ${this.gpu.adapterName} returned wrong numbers (relative error ${worst}); is it a null backend?`);
    }
  }

  setTrainingSet(set: ImageSet): void {
    if (featuresOf(set) !== this.features) {
      throw new Error(`the network takes ${this.features} inputs but the images have ${featuresOf(set)} pixels`);
    }
    this.trainingSet = this.upload(set, this.trainStep, this.trainMetrics, this.deltas[this.deltas.length - 1]);
    this.sparse = zeroShare(set, this.setup.scaling.min) >= SPARSE_INPUT_SHARE ? this.sparseInput() : null;
  }

  /** Buffers and bind groups for the sparse first layer, or null when they would not fit. */
  private sparseInput(): SparseInput | null {
    const { device, kernels, features, maxRows } = this;
    const capacity = this.setup.batchSize;
    if (Math.max(maxRows, capacity) * features * 4 > device.limits.maxStorageBufferBindingSize) return null;
    const lists = (label: string, length: number, counted: number): SparseBuffers => ({
      indices: storageBuffer(device, `${label} indices`, length * 4),
      values: storageBuffer(device, `${label} values`, length * 4),
      counts: storageBuffer(device, `${label} counts`, counted * 4)
    });
    const rows = lists('sparse rows', maxRows * features, maxRows);
    const columns = lists('sparse columns', features * capacity, features);
    const shape = uniformBuffer(device, 'sparse shape', SparseRowsKernel.uniform(features, capacity));
    const first = this.layers[0];
    const forward = (step: GPUBuffer) =>
      kernels.sparseForward.bind(device, { step, layer: this.forwardUniforms[0], sparse: rows, params: this.params[0], out: this.outputs[0] });
    return {
      rows,
      columns,
      train: {
        rows: kernels.sparseRows.bind(device, { step: this.trainStep, shape, x: this.x, sparse: rows }),
        columns: kernels.sparseColumns.bind(device, { step: this.trainStep, shape, x: this.x, sparse: columns }),
        forward: forward(this.trainStep),
        backwardWeights: kernels.sparseBackwardWeights.bind(device, {
          step: this.trainStep,
          layer: uniformBuffer(device, 'sparse backward weights', SparseBackwardWeightsKernel.uniform(first.inputs, first.outputs, capacity)),
          sparse: columns,
          dz: this.deltas[0],
          grads: this.grads[0]
        })
      },
      evaluation: {
        rows: kernels.sparseRows.bind(device, { step: this.evalStep, shape, x: this.x, sparse: rows }),
        forward: forward(this.evalStep)
      }
    };
  }

  setOrder(order: Uint32Array): void {
    if (!this.trainingSet) throw new Error('setTrainingSet first');
    this.device.queue.writeBuffer(this.trainingSet.order, 0, order.buffer, order.byteOffset, order.byteLength);
  }

  trainBatch(batchStart: number, rows: number): void {
    const set = this.trainingSet;
    if (!set) throw new Error('setTrainingSet first');
    const { device, kernels, layers } = this;
    const step = ++this.step;
    const seeds = layers.map((l) => dropoutSeedWord(this.setup.seed, step, l.index));
    const size = Math.fround(stepSize(this.setup.optimizer, step));
    device.queue.writeBuffer(this.trainStep, 0, packStep({ rows, batchStart, training: true, layerCount: layers.length, stepSize: size, seeds }));
    const groups = this.trainGroups;
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    const sparse = this.sparse;
    kernels.gather.encode(pass, set.gatherGroup, rows, this.features);
    if (sparse) {
      kernels.sparseRows.encode(pass, sparse.train.rows, rows);
      kernels.sparseColumns.encode(pass, sparse.train.columns, this.features);
      kernels.sparseForward.encode(pass, sparse.train.forward, rows, layers[0].outputs);
    }
    for (let l = sparse ? 1 : 0; l < layers.length; l++) kernels.forward[l].encode(pass, groups.forward[l], rows, layers[l].outputs);
    kernels.loss.encode(pass, set.lossGroup);
    for (let l = layers.length - 1; l >= 0; l--) {
      if (l === 0 && sparse) kernels.sparseBackwardWeights.encode(pass, sparse.train.backwardWeights, layers[0].inputs, layers[0].outputs);
      else kernels.backwardWeights.encode(pass, groups.backwardWeights[l], layers[l].inputs, layers[l].outputs);
      if (l > 0) kernels.backwardInput[l]!.encode(pass, groups.backwardInput[l]!, rows, layers[l].inputs);
    }
    for (let l = 0; l < layers.length; l++) {
      kernels.optimizer.encode(pass, groups.optimizer[l], (layers[l].inputs + 1) * layers[l].outputs);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
  }

  async takeMetrics(withState: boolean): Promise<{ metrics: ReturnType<typeof metricsFrom>; state?: ModelState }> {
    const stateSources = withState ? this.stateSources() : [];
    const [metricBytes, ...stateBytes] = await this.read(
      [{ buffer: this.trainMetrics, bytes: 16 }, ...stateSources],
      (encoder) => encoder.clearBuffer(this.trainMetrics)
    );
    const [lossSum, correct, count] = new Float32Array(metricBytes);
    return { metrics: metricsFrom(lossSum, correct, count), state: withState ? this.stateFrom(stateBytes) : undefined };
  }

  async evaluate(set: ImageSet, options: { probabilities?: boolean } = {}): Promise<Evaluation> {
    const { device, kernels, layers } = this;
    const classes = this.setup.classes;
    const transient = set.count <= TRANSIENT_SET;
    const gpuSet = (!transient && this.sets.get(set)) || this.upload(set, this.evalStep, this.evalMetrics, this.probabilities);
    if (!transient) this.sets.set(set, gpuSet);
    const allProbabilities = options.probabilities ? storageBuffer(device, 'probabilities (all)', set.count * classes * 4) : null;
    for (let start = 0; start < set.count; start += EVALUATION_CHUNK) {
      const rows = Math.min(EVALUATION_CHUNK, set.count - start);
      device.queue.writeBuffer(this.evalStep, 0, packStep({ rows, batchStart: start, training: false, layerCount: layers.length, stepSize: 0, seeds: [] }));
      const encoder = device.createCommandEncoder();
      if (start === 0) encoder.clearBuffer(this.evalMetrics);
      const pass = encoder.beginComputePass();
      kernels.gather.encode(pass, gpuSet.gatherGroup, rows, this.features);
      const sparse = this.sparse;
      if (sparse) {
        kernels.sparseRows.encode(pass, sparse.evaluation.rows, rows);
        kernels.sparseForward.encode(pass, sparse.evaluation.forward, rows, layers[0].outputs);
      }
      for (let l = sparse ? 1 : 0; l < layers.length; l++) kernels.forward[l].encode(pass, this.evalForward[l], rows, layers[l].outputs);
      kernels.loss.encode(pass, gpuSet.lossGroup);
      pass.end();
      if (allProbabilities) encoder.copyBufferToBuffer(this.probabilities, 0, allProbabilities, start * classes * 4, rows * classes * 4);
      device.queue.submit([encoder.finish()]);
    }
    const sources = [
      { buffer: this.evalMetrics, bytes: 16 },
      { buffer: gpuSet.predictions, bytes: set.count * 4 },
      ...(allProbabilities ? [{ buffer: allProbabilities, bytes: set.count * classes * 4 }] : [])
    ];
    try {
      const [metricBytes, predictionBytes, probabilityBytes] = await this.read(sources);
      const [lossSum, correct, count] = new Float32Array(metricBytes);
      return {
        ...metricsFrom(lossSum, correct, count),
        predictions: Uint8Array.from(new Uint32Array(predictionBytes)),
        probabilities: probabilityBytes ? new Float32Array(probabilityBytes) : undefined
      };
    } finally {
      allProbabilities?.destroy();
      if (transient) [gpuSet.pixels, gpuSet.labels, gpuSet.order, gpuSet.predictions].forEach((b) => b.destroy());
    }
  }

  async exportState(): Promise<ModelState> {
    return this.stateFrom(await this.read(this.stateSources()));
  }

  importState(state: ModelState): void {
    const queue = this.device.queue;
    state.params.forEach((p, l) => queue.writeBuffer(this.params[l], 0, p.buffer, p.byteOffset, p.byteLength));
    state.slots.forEach((slots, l) => slots.forEach((s, i) => queue.writeBuffer(this.slots[l][i], 0, s.buffer, s.byteOffset, s.byteLength)));
    this.step = state.step;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.device.destroy();
  }

  /**
   * readBuffers, but a failure on a device that is being lost is reported as the loss: the
   * map can fail a moment before device.lost settles, so give it that moment.
   */
  private async read(sources: { buffer: GPUBuffer; bytes: number }[], after?: (encoder: GPUCommandEncoder) => void): Promise<ArrayBuffer[]> {
    try {
      return await readBuffers(this.device, sources, undefined, after);
    } catch (err) {
      await Promise.race([this.device.lost, new Promise((resolve) => setTimeout(resolve, 1000))]);
      if (this.lost) throw new Error(`WebGPU device lost: ${this.lost}`);
      throw err;
    }
  }

  private stateSources() {
    const kept = slotCount(this.setup.optimizer.name);
    const sizes = this.layers.map((l) => (l.inputs + 1) * l.outputs * 4);
    return [
      ...this.params.map((buffer, l) => ({ buffer, bytes: sizes[l] })),
      ...this.slots.flatMap((pair, l) => pair.slice(0, kept).map((buffer) => ({ buffer, bytes: sizes[l] })))
    ];
  }

  private stateFrom(bytes: ArrayBuffer[]): ModelState {
    const count = this.layers.length;
    const kept = slotCount(this.setup.optimizer.name);
    const params = bytes.slice(0, count).map((b) => new Float32Array(b));
    const slots = this.layers.map((_, l) => bytes.slice(count + l * kept, count + (l + 1) * kept).map((b) => new Float32Array(b)));
    return { params, slots, step: this.step };
  }

  private upload(set: ImageSet, step: GPUBuffer, metrics: GPUBuffer, lossOut: GPUBuffer): GpuImageSet {
    const { device, kernels } = this;
    const features = featuresOf(set);
    const limit = device.limits.maxStorageBufferBindingSize;
    const pixelWords = packPixels(set.pixels, set.count, features);
    if (pixelWords.byteLength > limit) {
      throw new Error(`${set.count} images need ${pixelWords.byteLength} bytes on the GPU; this adapter allows ${limit} per buffer`);
    }
    const pixels = storageBuffer(device, 'pixels', pixelWords.byteLength, pixelWords);
    const labels = storageBuffer(device, 'labels', set.count * 4, Uint32Array.from(set.labels));
    const order = storageBuffer(device, 'order', set.count * 4, Uint32Array.from({ length: set.count }, (_, i) => i));
    const predictions = storageBuffer(device, 'predictions', set.count * 4);
    return {
      count: set.count,
      pixels,
      labels,
      order,
      predictions,
      gatherGroup: kernels.gather.bind(device, { step, gather: this.gatherUniform, pixels, labels, order, x: this.x, batchLabels: this.batchLabels }),
      lossGroup: kernels.loss.bind(device, {
        step,
        layer: this.lossUniform,
        z: this.outputs[this.outputs.length - 1],
        labels: this.batchLabels,
        out: lossOut,
        predictions,
        metrics
      })
    };
  }
}

/** Share of a set's pixels at the minimum value, i.e. inputs that are exactly 0 after scaling. */
function zeroShare(set: ImageSet, min: number): number {
  let zeros = 0;
  for (const p of set.pixels) if (p === min) zeros++;
  return set.pixels.length ? zeros / set.pixels.length : 0;
}
