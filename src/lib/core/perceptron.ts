// Step neurons before gradients: McCulloch–Pitts neurons (weighted sum, threshold, 0/1 output),
// small networks of them and their truth tables, and Rosenblatt's perceptron rule stepped one
// sample at a time with every update's numbers kept, for the ::perceptron widget and its lesson.
// Pure TypeScript: the component only draws what these functions return.
import { Random } from './random.ts';

/** A McCulloch–Pitts neuron: it fires (outputs 1) when Σ wᵢ·xᵢ ≥ threshold, else outputs 0. */
export interface StepNeuron {
  weights: number[];
  threshold: number;
}

/** Layers of step neurons; each layer reads the outputs of the one before (the first reads the inputs). */
export type StepNetwork = StepNeuron[][];

/** One labelled example: the inputs and the 0/1 answer wanted. */
export interface Sample {
  x: number[];
  target: 0 | 1;
}

export const gateNames = ['and', 'or', 'nand', 'nor', 'xor'] as const;
export type GateName = (typeof gateNames)[number];

const gateRule: Record<GateName, (a: number, b: number) => boolean> = {
  and: (a, b) => a === 1 && b === 1,
  or: (a, b) => a === 1 || b === 1,
  nand: (a, b) => !(a === 1 && b === 1),
  nor: (a, b) => !(a === 1 || b === 1),
  xor: (a, b) => a !== b
};

/** The inputs of a two-input truth table, in the usual order 00, 01, 10, 11. */
export const binaryInputs: number[][] = [[0, 0], [0, 1], [1, 0], [1, 1]];

/** The four rows of a two-input gate as samples. */
export function gateSamples(gate: GateName): Sample[] {
  return binaryInputs.map(([a, b]) => ({ x: [a, b], target: gateRule[gate](a, b) ? 1 : 0 }));
}

/** Σ wᵢ·xᵢ. */
export function weightedSum(weights: readonly number[], x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] * x[i];
  return sum;
}

/** The step function of the slides: 1 when the sum reaches the threshold, 0 below it. */
export function step(sum: number, threshold = 0): 0 | 1 {
  return sum >= threshold ? 1 : 0;
}

export function neuronOutput(neuron: StepNeuron, x: readonly number[]): 0 | 1 {
  return step(weightedSum(neuron.weights, x), neuron.threshold);
}

/** Every layer's outputs for one input; the last layer's are the network's. */
export function runNetwork(network: StepNetwork, x: readonly number[]): (0 | 1)[][] {
  const outputs: (0 | 1)[][] = [];
  let current: readonly number[] = x;
  for (const layer of network) {
    const out = layer.map((neuron) => neuronOutput(neuron, current));
    outputs.push(out);
    current = out;
  }
  return outputs;
}

export interface TruthRow {
  x: number[];
  /** Each layer's outputs, hidden layers first; the last entry is the network's output. */
  layers: (0 | 1)[][];
  output: 0 | 1;
  /** The answer wanted, when the rows come from samples with targets. */
  target?: 0 | 1;
}

/** The network on every sample (by default every 0/1 input of its width): its truth table. */
export function truthTable(network: StepNetwork, samples?: readonly Sample[]): TruthRow[] {
  const width = network[0]?.[0]?.weights.length ?? 0;
  const rows: { x: number[]; target?: 0 | 1 }[] = samples ? samples.map((s) => ({ x: s.x, target: s.target })) : allBinary(width).map((x) => ({ x }));
  return rows.map(({ x, target }) => {
    const layers = runNetwork(network, x);
    return { x, layers, output: layers.at(-1)![0], ...(target === undefined ? {} : { target }) };
  });
}

/** All 2ⁿ inputs of n bits, counting up (00, 01, 10, 11 for n = 2). */
export function allBinary(n: number): number[][] {
  return Array.from({ length: 2 ** n }, (_, k) => Array.from({ length: n }, (_, i) => (k >> (n - 1 - i)) & 1));
}

