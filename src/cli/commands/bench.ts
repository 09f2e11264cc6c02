// `backstep bench train`: one run, one table — our CPU and WebGPU trainers against TensorFlow.js
// (pure-JS cpu, wasm, and webgpu on the same adapter) on the same digits, the same 784-128-10
// network, batch 64 and Adam: median epoch time, samples per second, test accuracy, ratios.
import { CliError, parseOptions, type Command } from '../command.ts';
import { loadDataset } from '../../lib/train/node/datasets.ts';
import { openerFor, type BackendName } from '../../lib/train/node/backends.ts';
import { nodeGpu } from '../../lib/train/node/gpu.ts';
import { ProgressBar } from '../../lib/train/node/progress-bar.ts';
import { featuresOf, limitTraining, pixelRange, type ImageSet, type SplitDataset } from '../../lib/train/data/dataset.ts';
import { Trainer } from '../../lib/train/trainer.ts';
import { defaultNetwork } from '../../lib/train/network.ts';
import { optimizerConfig } from '../../lib/train/optimizers.ts';
import { describeAdapter } from '../../lib/train/webgpu/device.ts';
import { medianOf } from './train.ts';

const RUNNERS = ['backstep-cpu', 'backstep-webgpu', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgpu'] as const;
type Runner = (typeof RUNNERS)[number];

const usage = `Usage: backstep bench train [--epochs N] [--samples N] [--only LIST] [--json]

Trains the same 784-128-10 ReLU/softmax network (batch 64, Adam, learning rate 0.001) on the
same mnist10k digits with each backend in turn, then prints one table: median epoch time,
training samples per second, test accuracy (1,000 held-out digits), and how many times faster
each row is than each TensorFlow.js backend. TensorFlow.js runs in this process: its webgpu
backend on the same WebGPU adapter as ours, its wasm backend from node_modules.

  --epochs N      epochs per backend (default 5)
  --samples N     training digits (default 8000, all of the training split)
  --only LIST     comma-separated subset of: ${RUNNERS.join(', ')}
  --seed N        (default 1)
  --json          print the rows as JSON instead of a table`;

interface Row {
  runner: Runner;
  label: string;
  epochSeconds: number[];
  medianEpochSeconds: number;
  samplesPerSecond: number;
  testAccuracy: number;
  note?: string;
}

const ARCH = [784, 128, 10];
const BATCH = 64;
const LEARNING_RATE = 0.001;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: o, positionals } = parseOptions(
      argv,
      { epochs: { type: 'string' }, samples: { type: 'string' }, only: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
      usage
    );
    if (positionals[0] !== 'train' || positionals.length !== 1) throw new CliError(usage, 2);
    const epochs = Number(o.epochs ?? 5);
    const samples = Number(o.samples ?? 8000);
    const seed = Number(o.seed ?? 1);
    if (![epochs, samples].every((n) => Number.isInteger(n) && n > 0)) throw new CliError('--epochs and --samples take positive integers', 2);
    const runners = (o.only ? o.only.split(',') : [...RUNNERS]) as Runner[];
    const unknown = runners.filter((r) => !RUNNERS.includes(r));
    if (unknown.length) throw new CliError(`--only: unknown ${unknown.join(', ')} (use ${RUNNERS.join(', ')})`, 2);

    const data = limitTraining(loadDataset('mnist10k'), samples);
    const adapter = await adapterName();
    process.stderr.write(`bench: ${data.train.count} training digits, ${epochs} epochs, ${ARCH.join('-')}, batch ${BATCH}, Adam ${LEARNING_RATE}; adapter: ${adapter}\n`);
    const rows: Row[] = [];
    for (const runner of runners) {
      const bar = new ProgressBar(`${runner}: `);
      const row = runner.startsWith('backstep')
        ? await runBackstep(runner, data, epochs, seed, bar)
        : await runTfjs(runner, data, epochs, seed, bar);
      bar.note(`${row.medianEpochSeconds.toFixed(2)} s/epoch, test accuracy ${(100 * row.testAccuracy).toFixed(2)}%${row.note ? ` (${row.note})` : ''}`);
      rows.push(row);
    }
    if (o.json) console.log(JSON.stringify({ adapter, epochs, samples: data.train.count, batch: BATCH, rows }, null, 2));
    else console.log(table(rows, adapter, epochs, data.train.count));
    return 0;
  }
};

async function adapterName(): Promise<string> {
  try {
    const adapter = await (await nodeGpu()).requestAdapter();
    return adapter ? describeAdapter(adapter) : 'none';
  } catch (err) {
    return `none (${(err as Error).message})`;
  }
}

async function runBackstep(runner: Runner, data: SplitDataset, epochs: number, seed: number, bar: ProgressBar): Promise<Row> {
  const backend: BackendName = runner === 'backstep-webgpu' ? 'webgpu' : 'cpu';
  const trainer = new Trainer(
    data,
    { network: defaultNetwork(ARCH), optimizer: optimizerConfig('adam', { learningRate: LEARNING_RATE }), batchSize: BATCH, epochs, seed },
    { progress: (p) => bar.update(p), epoch: (r) => bar.epoch(r), notice: (m) => bar.note(`notice: ${m}`) }
  );
  try {
    const result = await trainer.run(openerFor(backend));
    const times = result.epochs.map((e) => e.trainSeconds);
    return row(runner, result.backend, times, data.train.count, result.test?.accuracy ?? NaN, result.fallback ?? undefined);
  } finally {
    trainer.destroy();
  }
}

