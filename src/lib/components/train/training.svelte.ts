// One training run's state, for the /train page and each ::trainer in a lesson: the settings the
// student picks, and everything a run produces (curves, test accuracy, confusion matrix, the weights
// read back after each epoch, mistakes), updated live as the trainer reports.
import { Trainer, type EpochRecord, type Progress } from '$lib/train/trainer.ts';
import { m } from '../../paraglide/messages.js';
import { decodeSplitFile } from '$lib/train/data/mnist10k-format.ts';
import { featuresOf, limitTraining, pixelRange, type ImageSet, type Scaling, type SplitDataset } from '$lib/train/data/dataset.ts';
import { splitFromIdxFiles } from '$lib/train/data/idx-files.ts';
import type { MlpSpec } from '$lib/train/network.ts';
import { optimizerConfig } from '$lib/train/optimizers.ts';
import { RECOMMENDED, networkOf, type Settings } from '$lib/train/settings.ts';
import { openGpuDevice } from '$lib/train/webgpu/device.ts';
import { WebGpuBackend } from '$lib/train/webgpu/backend.ts';
import type { BackendOpener } from '$lib/train/trainer.ts';

export type Status = 'idle' | 'loading' | 'training' | 'paused' | 'done' | 'failed';

export interface CurvePoint {
  /** Position in epochs (1.5 = half-way through the second epoch). */
  x: number;
  loss: number;
  accuracy: number;
}

export interface Mistake {
  index: number;
  label: number;
  predicted: number;
}

/** A network's weights as last read back, with what is needed to run it on an image. */
export interface ModelSnapshot {
  network: MlpSpec;
  scaling: Scaling;
  /** Per layer: W (inputs × outputs) then the bias row. */
  params: Float32Array[];
  /** The epoch these weights are from (the kept one once early stopping restored it). */
  epoch: number;
}

let builtIn: Promise<SplitDataset> | null = null;

/** The 10,000 digits that come with Backstep, fetched once per page however many trainers ask. */
export function loadBuiltInDigits(): Promise<SplitDataset> {
  builtIn ??= (async () => {
    const response = await fetch('/data/mnist10k.bin');
    if (!response.ok) throw new Error(`could not load the digits (/data/mnist10k.bin: HTTP ${response.status}); run npm run prepare:data`);
    return decodeSplitFile(new Uint8Array(await response.arrayBuffer()));
  })();
  // A failed fetch is not kept: the next start tries again.
  builtIn.catch(() => (builtIn = null));
  return builtIn;
}

export class TrainingSession {
  settings = $state<Settings>({ ...RECOMMENDED });
  /** performance.now() of the latest start (0: never started), so a page can tell which run is newest. */
  startedAt = $state(0);
  status = $state<Status>('idle');
  message = $state('');
  notices = $state<string[]>([]);
  backendLabel = $state<string | null>(null);
  progress = $state<Progress | null>(null);
  trainCurve = $state<CurvePoint[]>([]);
  validationCurve = $state<CurvePoint[]>([]);
  epochs = $state<EpochRecord[]>([]);
  testAccuracy = $state<number | null>(null);
  confusion = $state<number[][] | null>(null);
  mistakes = $state<Mistake[]>([]);
  /** The weights read back after each epoch and at the end of the run. */
  model = $state.raw<ModelSnapshot | null>(null);
  data = $state.raw<SplitDataset | null>(null);
  /** First-layer weights (inputs × units, then the bias row) and the unit count. */
  readonly firstLayer = $derived(this.model ? { weights: this.model.params[0], units: this.model.network.sizes[1] } : null);

  private trainer: Trainer | null = null;
  private destroyed = false;
  private network: MlpSpec | null = null;
  private scaling: Scaling | null = null;

  constructor(settings: Settings = RECOMMENDED) {
    this.settings = { ...settings };
  }

  readonly running = $derived(this.status === 'training' || this.status === 'paused');
  readonly fraction = $derived(
    this.progress ? (this.progress.epoch - 1 + this.progress.batch / this.progress.batches) / this.progress.epochs : 0
  );
  /** True once a model exists that the draw pad can ask. */
  hasModel = $state(false);

  /** Trains on IDX files the user picked (MNIST, Fashion-MNIST…) instead of the built-in digits. */
  async useFiles(files: File[]): Promise<void> {
    const named = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const data = await splitFromIdxFiles(named, m.train_your_files());
    this.data = data;
    const sizes = this.settings.arch.split('-');
    this.settings.arch = [featuresOf(data.train), ...sizes.slice(1, -1), data.classes].join('-');
    this.settings.samples = data.train.count;
  }

  /** Back to the 10,000 digits that come with Backstep. */
  useBuiltIn(): void {
    this.data = null;
    this.settings.samples = RECOMMENDED.samples;
  }