/**
 * A ⊕ B = A·B̄ + Ā·B as two layers of step neurons: one hidden neuron fires for "A and not B",
 * the other for "not A and B", and the output neuron is an OR of the two.
 */
export const xorNetwork: StepNetwork = [
  [
    { weights: [1, -1], threshold: 1 },
    { weights: [-1, 1], threshold: 1 }
  ],
  [{ weights: [1, 1], threshold: 1 }]
];

// ── Reading the widget's attributes ────────────────────────────────────────────────────────────

/** A problem in an attribute's text, at a character offset inside it (for file:line:col). */
export interface TextProblem {
  message: string;
  offset: number;
}

const numberPattern = /^[-+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A plain number as an attribute writes it (− allowed), or null. */
export const readNumber = (text: string): number | null => {
  const t = text.trim().replace('−', '-');
  return numberPattern.test(t) ? Number(t) : null;
};

/** Split `text` on `separator`, keeping each piece's offset in `text` (trimmed). */
export function pieces(text: string, separator: string, base = 0): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let at = 0;
  for (const raw of text.split(separator)) {
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), offset: base + at + lead });
    at += raw.length + separator.length;
  }
  return out;
}

/** Comma-separated numbers, e.g. "1, -1" or "0,0,0". */
export function parseNumberList(text: string, base = 0): number[] | TextProblem {
  const values: number[] = [];
  for (const piece of pieces(text, ',', base)) {
    const value = readNumber(piece.text);
    if (value === null) return { message: piece.text ? `"${piece.text}" is not a number` : 'a number is missing (two commas in a row, or one at an end)', offset: piece.offset };
    values.push(value);
  }
  return values;
}

/**
 * A network written layer by layer: neurons as `weights>=threshold`, neurons of a layer separated
 * by `;`, layers by `|`. "1,1>=2" is AND; "1,-1>=1; -1,1>=1 | 1,1>=1" is the XOR network above.
 * Each neuron needs one weight per output of the layer before (per input for the first layer),
 * and the last layer has one neuron, the output.
 */
export function parseNetwork(text: string, inputs: number): StepNetwork | TextProblem {
  const network: StepNetwork = [];
  let width = inputs;
  for (const layerText of pieces(text, '|')) {
    if (!layerText.text) return { message: 'a layer is empty (two | in a row, or one at an end)', offset: layerText.offset };
    const layer: StepNeuron[] = [];
    for (const neuronText of pieces(layerText.text, ';', layerText.offset)) {
      const at = neuronText.text.indexOf('>=');
      if (at === -1) return { message: `write each neuron as weights>=threshold, like "1,1>=2", not "${neuronText.text}"`, offset: neuronText.offset };
      const weights = parseNumberList(neuronText.text.slice(0, at), neuronText.offset);
      if (!Array.isArray(weights)) return weights;
      const threshold = readNumber(neuronText.text.slice(at + 2));
      if (threshold === null) return { message: `the threshold after >= must be a number, not "${neuronText.text.slice(at + 2).trim()}"`, offset: neuronText.offset + at + 2 };
      if (weights.length !== width) {
        const from = network.length === 0 ? `${width} input${width === 1 ? '' : 's'}` : `${width} neuron${width === 1 ? '' : 's'} in layer ${network.length}`;
        return { message: `this neuron has ${weights.length} weight${weights.length === 1 ? '' : 's'}, but it reads ${from}: it needs ${width}`, offset: neuronText.offset };
      }
      layer.push({ weights, threshold });
    }
    network.push(layer);
    width = layer.length;
  }
  if (width !== 1) return { message: `the last layer must be a single output neuron, not ${width}`, offset: pieces(text, '|').at(-1)!.offset };
  return network;
}

/**
 * The examples: a gate name (and, or, nand, nor, xor) or points written `x1,x2:target` separated
 * by `;`, e.g. "0.5,1:1; 2,0.5:0" (targets 0 or 1, both present).
 */