function row(runner: Runner, label: string, times: number[], samples: number, testAccuracy: number, note?: string): Row {
  const median = medianOf(times) ?? NaN;
  return { runner, label, epochSeconds: times, medianEpochSeconds: median, samplesPerSecond: samples / median, testAccuracy, note };
}

type Tf = typeof import('@tensorflow/tfjs');
let tfLoaded: Promise<Tf> | null = null;

/** TensorFlow.js with its wasm backend (files from node_modules) and its webgpu backend on our adapter. */
function loadTfjs(): Promise<Tf> {
  tfLoaded ??= (async () => {
    const gpu = await nodeGpu();
    if (typeof globalThis.navigator === 'undefined') {
      Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
    } else if (!('gpu' in globalThis.navigator)) {
      Object.defineProperty(globalThis.navigator, 'gpu', { value: gpu, configurable: true });
    }
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    await import('@tensorflow/tfjs-backend-webgpu');
    const { createRequire } = await import('node:module');
    const { dirname } = await import('node:path');
    const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${wasmDir}/`);
    tf.env().set('PROD', true); // no "install tfjs-node" banner
    return tf;
  })();
  return tfLoaded;
}

function tensors(tf: Tf, set: ImageSet, min: number, max: number, classes: number) {
  const features = featuresOf(set);
  const x = new Float32Array(set.count * features);
  for (let i = 0; i < x.length; i++) x[i] = (set.pixels[i] - min) / (max - min);
  return {
    x: tf.tensor2d(x, [set.count, features]),
    y: tf.oneHot(tf.tensor1d(Int32Array.from(set.labels), 'int32'), classes).toFloat()
  };
}

async function runTfjs(runner: Runner, data: SplitDataset, epochs: number, seed: number, bar: ProgressBar): Promise<Row> {
  const tf = await loadTfjs();
  const backend = runner.slice('tfjs-'.length);
  if (!(await tf.setBackend(backend))) throw new CliError(`TensorFlow.js could not start its ${backend} backend`);
  await tf.ready();
  const { min, max } = pixelRange(data.train);
  const train = tensors(tf, data.train, min, max, data.classes);
  const test = tensors(tf, data.test, min, max, data.classes);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: ARCH[1], activation: 'relu', inputShape: [ARCH[0]], kernelInitializer: tf.initializers.heUniform({ seed }) }),
      tf.layers.dense({ units: ARCH[2], activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed }) })
    ]
  });
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const times: number[] = [];
  let started = 0;
  // Only epoch callbacks: a per-batch callback would make TensorFlow.js read the loss back every batch.
  await model.fit(train.x, train.y, {
    epochs,
    batchSize: BATCH,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        started = performance.now();
      },
      onEpochEnd: async (epoch, logs) => {
        const seconds = (performance.now() - started) / 1000;
        times.push(seconds);
        bar.note(`epoch ${epoch + 1}: loss ${logs!.loss.toFixed(4)}, acc ${(100 * (logs!.acc as number)).toFixed(2)}%, ${seconds.toFixed(2)} s`);
      }
    }
  });
  const predicted = tf.tidy(() => (model.predict(test.x) as import('@tensorflow/tfjs').Tensor).argMax(-1));
  const labels = await predicted.data();
  let correct = 0;
  labels.forEach((label, i) => (correct += label === data.test.labels[i] ? 1 : 0));
  tf.dispose([train.x, train.y, test.x, test.y, predicted]);
  model.dispose();
  const adapter = backend === 'webgpu' ? ` · ${await adapterName()}` : '';
  return row(runner, `TensorFlow.js ${tf.version.tfjs} ${backend}${adapter}`, times, data.train.count, correct / data.test.count);
}

function table(rows: Row[], adapter: string, epochs: number, samples: number): string {
  const tfjs = rows.filter((r) => r.runner.startsWith('tfjs'));
  const head = ['backend', 'epoch (median)', 'samples/s', 'test acc', ...tfjs.map((t) => `vs ${t.runner}`)];
  const body = rows.map((r) => [
    r.runner + (r.note ? ' *' : ''),
    `${r.medianEpochSeconds.toFixed(2)} s`,
    Math.round(r.samplesPerSecond).toLocaleString('en-US'),
    `${(100 * r.testAccuracy).toFixed(1)}%`,
    ...tfjs.map((t) => `${(t.medianEpochSeconds / r.medianEpochSeconds).toFixed(2)}×`)
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const notes = rows.filter((r) => r.note).map((r) => `* ${r.runner}: ${r.note}`);
  return [
    `${samples} training digits, ${epochs} epochs, 784-128-10, batch ${BATCH}, Adam ${LEARNING_RATE}; WebGPU adapter: ${adapter}`,
    line(head),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...body.map(line),
    '"vs X" = X\'s median epoch time ÷ this row\'s (higher is faster).',
    ...notes
  ].join('\n');
}
