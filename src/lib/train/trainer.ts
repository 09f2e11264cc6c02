// The training loop both faces share (CLI and /train page): epochs of shuffled batches on a
// backend, metrics read back every few batches, validation each epoch, early stopping, a clear
// stop on a diverging loss, and a switch to the CPU — from the last weights read back, replaying
// the batches since — when WebGPU is missing or its device is lost.
import { featuresOf, pixelRange, type ImageSet, type SplitDataset } from './data/dataset.ts';
import { layersOf, validateNetwork, type MlpSpec } from './network.ts';
import type { OptimizerConfig } from './optimizers.ts';
import { initialState } from './init.ts';
import { Random } from '../core/random.ts';
import { cloneState, metricsFrom, type Backend, type Evaluation, type ModelState, type TrainingSetup } from './backend.ts';
import { CpuBackend } from './cpu/backend.ts';

export interface TrainOptions {
  network: MlpSpec;
  optimizer: OptimizerConfig;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Stop after this many epochs without a lower validation loss, keeping the best weights (0 = off). */
  patience?: number;
  /** Read loss and accuracy back every this many batches (default 20). */
  readbackEvery?: number;
}

export interface Progress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Running mean over the epoch so far. */
  loss: number;
  accuracy: number;
  /** Loss and accuracy of the batches since the previous report. */
  recentLoss: number;
  recentAccuracy: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  /** Seconds spent on the training batches of this epoch (validation not included). */
  trainSeconds: number;
  backend: string;
}

export type TrainStatus = 'completed' | 'early-stopped' | 'diverged' | 'stopped';

export interface TrainResult {
  status: TrainStatus;
  message: string;
  epochs: EpochRecord[];
  /** 1-based epoch whose weights were kept (the best one under early stopping, else the last). */
  keptEpoch: number;
  test: Evaluation | null;
  backend: string;
  /** Set when the run moved to the CPU. */
  fallback: string | null;
}

export interface TrainerEvents {
  progress?(progress: Progress): void;
  epoch?(record: EpochRecord): void;
  /** Something the user should see: a fallback to the CPU, for instance. */
  notice?(message: string): void;
  /** The backend changed (at start, or on fallback). */
  backend?(backend: Backend): void;
}

/** Opens the preferred backend; throwing makes the trainer fall back to the CPU. */
export type BackendOpener = (setup: TrainingSetup, state: ModelState) => Promise<Backend>;

/** Where the run stood at the last readback, and what it had learned by then. */
interface Snapshot {
  state: ModelState;
  epoch: number;
  batch: number;
  lossSum: number;
  correct: number;
  count: number;
  trainSeconds: number;
}

class DeviceLost extends Error {}

export function trainingSetup(data: SplitDataset, options: TrainOptions): TrainingSetup {
  validateNetwork(options.network);
  const { sizes } = options.network;
  if (sizes[0] !== featuresOf(data.train)) {
    throw new Error(`the network takes ${sizes[0]} inputs but ${data.name} images have ${featuresOf(data.train)} pixels`);
  }
  if (sizes[sizes.length - 1] !== data.classes) {
    throw new Error(`the network has ${sizes[sizes.length - 1]} outputs but ${data.name} has ${data.classes} classes`);
  }
  if (!(options.batchSize >= 1)) throw new Error('batch size must be at least 1');
  return {
    network: options.network,
    optimizer: options.optimizer,
    batchSize: Math.min(options.batchSize, data.train.count),
    seed: options.seed,
    scaling: pixelRange(data.train),
    classes: data.classes
  };
}