export function parseSamples(text: string): Sample[] | TextProblem {
  const name = text.trim().toLowerCase();
  if ((gateNames as readonly string[]).includes(name)) return gateSamples(name as GateName);
  if (/^[a-z]+$/.test(name)) return { message: `unknown gate "${text.trim()}" (use ${gateNames.join(', ')}, or points like "0.5,1:1; 2,0.5:0")`, offset: 0 };
  const samples: Sample[] = [];
  for (const piece of pieces(text, ';')) {
    const colon = piece.text.indexOf(':');
    if (colon === -1) return { message: `write each point as x1,x2:target, like "0.5,1:1", not "${piece.text}"`, offset: piece.offset };
    const x = parseNumberList(piece.text.slice(0, colon), piece.offset);
    if (!Array.isArray(x)) return x;
    if (x.length !== 2) return { message: `a point has two coordinates (x1,x2), not ${x.length}`, offset: piece.offset };
    const target = piece.text.slice(colon + 1).trim();
    if (target !== '0' && target !== '1') return { message: `the target after : must be 0 or 1, not "${target}"`, offset: piece.offset + colon + 1 };
    samples.push({ x, target: target === '1' ? 1 : 0 });
  }
  if (samples.length < 2 || new Set(samples.map((s) => s.target)).size < 2) return { message: 'give at least one point of each target, 0 and 1', offset: 0 };
  if (samples.length > MAX_SAMPLES) return { message: `at most ${MAX_SAMPLES} points, not ${samples.length}`, offset: 0 };
  return samples;
}

// ── Rosenblatt's perceptron rule ───────────────────────────────────────────────────────────────

/** The perceptron's output is step(w·x + b): the bias b plays the part of −T. */
export interface Perceptron {
  weights: number[];
  bias: number;
}

/** One sample seen by the rule, with every number of its update. */
export interface PerceptronUpdate {
  /** 1-based epoch, and the sample's 0-based position in it. */
  epoch: number;
  index: number;
  x: number[];
  target: 0 | 1;
  before: Perceptron;
  /** w·x + b with the weights before the update. */
  sum: number;
  output: 0 | 1;
  /** target − output: 0 (nothing changes), +1 or −1. */
  error: number;
  /** w + rate·error·x and b + rate·error. */
  after: Perceptron;
}

export interface PerceptronRun {
  /** Every sample seen, in order, epoch after epoch. */
  updates: PerceptronUpdate[];
  /** Mistakes (updates with a non-zero error) in each epoch, epoch 1 first. */
  mistakesPerEpoch: number[];
  /** True when the last epoch had no mistakes: the rule stopped because the perceptron separates the data. */
  converged: boolean;
  final: Perceptron;
}

export interface PerceptronOptions {
  /** The learning rate η (default 1). */
  rate?: number;
  /** Starting weights and bias (default all zero). */
  init?: Perceptron;
  /** Stop after this many epochs even without a mistake-free one (default 50). */
  maxEpochs?: number;
}

export function perceptronOutput(p: Perceptron, x: readonly number[]): 0 | 1 {
  return step(weightedSum(p.weights, x) + p.bias);
}

/** One step of the rule on one sample: w ← w + η(t − y)x, b ← b + η(t − y). */
export function perceptronUpdate(p: Perceptron, sample: Sample, rate: number, epoch = 1, index = 0): PerceptronUpdate {
  const sum = weightedSum(p.weights, sample.x) + p.bias;
  const output = step(sum);
  const error = sample.target - output;
  const after = error === 0 ? { weights: [...p.weights], bias: p.bias } : { weights: p.weights.map((w, i) => w + rate * error * sample.x[i]), bias: p.bias + rate * error };
  return { epoch, index, x: [...sample.x], target: sample.target, before: { weights: [...p.weights], bias: p.bias }, sum, output, error, after };
}