  async loadData(): Promise<SplitDataset> {
    if (this.data) return this.data;
    this.data = await loadBuiltInDigits();
    return this.data;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.reset();
    this.status = 'loading';
    this.startedAt = performance.now();
    const s = $state.snapshot(this.settings);
    try {
      const data = limitTraining(await this.loadData(), s.samples);
      if (this.destroyed) return;
      this.trainer?.destroy();
      const network = networkOf(s);
      this.network = network;
      this.scaling = pixelRange(data.train);
      const trainer = (this.trainer = new Trainer(
        data,
        {
          network,
          optimizer: optimizerConfig(s.optimizer, { learningRate: s.learningRate, l2: s.l2, momentum: s.momentum }),
          batchSize: s.batchSize,
          epochs: s.epochs,
          seed: s.seed,
          patience: s.patience,
          // Small slices of work between screen updates keep the page responsive on the CPU.
          readbackEvery: s.backend === 'cpu' ? 4 : 10
        },
        {
          progress: (p) => this.onProgress(p),
          epoch: (r) => this.onEpoch(r),
          notice: (m) => (this.notices = [...this.notices, m]),
          backend: (b) => (this.backendLabel = b.label)
        }
      ));
      this.hasModel = true;
      this.status = 'training';
      const result = await trainer.run(s.backend === 'webgpu' ? browserWebGpu : undefined);
      if (this.destroyed) {
        trainer.destroy();
        this.trainer = null;
        return;
      }
      this.status = result.status === 'diverged' ? 'failed' : 'done';
      // The trainer words its outcome in English (the CLI prints it); the page says it in its language.
      this.message =
        result.status === 'completed' ? m.train_done_completed({ count: result.epochs.length })
        : result.status === 'stopped' ? m.train_done_stopped({ epoch: result.epochs.length + 1 })
        : result.status === 'early-stopped' ? m.train_done_early({ patience: s.patience, epoch: result.keptEpoch })
        : result.message;
      if (result.test) {
        this.testAccuracy = result.test.accuracy;
        this.summariseTest(data.test, result.test.predictions);
      }
      await this.refreshWeights(result.keptEpoch);
    } catch (err) {
      this.status = 'failed';
      this.message = (err as Error).message;
    }
  }

  pause(): void {
    this.trainer?.pause();
    if (this.status === 'training') this.status = 'paused';
  }

  resume(): void {
    this.trainer?.resume();
    if (this.status === 'paused') this.status = 'training';
  }

  stop(): void {
    this.trainer?.stop();
  }

  /** The ten class probabilities for one 28×28 image, on the current weights. */
  async classify(pixels: Uint8Array): Promise<Float32Array | null> {
    if (!this.trainer) return null;
    return this.trainer.predict({ count: 1, rows: 28, cols: 28, pixels, labels: new Uint8Array(1) });
  }

  private reset(): void {
    this.message = '';
    this.notices = [];
    this.progress = null;
    this.trainCurve = [];
    this.validationCurve = [];
    this.epochs = [];
    this.testAccuracy = null;
    this.confusion = null;
    this.mistakes = [];
    this.model = null;
  }

  private onProgress(p: Progress): void {
    this.progress = p;
    this.trainCurve.push({ x: p.epoch - 1 + p.batch / p.batches, loss: p.recentLoss, accuracy: p.recentAccuracy });
  }

  private onEpoch(r: EpochRecord): void {
    this.epochs.push(r);
    this.validationCurve.push({ x: r.epoch, loss: r.validationLoss, accuracy: r.validationAccuracy });
    void this.refreshWeights();
  }

  /** Stops the run and frees its backend once the run has wound down (a lesson page does this when it goes away). */
  destroy(): void {
    this.destroyed = true;
    this.trainer?.stop();
    if (!this.running && this.status !== 'loading') {
      this.trainer?.destroy();
      this.trainer = null;
    }
  }

  private async refreshWeights(epoch = this.epochs.length): Promise<void> {
    const backend = this.trainer?.backend;
    if (!backend || !this.network || !this.scaling) return;
    const state = await backend.exportState();
    this.model = { network: this.network, scaling: this.scaling, params: state.params, epoch };
  }

  private summariseTest(test: ImageSet, predictions: Uint8Array): void {
    const classes = 10;
    const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    const mistakes: Mistake[] = [];
    for (let i = 0; i < test.count; i++) {
      confusion[test.labels[i]][predictions[i]]++;
      if (test.labels[i] !== predictions[i] && mistakes.length < 24) mistakes.push({ index: i, label: test.labels[i], predicted: predictions[i] });
    }
    this.confusion = confusion;
    this.mistakes = mistakes;
  }
}

const browserWebGpu: BackendOpener = async (setup, state) =>
  WebGpuBackend.create(await openGpuDevice(typeof navigator === 'undefined' ? undefined : navigator.gpu), setup, state);
