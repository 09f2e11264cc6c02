// The training loop on a tiny data set, for the ::loop widget and the lesson on it. A line
// ŷ = w·x + b is fitted to points split into training, validation and test sets. The cost over a
// set is the mean of the examples' losses, C = (1/m) Σ ½(ŷᵢ − yᵢ)²; an epoch is one pass over the
// training examples in order, in batches of `batch`, each batch one update of gradient descent on
// that batch's cost; after every epoch the cost over the training and the validation set is
// recorded, and the test set is measured once, at the end. Costs and gradients come from the graph
// engine (one graph per batch size) and each update from optimize() with the one optimizer table.
import { Graph } from './graph.ts';
import { optimize } from './optimize.ts';
import { optimizerSettings } from './optimizers.ts';
import { parseExpression, type GraphSpec } from './spec.ts';
import { parseNumberList, pieces, readNumber, type TextProblem } from './perceptron.ts';
import type { WidgetState } from './widget-state.ts';

export interface Example {
  x: number;
  y: number;
}

export type SetName = 'train' | 'validation' | 'test';
export const SET_NAMES: readonly SetName[] = ['train', 'validation', 'test'];

export type Split = Record<SetName, Example[]>;

export interface LoopSettings {
  /** The learning rate α. */
  rate: number;
  /** Examples per update; the last batch of an epoch may be smaller. */
  batch: number;
  epochs: number;
  /** w and b before training. */
  init: [number, number];
}

/** One update: which training examples it used, their cost and gradients, and w, b after it. */
export interface LoopUpdate {
  /** 1-based epoch and batch within it. */
  epoch: number;
  batch: number;
  /** Indices into the training set, first to last inclusive. */
  first: number;
  last: number;
  /** The batch's cost before the update, and ∂C/∂w, ∂C/∂b there. */
  cost: number;
  dw: number;
  db: number;
  /** w and b after the update. */
  w: number;
  b: number;
}

/** w and b after an epoch (epoch 0: before training) and the cost over each set there. */
export interface LoopEpoch {
  epoch: number;
  w: number;
  b: number;
  train: number;
  validation: number;
}

export interface LoopRun {
  settings: LoopSettings;
  updates: LoopUpdate[];
  epochs: LoopEpoch[];
  /** The cost over the test set with the final w and b (measured once, after training). */
  test: number;
  /** Updates per epoch: ⌈training examples / batch⌉. */
  perEpoch: number;
  /**
   * Set when w or b ran past 10⁶, or an epoch ended with a training cost 10⁴ times the starting one
   * (a learning rate too large): the run stops there.
   */
  diverged: { epoch: number; batch: number } | null;
  /** The training cost ended higher than it started (a learning rate too large, short of diverging). */
  grew: boolean;
}

/** The loss of one example; the cost of a set is its mean. */
export const exampleLoss = (w: number, b: number, e: Example) => 0.5 * (w * e.x + b - e.y) ** 2;

const graphs = new Map<number, Graph>();
const ref = (name: string) => ({ kind: 'ref' as const, name });

/** The cost of m examples as a graph: ŷᵢ = w·xᵢ + b, Lᵢ = ½(ŷᵢ − yᵢ)², C = (L₁ + … + Lₘ)/m. */
export function costGraph(m: number): Graph {
  let graph = graphs.get(m);
  if (graph) return graph;
  const node = (name: string, source: string) => {
    const expr = parseExpression(source, ref);
    if ('message' in expr) throw new Error(`cost graph: ${expr.message}`);
    return { name, expr, source };
  };
  const at = Array.from({ length: m }, (_, i) => i + 1);
  const inputs = Object.fromEntries(at.flatMap((i) => [[`x${i}`, 0], [`y${i}`, 0]]));
  const spec: GraphSpec = {
    params: { w: 0, b: 0 },
    inputs,
    nodes: [
      ...at.map((i) => node(`yhat${i}`, `w*x${i} + b`)),
      ...at.map((i) => node(`L${i}`, `(yhat${i} - y${i})^2/2`)),
      node('C', `(${at.map((i) => `L${i}`).join(' + ')})/${m}`)
    ],
    loss: 'C',
    learningRate: 0.1,
    tex: { C: 'C', w: 'w', b: 'b' }
  };
  graph = new Graph(spec);
  graphs.set(m, graph);
  return graph;
}