/**
 * The perceptron rule, sample by sample in the order given, until an epoch without a mistake or
 * maxEpochs epochs. On separable data it always stops (Novikoff's theorem); on XOR it never does.
 */
export function trainPerceptron(samples: readonly Sample[], options: PerceptronOptions = {}): PerceptronRun {
  const rate = options.rate ?? 1;
  const maxEpochs = options.maxEpochs ?? 50;
  const width = samples[0]?.x.length ?? 0;
  let current: Perceptron = options.init ? { weights: [...options.init.weights], bias: options.init.bias } : { weights: new Array(width).fill(0), bias: 0 };
  const updates: PerceptronUpdate[] = [];
  const mistakesPerEpoch: number[] = [];
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    let mistakes = 0;
    samples.forEach((sample, index) => {
      const update = perceptronUpdate(current, sample, rate, epoch, index);
      if (update.error !== 0) mistakes++;
      updates.push(update);
      current = update.after;
    });
    mistakesPerEpoch.push(mistakes);
    if (mistakes === 0) return { updates, mistakesPerEpoch, converged: true, final: current };
  }
  return { updates, mistakesPerEpoch, converged: false, final: current };
}

/** How many samples the perceptron gets wrong. */
export function countMistakes(p: Perceptron, samples: readonly Sample[]): number {
  return samples.filter((s) => perceptronOutput(p, s.x) !== s.target).length;
}

/** A single step neuron as a perceptron (b = −T), so both draw the same way. */
export function neuronAsPerceptron(neuron: StepNeuron): Perceptron {
  return { weights: [...neuron.weights], bias: -neuron.threshold };
}

// ── Geometry for drawing (two inputs) ──────────────────────────────────────────────────────────

export interface Box {
  x: [number, number];
  y: [number, number];
}

type Point2 = [number, number];

/**
 * The part of the box where w₁x + w₂y + b ≥ 0 (where the perceptron outputs 1), as a polygon, and
 * the boundary line w₁x + w₂y + b = 0 clipped to the box (null when it misses the box, or when
 * w₁ = w₂ = 0 and there is no line: then the region is the whole box or nothing).
 */
export function decisionRegion(p: Perceptron, box: Box): { firing: Point2[]; line: [Point2, Point2] | null } {
  const [w1, w2] = p.weights;
  const f = ([x, y]: Point2) => w1 * x + w2 * y + p.bias;
  const corners: Point2[] = [[box.x[0], box.y[0]], [box.x[1], box.y[0]], [box.x[1], box.y[1]], [box.x[0], box.y[1]]];
  // Clip the box polygon to the half-plane f ≥ 0 (one Sutherland–Hodgman pass).
  const firing: Point2[] = [];
  const crossings: Point2[] = [];
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i];
    const b = corners[(i + 1) % corners.length];
    const fa = f(a);
    const fb = f(b);
    if (fa >= 0) firing.push(a);
    if ((fa >= 0) !== (fb >= 0)) {
      const t = fa / (fa - fb);
      const cross: Point2 = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      firing.push(cross);
      crossings.push(cross);
    }
  }
  const line = (w1 !== 0 || w2 !== 0) && crossings.length === 2 ? ([crossings[0], crossings[1]] as [Point2, Point2]) : null;
  return { firing, line };
}

/** A box around the samples with a margin, at least the unit square grown by half on each side. */
export function boxAround(samples: readonly Sample[], margin = 0.5): Box {
  const xs = samples.map((s) => s.x[0]);
  const ys = samples.map((s) => s.x[1]);
  return {
    x: [Math.min(0, ...xs) - margin, Math.max(1, ...xs) + margin],
    y: [Math.min(0, ...ys) - margin, Math.max(1, ...ys) + margin]
  };
}

/**
 * Where a network fires, for shading: the box cut into `cells` × `cells` squares, the network run
 * at each square's centre, and neighbouring firing squares of a row merged into one rectangle.
 */
