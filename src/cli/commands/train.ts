// `backstep train`: trains an MLP on MNIST-style digits from the command line, on the CPU or on
// WebGPU, with a progress bar on stderr and a JSON summary of the run on stdout.
import { CliError, parseOptions, type Command } from '../command.ts';
import { loadDataset } from '../../lib/train/node/datasets.ts';
import { BACKENDS, openerFor, type BackendName } from '../../lib/train/node/backends.ts';
import { ProgressBar } from '../../lib/train/node/progress-bar.ts';
import { limitTraining } from '../../lib/train/data/dataset.ts';
import { Trainer, type TrainOptions } from '../../lib/train/trainer.ts';
import {
  defaultNetwork, HIDDEN_ACTIVATIONS, INITIALISATIONS, LOSSES, OUTPUT_ACTIVATIONS, parameterCount, parseArchitecture,
  type HiddenActivation, type Initialisation, type Loss, type OutputActivation
} from '../../lib/train/network.ts';
import { optimizerConfig, OPTIMIZER_NAMES, type OptimizerName } from '../../lib/train/optimizers.ts';

const usage = `Usage: backstep train [options]

Trains a multilayer perceptron and prints a JSON summary (per-epoch loss and accuracy, test
accuracy, timing) on stdout; progress goes to stderr.

  --backend cpu|webgpu        where to train (default webgpu; falls back to cpu with a notice)
  --data mnist10k|idx:DIR     the 10,000 digits of the mnist package (8,000/1,000/1,000 split),
                              or standard IDX files in DIR (MNIST, Fashion-MNIST; .gz is fine)
  --arch 784-128-10           layer sizes, input first
  --epochs N                  (default 5)
  --batch N|full              mini-batch size; "full" = gradient descent on the whole set (default 64)
  --optimizer NAME            ${OPTIMIZER_NAMES.join(', ')} (default adam)
  --lr X                      learning rate (default: Keras's default for the optimizer)
  --momentum X                for momentum and nesterov (default 0.9)
  --activation NAME           hidden layers: ${HIDDEN_ACTIVATIONS.join(', ')} (default relu)
  --output NAME               ${OUTPUT_ACTIVATIONS.join(', ')} (default softmax)
  --loss NAME                 ${LOSSES.join(', ')} (default cross_entropy)
  --dropout RATE              after every hidden layer (default 0)
  --l1 X, --l2 X              weight penalties (default 0)
  --patience N                early stopping on validation loss, keeping the best weights
  --init auto|he|xavier       initial weights (default auto: He for ReLU, Xavier otherwise)
  --seed N                    initial weights, shuffling and dropout (default 1)
  --samples N                 train on the first N training images only
  --readback N                read loss/accuracy back every N batches (default 20)`;

/** Spellings from before the trainer and the lessons shared one vocabulary: accepted, with a notice. */
const OLD_SPELLINGS: Record<string, string> = { 'leaky-relu': 'leaky_relu', 'cross-entropy': 'cross_entropy', 'binary-cross-entropy': 'bce' };

function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  const current = OLD_SPELLINGS[value];
  if (current && (allowed as readonly string[]).includes(current)) {
    console.error(`backstep train: notice: --${name} ${value} is deprecated; write --${name} ${current} (the spelling lessons use)`);
    return current as T;
  }
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')}`, 2);
  return value as T;
}

function number(value: string | undefined, name: string, check: (n: number) => boolean = () => true): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new CliError(`--${name}: "${value}" is not a valid value`, 2);
  return n;
}

