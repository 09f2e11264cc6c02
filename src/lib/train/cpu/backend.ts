// The CPU backend: the twin kernels run one after another on preallocated float32 arrays
// (nothing is allocated per batch). It is the reference the WebGPU backend is tested against,
// and the fallback when WebGPU is missing or its device is lost.
import { LOSS_CODE, ACTIVATION_CODE, OUTPUT_CODE, layersOf, type DenseLayer } from '../network.ts';
import { featuresOf, type ImageSet } from '../data/dataset.ts';
import { stepSize } from '../optimizers.ts';
import { dropoutSeedWord } from '../dropout-hash.ts';
import type { DropoutDraw } from '../dropout.ts';
import { cloneState, metricsFrom, type Backend, type Evaluation, type ModelState, type TrainingSetup } from '../backend.ts';
import { gatherBatch, scalingFactors, type ScalingFactors } from './gather-batch.ts';
import { denseForward } from './dense-forward.ts';
import { denseBackwardInput } from './dense-backward-input.ts';
import { denseBackwardWeights } from './dense-backward-weights.ts';
import { LOSS_MODE, METRIC_SLOTS, outputLoss } from './output-loss.ts';
import { optimizerStep } from './optimizer-step.ts';

const EVALUATION_CHUNK = 1024;

export class CpuBackend implements Backend {
  readonly kind = 'cpu';
  readonly label = 'CPU · JavaScript float32';
  readonly lost = null;

  private layers: DenseLayer[];
  private state: ModelState;
  private grads: Float32Array[];
  private outputs: Float32Array[];
  private deltas: Float32Array[];
  private x: Float32Array;
  private batchLabels: Uint32Array;
  private probabilities: Float32Array;
  private metrics = new Float32Array(METRIC_SLOTS);
  /** One reusable dropout description per layer; only its seed word changes per step. */
  private dropouts: (DropoutDraw | null)[];
  private scaling: ScalingFactors;
  private trainingSet: ImageSet | null = null;
  private order: Uint32Array = new Uint32Array(0);

  constructor(private setup: TrainingSetup, state: ModelState) {
    this.layers = layersOf(setup.network);
    this.state = cloneState(state);
    const rows = Math.max(setup.batchSize, EVALUATION_CHUNK);
    this.grads = this.state.params.map((p) => new Float32Array(p.length));
    this.outputs = this.layers.map((l) => new Float32Array(rows * l.outputs));
    this.deltas = this.layers.map((l) => new Float32Array(rows * l.outputs));
    this.x = new Float32Array(rows * this.layers[0].inputs);
    this.batchLabels = new Uint32Array(rows);
    this.probabilities = new Float32Array(rows * setup.classes);
    this.scaling = scalingFactors(setup.scaling.min, setup.scaling.max);
    this.dropouts = this.layers.map((l) =>
      l.dropout > 0
        ? { rate: Math.fround(l.dropout), scale: Math.fround(1 / (1 - l.dropout)), keepProbability: Math.fround(1 - l.dropout), seedWord: 0 }
        : null
    );
  }

  setTrainingSet(set: ImageSet): void {
    if (featuresOf(set) !== this.layers[0].inputs) {
      throw new Error(`the network takes ${this.layers[0].inputs} inputs but the images have ${featuresOf(set)} pixels`);
    }
    this.trainingSet = set;
  }

  setOrder(order: Uint32Array): void {
    this.order = order;
  }

  trainBatch(batchStart: number, rows: number): void {
    const set = this.trainingSet;
    if (!set) throw new Error('setTrainingSet first');
    const { network, optimizer } = this.setup;
    const step = ++this.state.step;
    for (let l = 0; l < this.layers.length; l++) {
      const draw = this.dropouts[l];
      if (draw) draw.seedWord = dropoutSeedWord(this.setup.seed, step, l);
    }
    gatherBatch(set.pixels, set.labels, featuresOf(set), this.order, batchStart, rows, this.scaling, this.x, this.batchLabels);
    this.forward(rows, true);
    const last = this.layers.length - 1;
    outputLoss(
      this.outputs[last], this.batchLabels, this.deltas[last], null, 0, this.metrics, rows, this.setup.classes,
      LOSS_CODE[network.loss], OUTPUT_CODE[network.output], LOSS_MODE.train, Math.fround(1 / rows)
    );
    for (let l = last; l >= 0; l--) {
      const layer = this.layers[l];
      const input = l === 0 ? this.x : this.outputs[l - 1];
      denseBackwardWeights(input, this.deltas[l], this.grads[l], rows, layer.inputs, layer.outputs);
      if (l > 0) {
        const below = this.layers[l - 1];
        denseBackwardInput(
          this.deltas[l], this.state.params[l], this.outputs[l - 1], this.deltas[l - 1], rows, layer.inputs, layer.outputs,
          ACTIVATION_CODE[below.activation], this.dropouts[l - 1]
        );
      }
    }
    const size = Math.fround(stepSize(optimizer, step));
    for (let l = 0; l < this.layers.length; l++) {
      const params = this.state.params[l];
      const weights = this.layers[l].inputs * this.layers[l].outputs;
      optimizerStep(params, this.grads[l], this.state.slots[l], params.length, weights, optimizer, size);
    }
  }

  private forward(rows: number, training: boolean): void {
    for (let l = 0; l < this.layers.length; l++) {
      const layer = this.layers[l];
      const input = l === 0 ? this.x : this.outputs[l - 1];
      const dropout = training ? this.dropouts[l] : null;
      denseForward(input, this.state.params[l], this.outputs[l], rows, layer.inputs, layer.outputs, ACTIVATION_CODE[layer.activation], dropout);
    }
  }

  async takeMetrics(withState: boolean) {
    const [lossSum, correct, count] = this.metrics;
    this.metrics.fill(0);
    return { metrics: metricsFrom(lossSum, correct, count), state: withState ? cloneState(this.state) : undefined };
  }

  async evaluate(set: ImageSet, options: { probabilities?: boolean } = {}): Promise<Evaluation> {
    const { network, classes } = this.setup;
    const features = featuresOf(set);
    const identity = Uint32Array.from({ length: set.count }, (_, i) => i);
    const predictions = new Uint32Array(set.count);
    const probabilities = options.probabilities ? new Float32Array(set.count * classes) : undefined;
    const metrics = new Float32Array(METRIC_SLOTS);
    const last = this.layers.length - 1;
    for (let start = 0; start < set.count; start += EVALUATION_CHUNK) {
      const rows = Math.min(EVALUATION_CHUNK, set.count - start);
      gatherBatch(set.pixels, set.labels, features, identity, start, rows, this.scaling, this.x, this.batchLabels);
      this.forward(rows, false);
      outputLoss(
        this.outputs[last], this.batchLabels, this.probabilities, predictions, start, metrics, rows, classes,
        LOSS_CODE[network.loss], OUTPUT_CODE[network.output], LOSS_MODE.evaluate, 1
      );
      probabilities?.set(this.probabilities.subarray(0, rows * classes), start * classes);
    }
    return { ...metricsFrom(metrics[0], metrics[1], metrics[2]), predictions: Uint8Array.from(predictions), probabilities };
  }

  async exportState(): Promise<ModelState> {
    return cloneState(this.state);
  }

  importState(state: ModelState): void {
    this.state = cloneState(state);
  }

  destroy(): void {}
}