export function firingRectangles(network: StepNetwork, box: Box, cells = 48): Box[] {
  const dx = (box.x[1] - box.x[0]) / cells;
  const dy = (box.y[1] - box.y[0]) / cells;
  const out: Box[] = [];
  for (let row = 0; row < cells; row++) {
    const y0 = box.y[0] + row * dy;
    let start = -1;
    for (let col = 0; col <= cells; col++) {
      const fires = col < cells && runNetwork(network, [box.x[0] + (col + 0.5) * dx, y0 + dy / 2]).at(-1)![0] === 1;
      if (fires && start === -1) start = col;
      if (!fires && start !== -1) {
        out.push({ x: [box.x[0] + start * dx, box.x[0] + col * dx], y: [y0, y0 + dy] });
        start = -1;
      }
    }
  }
  return out;
}

/** Small random starting weights and bias, uniform in [−1, 1] with one decimal, from a seed. */
export function randomPerceptron(seed: number, inputs = 2): Perceptron {
  const random = new Random(seed);
  const draw = () => Math.round((random.next() * 2 - 1) * 10) / 10 || 0;
  return { weights: Array.from({ length: inputs }, draw), bias: draw() };
}

// ── One ::perceptron widget, from its attributes ───────────────────────────────────────────────

export interface PerceptronWidget {
  samples: Sample[];
  /** A fixed network to show (layers=), or null when the rule trains a single perceptron. */
  network: StepNetwork | null;
  /** The rule's whole run, every sample's update, when there is no fixed network. */
  run: PerceptronRun | null;
  init: Perceptron;
  /** init="random": the seed the starting weights were drawn from (the student may draw again). */
  randomSeed: number | null;
  rate: number;
  maxEpochs: number;
  box: Box;
}

/** The most epochs a widget runs, and the most points it takes (lint checks the same bounds). */
export const MAX_EPOCHS = 500;
export const MAX_SAMPLES = 200;

/** What a ::perceptron{data=… layers=… rate=… init=… epochs=…} shows (lint has checked the text). */
export function perceptronWidget(attributes: Record<string, string | undefined>): PerceptronWidget | TextProblem {
  const samples = parseSamples(attributes.data ?? '');
  if (!Array.isArray(samples)) return samples;
  const rate = attributes.rate === undefined ? 1 : Number(attributes.rate);
  const maxEpochs = attributes.epochs === undefined ? 50 : Number(attributes.epochs);
  // The page runs the whole rule at once: the same bounds as lint, so a typo in /author cannot hang it.
  if (!(rate > 0) || !Number.isFinite(rate)) return { message: `rate must be a positive number, not "${attributes.rate}"`, offset: 0 };
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1 || maxEpochs > MAX_EPOCHS) return { message: `epochs must be a whole number from 1 to ${MAX_EPOCHS}, not "${attributes.epochs}"`, offset: 0 };
  if (samples.length > MAX_SAMPLES) return { message: `at most ${MAX_SAMPLES} points, not ${samples.length}`, offset: 0 };
  const randomSeed = attributes.init?.trim() === 'random' ? Number(attributes.seed ?? 1) : null;
  let init: Perceptron;
  if (randomSeed !== null) {
    init = randomPerceptron(randomSeed);
  } else {
    const initValues = attributes.init === undefined ? [0, 0, 0] : parseNumberList(attributes.init);
    if (!Array.isArray(initValues)) return initValues;
    if (initValues.length !== 3) return { message: 'init needs w1, w2 and b', offset: 0 };
    init = { weights: initValues.slice(0, 2), bias: initValues[2] };
  }
  const box = boxAround(samples);
  if (attributes.layers !== undefined) {
    const network = parseNetwork(attributes.layers, 2);
    if (!Array.isArray(network)) return network;
    return { samples, network, run: null, init, randomSeed: null, rate, maxEpochs, box };
  }
  return { samples, network: null, run: trainPerceptron(samples, { rate, init, maxEpochs }), init, randomSeed, rate, maxEpochs, box };
}
