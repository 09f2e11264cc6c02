// The one API both backends implement. The trainer drives it batch by batch; only
// `takeMetrics`, `evaluate` and `exportState` bring numbers back, so the GPU is read rarely.
import type { ImageSet, Scaling } from './data/dataset.ts';
import type { MlpSpec } from './network.ts';
import type { OptimizerConfig } from './optimizers.ts';

export type BackendKind = 'cpu' | 'webgpu';

/** Everything that changes during training: parameters, optimizer slots, updates done so far. */
export interface ModelState {
  /** Per layer: W (inputs × outputs) then the bias row. */
  params: Float32Array[];
  /** Per layer, per optimizer slot (velocity, accumulator, m, v), shaped like params. */
  slots: Float32Array[][];
  /** Updates applied so far (Adam's t; also picks dropout masks). */
  step: number;
}

export interface TrainingSetup {
  network: MlpSpec;
  optimizer: OptimizerConfig;
  batchSize: number;
  /** Picks dropout masks (with the step and the layer). */
  seed: number;
  scaling: Scaling;
  classes: number;
}

export interface Metrics {
  loss: number;
  accuracy: number;
  count: number;
  /** Σ loss and Σ correct, to merge readbacks exactly. */
  lossSum: number;
  correct: number;
}

export interface Evaluation extends Metrics {
  predictions: Uint8Array;
  /** count × classes, only when asked for. */
  probabilities?: Float32Array;
}

export interface Backend {
  readonly kind: BackendKind;
  /** What to show the user: "CPU · JavaScript float32", "WebGPU · google swiftshader". */
  readonly label: string;
  /** Why the device was lost, once it has been; null while it works. */
  readonly lost: string | null;
  setTrainingSet(set: ImageSet): void;
  /** The shuffled order of this epoch (indices into the training set). */
  setOrder(order: Uint32Array): void;
  /** Queues one update on rows order[batchStart .. batchStart + rows). Nothing is read back. */
  trainBatch(batchStart: number, rows: number): void;
  /** Metrics of the batches since the last call (and, if asked, the state after them). */
  takeMetrics(withState: boolean): Promise<{ metrics: Metrics; state?: ModelState }>;
  evaluate(set: ImageSet, options?: { probabilities?: boolean }): Promise<Evaluation>;
  exportState(): Promise<ModelState>;
  importState(state: ModelState): void;
  destroy(): void;
}

export function metricsFrom(lossSum: number, correct: number, count: number): Metrics {
  return { lossSum, correct, count, loss: count ? lossSum / count : NaN, accuracy: count ? correct / count : NaN };
}

export function cloneState(state: ModelState): ModelState {
  return { params: state.params.map((p) => p.slice()), slots: state.slots.map((s) => s.map((a) => a.slice())), step: state.step };
}