const numbersOf = (examples: Example[], w: number, b: number) => ({
  w,
  b,
  ...Object.fromEntries(examples.flatMap((e, i) => [[`x${i + 1}`, e.x], [`y${i + 1}`, e.y]]))
});

/** The cost over a set: the mean of ½(ŷ − y)² over its examples (NaN for an empty set). */
export function setCost(examples: Example[], w: number, b: number): number {
  if (!examples.length) return Number.NaN;
  return costGraph(examples.length).solve(numbersOf(examples, w, b)).loss;
}

/** w or b beyond this, or a training cost this many times the starting one: the run is diverging, and stops. */
const BOUND = 1e6;
const GROWTH = 1e4;

/** Train for `epochs` epochs (see the module's opening comment). */
export function runLoop(split: Split, settings: LoopSettings): LoopRun {
  const { rate, batch, epochs } = settings;
  const train = split.train;
  const perEpoch = Math.ceil(train.length / batch);
  let [w, b] = settings.init;
  const record = (epoch: number): LoopEpoch => ({ epoch, w, b, train: setCost(train, w, b), validation: setCost(split.validation, w, b) });
  const out: LoopRun = { settings, updates: [], epochs: [record(0)], test: Number.NaN, perEpoch, diverged: null, grew: false };
  const sgd = optimizerSettings('sgd', { learningRate: rate });
  for (let epoch = 1; epoch <= epochs && !out.diverged; epoch++) {
    for (let k = 0; k < perEpoch; k++) {
      const first = k * batch;
      const examples = train.slice(first, first + batch);
      const steps = optimize(costGraph(examples.length), sgd, 1, numbersOf(examples, w, b)).steps;
      const [before, after] = steps;
      if (!after) {
        out.diverged = { epoch, batch: k + 1 };
        break;
      }
      w = after.params.w;
      b = after.params.b;
      out.updates.push({ epoch, batch: k + 1, first, last: first + examples.length - 1, cost: before.loss, dw: before.gradients.w, db: before.gradients.b, w, b });
      if (!(Math.abs(w) <= BOUND && Math.abs(b) <= BOUND)) {
        out.diverged = { epoch, batch: k + 1 };
        break;
      }
    }
    if (out.diverged) break;
    const done = record(epoch);
    out.epochs.push(done);
    // Ten thousand times the starting cost: the updates are running away, not learning.
    if (done.train > GROWTH * out.epochs[0].train) out.diverged = { epoch, batch: perEpoch };
  }
  out.test = out.diverged ? Number.NaN : setCost(split.test, w, b);
  out.grew = !out.diverged && out.epochs.at(-1)!.train > out.epochs[0].train;
  return out;
}

// ── One ::loop widget, from its attributes ─────────────────────────────────────────────────────

export interface LoopWidget {
  split: Split;
  settings: LoopSettings;
  /** The batch sizes the student can pick: 1, 2, 4, … up to the training set, and the set itself. */
  batches: number[];
  maxRate: number;
  maxEpochs: number;
}

export type LoopProblem = TextProblem & { attribute: string };

export const MAX_LOOP_EPOCHS = 500;
export const MAX_LOOP_POINTS = 100;

/** "x,y; x,y; …": the examples, or the problem at its place in the text. */
export function parseExamples(text: string): Example[] | TextProblem {
  const out: Example[] = [];
  for (const piece of pieces(text, ';')) {
    if (!piece.text) return { message: 'an example is missing (two ; in a row, or one at an end)', offset: piece.offset };
    const values = parseNumberList(piece.text, piece.offset);
    if (!Array.isArray(values)) return values;
    if (values.length !== 2) return { message: `an example is two numbers, x and y, like "1.5, 3.9", not "${piece.text}"`, offset: piece.offset };
    out.push({ x: values[0], y: values[1] });
  }
  return out;
}

/** 1, 2, 4, … below n, then n itself (full batch). */
export const batchChoices = (n: number) => [...Array.from({ length: Math.ceil(Math.log2(Math.max(n, 1))) }, (_, i) => 2 ** i).filter((b) => b < n), n];

/**
 * Read data=, split=, rate=, batch=, epochs=, init=, max-rate=; every problem found, each at its
 * attribute (inside the value where the character is known).
 */