export const trainFlags = {
  backend: { type: 'string' },
  data: { type: 'string' },
  arch: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  activation: { type: 'string' },
  output: { type: 'string' },
  loss: { type: 'string' },
  dropout: { type: 'string' },
  l1: { type: 'string' },
  l2: { type: 'string' },
  patience: { type: 'string' },
  init: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  readback: { type: 'string' }
} as const;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: o, positionals } = parseOptions(argv, trainFlags, usage);
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"\n\n${usage}`, 2);
    const backendName = choice<BackendName>(o.backend, BACKENDS, 'backend', 'webgpu');
    const bar = new ProgressBar();
    let data;
    try {
      data = loadDataset(o.data ?? 'mnist10k', (note) => bar.note(note));
    } catch (err) {
      throw new CliError(`--data: ${(err as Error).message}`);
    }
    const positive = (n: number) => n > 0;
    const integer = (n: number) => Number.isInteger(n) && n > 0;
    data = limitTraining(data, number(o.samples, 'samples', integer));
    let sizes: number[];
    try {
      sizes = parseArchitecture(o.arch ?? `${data.train.rows * data.train.cols}-128-${data.classes}`);
    } catch (err) {
      throw new CliError(`--arch: ${(err as Error).message}`, 2);
    }
    const optimizerName = choice<OptimizerName>(o.optimizer, OPTIMIZER_NAMES, 'optimizer', 'adam');
    const options: TrainOptions = {
      network: defaultNetwork(sizes, {
        hidden: choice<HiddenActivation>(o.activation, HIDDEN_ACTIVATIONS, 'activation', 'relu'),
        output: choice<OutputActivation>(o.output, OUTPUT_ACTIVATIONS, 'output', o.loss === 'bce' || o.loss === 'binary-cross-entropy' ? 'sigmoid' : 'softmax'),
        loss: choice<Loss>(o.loss, LOSSES, 'loss', 'cross_entropy'),
        dropout: number(o.dropout, 'dropout', (n) => n >= 0 && n < 1) ?? 0,
        init: choice<Initialisation>(o.init, INITIALISATIONS, 'init', 'auto')
      }),
      optimizer: optimizerConfig(optimizerName, {
        learningRate: number(o.lr, 'lr', positive),
        momentum: number(o.momentum, 'momentum', (n) => n >= 0 && n < 1),
        l1: number(o.l1, 'l1', (n) => n >= 0),
        l2: number(o.l2, 'l2', (n) => n >= 0)
      }),
      batchSize: o.batch === 'full' ? data.train.count : (number(o.batch, 'batch', integer) ?? 64),
      epochs: number(o.epochs, 'epochs', integer) ?? 5,
      seed: number(o.seed, 'seed', Number.isInteger) ?? 1,
      patience: number(o.patience, 'patience', integer) ?? 0,
      readbackEvery: number(o.readback, 'readback', integer) ?? 20
    };

    let trainer: Trainer;
    try {
      trainer = new Trainer(data, options, {
        progress: (p) => bar.update(p),
        epoch: (r) => bar.epoch(r),
        notice: (message) => bar.note(`notice: ${message}`)
      });
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
    const started = performance.now();
    let result;
    try {
      result = await trainer.run(openerFor(backendName));
    } finally {
      bar.clear();
      trainer.destroy();
    }
    const seconds = result.epochs.map((e) => e.trainSeconds);
    const median = medianOf(seconds);
    const summary = {
      dataset: data.name,
      samples: { train: data.train.count, validation: data.validation.count, test: data.test.count },
      backend: result.backend,
      requestedBackend: backendName,
      fallback: result.fallback,
      network: { ...options.network, parameters: parameterCount(options.network.sizes) },
      optimizer: options.optimizer,
      batchSize: trainer.setup.batchSize,
      seed: options.seed,
      status: result.status,
      message: result.message,
      keptEpoch: result.keptEpoch,
      epochs: result.epochs,
      test: result.test && { loss: result.test.loss, accuracy: result.test.accuracy, count: result.test.count },
      medianEpochSeconds: median,
      samplesPerSecond: median ? data.train.count / median : null,
      totalSeconds: (performance.now() - started) / 1000
    };
    console.log(JSON.stringify(summary, null, 2));
    if (result.status === 'diverged') {
      console.error(`backstep train: ${result.message}`);
      return 1;
    }
    if (result.test) console.error(`test accuracy ${(100 * result.test.accuracy).toFixed(2)}% on ${result.test.count} images (${result.backend})`);
    return 0;
  }
};

export function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