/** The shuffle of epoch `epoch`: a pure function of the seed, so a replay on another backend sees the same batches. */
export function epochOrder(seed: number, epoch: number, count: number, into?: Uint32Array): Uint32Array {
  return new Random((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).permutation(count, into);
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class Trainer {
  readonly setup: TrainingSetup;
  backend: Backend | null = null;
  private paused: Promise<void> | null = null;
  private resumeNow: (() => void) | null = null;
  private stopRequested = false;

  constructor(private data: SplitDataset, private options: TrainOptions, private events: TrainerEvents = {}) {
    this.setup = trainingSetup(data, options);
  }

  pause(): void {
    if (!this.paused) this.paused = new Promise((resolve) => (this.resumeNow = resolve));
  }

  resume(): void {
    this.resumeNow?.();
    this.paused = null;
    this.resumeNow = null;
  }

  get isPaused(): boolean {
    return this.paused !== null;
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  async run(openPreferred?: BackendOpener): Promise<TrainResult> {
    const { options, data, setup, events } = this;
    const initial = initialState(layersOf(options.network), options.optimizer, options.seed, options.network.init);
    let fallback: string | null = null;
    let backend: Backend;
    try {
      backend = openPreferred ? await openPreferred(setup, initial) : new CpuBackend(setup, initial);
    } catch (err) {
      fallback = `WebGPU unavailable (${(err as Error).message}); training on the CPU instead`;
      events.notice?.(fallback);
      backend = new CpuBackend(setup, initial);
    }
    this.useBackend(backend);

    const epochs: EpochRecord[] = [];
    const batches = Math.ceil(data.train.count / setup.batchSize);
    const every = Math.max(1, options.readbackEvery ?? 20);
    const patience = options.patience ?? 0;
    let snapshot: Snapshot = { state: cloneState(initial), epoch: 0, batch: 0, lossSum: 0, correct: 0, count: 0, trainSeconds: 0 };
    let best = { loss: Infinity, epoch: 0, state: null as ModelState | null };
    let status: TrainStatus = 'completed';
    let message = '';
    const order = new Uint32Array(data.train.count);

    while (snapshot.epoch < options.epochs && status === 'completed') {
      const b = this.backend!;
      try {
        let { epoch, batch, lossSum, correct, count, trainSeconds } = snapshot;
        epochOrder(options.seed, epoch, data.train.count, order);
        b.setOrder(order);
        let started = performance.now();
        while (batch < batches) {
          const start = batch * setup.batchSize;
          b.trainBatch(start, Math.min(setup.batchSize, data.train.count - start));
          batch++;
          if (batch % every !== 0 && batch !== batches) continue;
          const { metrics, state } = await this.guard(() => b.takeMetrics(b.kind === 'webgpu'));
          if (!Number.isFinite(metrics.lossSum)) {
            status = 'diverged';
            message = divergenceMessage(metrics.lossSum, epoch + 1, batch, options.optimizer);
            break;
          }
          lossSum += metrics.lossSum;
          correct += metrics.correct;
          count += metrics.count;
          trainSeconds += (performance.now() - started) / 1000;
          if (state) snapshot = { state, epoch, batch, lossSum, correct, count, trainSeconds };
          const running = metricsFrom(lossSum, correct, count);
          events.progress?.({
            epoch: epoch + 1, epochs: options.epochs, batch, batches,
            loss: running.loss, accuracy: running.accuracy, recentLoss: metrics.loss, recentAccuracy: metrics.accuracy
          });
          await nextTask();
          if (this.paused) await this.paused;
          if (this.stopRequested) break;
          started = performance.now();
        }
        if (status !== 'completed') break;
        if (this.stopRequested) {
          status = 'stopped';
          message = `stopped during epoch ${epoch + 1}`;
          break;
        }
        const validation = await this.guard(() => b.evaluate(data.validation));
        const record: EpochRecord = {
          epoch: epoch + 1,
          trainLoss: lossSum / count,
          trainAccuracy: correct / count,
          validationLoss: validation.loss,
          validationAccuracy: validation.accuracy,
          trainSeconds,
          backend: b.label
        };
        if (!Number.isFinite(validation.loss)) {
          status = 'diverged';
          message = divergenceMessage(validation.loss, epoch + 1, batches, options.optimizer);
          break;
        }
        epochs.push(record);
        events.epoch?.(record);
        const state = b.kind === 'webgpu' || patience > 0 ? await this.guard(() => b.exportState()) : null;
        snapshot = { state: state ?? snapshot.state, epoch: epoch + 1, batch: 0, lossSum: 0, correct: 0, count: 0, trainSeconds: 0 };
        if (patience > 0) {
          if (validation.loss < best.loss) best = { loss: validation.loss, epoch: epoch + 1, state };
          else if (epoch + 1 - best.epoch >= patience) {
            status = 'early-stopped';
            message = `validation loss has not improved for ${patience} epochs; keeping the weights of epoch ${best.epoch}`;
            b.importState(best.state!);
            snapshot.state = best.state!;
          }
        }
      } catch (err) {
        if (!(err instanceof DeviceLost)) throw err;
        fallback = `WebGPU device lost (${err.message}); continuing on the CPU from epoch ${snapshot.epoch + 1}, batch ${snapshot.batch}, with the weights read back there`;
        events.notice?.(fallback);
        this.useBackend(new CpuBackend(setup, snapshot.state));
        // The replay runs the batches after the snapshot again, with the same order and dropout masks.
      }
    }

    let test: Evaluation | null = null;
    if (status !== 'diverged') {
      try {
        test = await this.guard(() => this.backend!.evaluate(data.test));
      } catch (err) {
        if (!(err instanceof DeviceLost)) throw err;
        fallback = `WebGPU device lost (${err.message}) before testing; testing on the CPU with the weights read back last`;
        events.notice?.(fallback);
        this.useBackend(new CpuBackend(setup, snapshot.state));
        test = await this.backend!.evaluate(data.test);
      }
    }
    if (status === 'completed') message = `trained ${epochs.length} epoch${epochs.length === 1 ? '' : 's'}`;
    return {
      status,
      message,
      epochs,
      keptEpoch: status === 'early-stopped' ? best.epoch : epochs.length,
      test,
      backend: this.backend!.label,
      fallback
    };
  }

  /** Class probabilities for images, on the current weights (the draw pad uses this). */
  async predict(images: ImageSet): Promise<Float32Array> {
    if (!this.backend) throw new Error('no model yet');
    const evaluation = await this.backend.evaluate(images, { probabilities: true });
    return evaluation.probabilities!;
  }

  async evaluate(set: ImageSet): Promise<Evaluation> {
    if (!this.backend) throw new Error('no model yet');
    return this.backend.evaluate(set);
  }

  destroy(): void {
    this.backend?.destroy();
    this.backend = null;
  }

  private useBackend(backend: Backend): void {
    if (this.backend && this.backend !== backend) this.backend.destroy();
    backend.setTrainingSet(this.data.train);
    this.backend = backend;
    this.events.backend?.(backend);
  }

  /** Runs a backend call; a lost device (or a failure once it is lost) becomes DeviceLost. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    const backend = this.backend!;
    try {
      const result = await call();
      if (backend.lost) throw new DeviceLost(backend.lost);
      return result;
    } catch (err) {
      if (err instanceof DeviceLost) throw err;
      if (backend.lost) throw new DeviceLost(backend.lost);
      throw err;
    }
  }
}

function divergenceMessage(value: number, epoch: number, batch: number, optimizer: OptimizerConfig): string {
  const what = Number.isNaN(value) ? 'NaN' : 'infinite';
  return (
    `the loss became ${what} at epoch ${epoch}, batch ${batch}: training diverged. ` +
    `The learning rate (${optimizer.learningRate} with ${optimizer.name}) is most likely too high; ` +
    `try ${optimizer.learningRate / 10}.`
  );
}