export function readLoopAttributes(attributes: Record<string, string | undefined>): { widget: LoopWidget | null; problems: LoopProblem[] } {
  const problems: LoopProblem[] = [];
  const problem = (attribute: string, message: string, offset = 0) => problems.push({ attribute, message, offset });
  const number = (name: string, fallback: number) => {
    const text = attributes[name];
    return text === undefined ? fallback : (readNumber(text) ?? Number.NaN);
  };

  let examples: Example[] = [];
  if (attributes.data === undefined) problem('data', 'needs data="x,y; x,y; …": the examples, training first, then validation, then test');
  else {
    const read = parseExamples(attributes.data);
    if (!Array.isArray(read)) problem('data', `in data, ${read.message}`, read.offset);
    else if (read.length < 3 || read.length > MAX_LOOP_POINTS) problem('data', `data needs 3 to ${MAX_LOOP_POINTS} examples, not ${read.length}`);
    else examples = read;
  }

  let sizes: number[] = [];
  if (attributes.split === undefined) problem('split', 'needs split="train,validation,test": how many of the examples go in each set, in the order written');
  else {
    const read = parseNumberList(attributes.split);
    if (!Array.isArray(read)) problem('split', `in split, ${read.message}`, read.offset);
    else if (read.length !== 3 || read.some((n) => !Number.isInteger(n) || n < 0) || read[0] < 1) problem('split', `split needs three whole numbers, train (at least 1), validation and test, like split="8,2,2", not "${attributes.split}"`);
    else if (examples.length && read[0] + read[1] + read[2] !== examples.length) problem('split', `split adds up to ${read[0] + read[1] + read[2]}, but data has ${examples.length} examples`);
    else sizes = read;
  }

  const rate = number('rate', 0.1);
  const maxRate = number('max-rate', Math.max(1, rate));
  if (!(rate > 0 && rate <= 10)) problem('rate', `rate must be a number above 0 and at most 10, not "${attributes.rate}"`);
  if (!(maxRate > 0 && maxRate <= 10)) problem('max-rate', `max-rate must be a number above 0 and at most 10, not "${attributes['max-rate']}"`);
  else if (maxRate < rate) problem('max-rate', `max-rate (${maxRate}) is below rate (${rate}): the slider could not show the rate`);

  const epochs = number('epochs', 20);
  if (!(Number.isInteger(epochs) && epochs >= 1 && epochs <= MAX_LOOP_EPOCHS)) problem('epochs', `epochs must be a whole number from 1 to ${MAX_LOOP_EPOCHS}, not "${attributes.epochs}"`);

  const trainSize = sizes[0] ?? 0;
  const batch = number('batch', trainSize || 1);
  const batches = batchChoices(trainSize);
  if (!(Number.isInteger(batch) && batch >= 1)) problem('batch', `batch must be a whole number from 1 up, not "${attributes.batch}"`);
  else if (trainSize && !batches.includes(batch)) problem('batch', `batch ${batch} is not one the widget offers for ${trainSize} training examples (${batches.join(', ')})`);

  let init: [number, number] = [0, 0];
  if (attributes.init !== undefined) {
    const read = parseNumberList(attributes.init);
    if (!Array.isArray(read)) problem('init', `in init, ${read.message}`, read.offset);
    else if (read.length !== 2) problem('init', `init is w and b before training, like init="0,0", not "${attributes.init}"`);
    else init = [read[0], read[1]];
  }

  if (problems.length || !sizes.length) return { widget: null, problems };
  const split: Split = {
    train: examples.slice(0, sizes[0]),
    validation: examples.slice(sizes[0], sizes[0] + sizes[1]),
    test: examples.slice(sizes[0] + sizes[1])
  };
  return { widget: { split, settings: { rate, batch, epochs, init }, batches, maxRate, maxEpochs: Math.max(epochs, Math.min(MAX_LOOP_EPOCHS, 100)) }, problems };
}

/** The rate slider's step (and lowest value). */
export const loopRateStep = (maxRate: number) => (maxRate <= 1 ? 0.01 : 0.05);

/** A ::loop with an id publishes its rate, batch and epochs: rate(id), batch(id), epochs(id) in an answer. */
export function loopState(widget: LoopWidget): WidgetState {
  const { rate, batch, epochs } = widget.settings;
  return {
    widget: 'loop',
    values: { rate, batch, epochs },
    ranges: { rate: [loopRateStep(widget.maxRate), widget.maxRate], batch: [1, widget.split.train.length], epochs: [1, widget.maxEpochs] },
    steps: { epochs: 1 },
    choices: { batch: widget.batches }
  };
}
