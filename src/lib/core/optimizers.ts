// The one optimizer table. Each optimizer of the course is a row: its name, label, the
// hyperparameters it reads, its state (velocity, m, v, …), its update rule as TeX and as code, and
// the trainer's default learning rate. Graphs (optimize.ts), the MNIST trainer (the CPU twin and the
// WebGPU kernel's parameters), its settings form and the ::trainer presets all read these rows, so
// adding an optimizer is a row here (plus a case in optimizer-step.wgsl for the GPU).

import type { Reporter } from './diagnostics.ts';
import type { Located, PathSegment } from './source.ts';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Every hyperparameter an optimizer may read; `learningRate` is α (η) in the formulas. */
export interface OptimizerSettings {
  name: OptimizerName;
  learningRate: number;
  momentum: number;
  rho: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Adagrad's starting sum of squared gradients. */
  initialAccumulator: number;
}

export type HyperparameterField = Exclude<keyof OptimizerSettings, 'name'>;

export interface Hyperparameter {
  field: HyperparameterField;
  /** How a spec (and a ::trainer attribute) spells it. */
  key: string;
  label: string;
  tex: string;
  /** Keras's default (the learning rate's depends on the optimizer: see `defaultLearningRate`). */
  default: number;
  /** The allowed values, as [low, high] with which ends are included. */
  range: { low: number; high: number; lowIncluded: boolean; highIncluded: boolean };
}

const open01 = { low: 0, high: 1, lowIncluded: true, highIncluded: false };

export const HYPERPARAMETERS: Record<HyperparameterField, Hyperparameter> = {
  learningRate: { field: 'learningRate', key: 'lr', label: 'learning rate', tex: '\\alpha', default: 0.01, range: { low: 0, high: Infinity, lowIncluded: false, highIncluded: false } },
  momentum: { field: 'momentum', key: 'momentum', label: 'momentum', tex: '\\mu', default: 0.9, range: open01 },
  rho: { field: 'rho', key: 'rho', label: 'decay of the mean square', tex: '\\rho', default: 0.9, range: open01 },
  beta1: { field: 'beta1', key: 'beta1', label: 'decay of the mean (β₁)', tex: '\\beta_1', default: 0.9, range: open01 },
  beta2: { field: 'beta2', key: 'beta2', label: 'decay of the mean square (β₂)', tex: '\\beta_2', default: 0.999, range: open01 },
  epsilon: { field: 'epsilon', key: 'epsilon', label: 'ε (keeps the division finite)', tex: '\\varepsilon', default: 1e-7, range: { low: 0, high: 1, lowIncluded: true, highIncluded: true } },
  initialAccumulator: { field: 'initialAccumulator', key: 'initial_accumulator', label: 'starting sum of squares', tex: 'G_0', default: 0.1, range: { low: 0, high: Infinity, lowIncluded: true, highIncluded: false } }
};

/** Why `value` is not allowed for a hyperparameter, or null when it is. */
export function hyperparameterError(h: Hyperparameter, value: unknown): string | null {
  const { low, high, lowIncluded, highIncluded } = h.range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (lowIncluded ? value >= low : value > low) &&
    (highIncluded ? value <= high : value < high);
  if (ok) return null;
  const allowed =
    high === Infinity
      ? `${lowIncluded ? 'at least' : 'above'} ${low}`
      : `from ${low} to ${high}${lowIncluded ? '' : ` (${low} not included)`}${highIncluded ? '' : ` (${high} not included)`}`;
  return `must be a number ${allowed}, not ${JSON.stringify(value) ?? String(value)}`;
}

/** Rounds an intermediate: Math.fround in the float32 trainer, the identity on float64 graphs. */
export type Round = (x: number) => number;
export const exact: Round = (x) => x;

/** The optimizer's state arrays, one entry per parameter, indexed like the parameters. */
export type Params = Float32Array | Float64Array;
export type Slots = Params[];

export interface StateSlot {
  /** The key in a trajectory's state (`velocity`, `m`, `v`, …). */
  key: string;
  tex: string;
  label: string;
  initial(settings: OptimizerSettings): number;
}

/** A quantity shown with the state but computed from it (Adam's bias-corrected m̂ and v̂). */
export interface DerivedState {
  key: string;
  tex: string;
  label: string;
  /** From the slot values of one parameter after update `t` (1-based). */
  of(slots: number[], settings: OptimizerSettings, t: number): number;
}

export interface Optimizer {
  name: OptimizerName;
  label: string;
  /** The case of the `switch OPTIMIZER` in train/webgpu/optimizer-step.wgsl. */
  kernelCode: number;
  /** Hyperparameters the rule reads, learning rate first. */
  reads: readonly HyperparameterField[];
  /** The MNIST trainer's default learning rate (Keras's); graphs use their spec's learning_rate. */
  defaultLearningRate: number;
  slots: readonly StateSlot[];
  derived: readonly DerivedState[];
  /** The update rule in TeX, one line per assignment (g = ∂C/∂w, t = update number from 1). */
  rule: readonly string[];
  /** α_t for update t (1-based): the learning rate, except where a rule folds a factor into it. */
  stepSize(settings: OptimizerSettings, t: number): number;
  /**
   * One update of every parameter: `w[i]` from its gradient `g[i]` for i < count, reading and
   * writing the state `slots[k][i]`. `h` holds the hyperparameters already rounded, `lr` is
   * `stepSize(…, t)` rounded, and `r` rounds each intermediate, so the float32 trainer and float64
   * graphs run the same rule. (A loop per rule, not a call per parameter: the trainer's CPU backend
   * runs it over every weight of every batch.)
   */
  apply(w: Params, g: Params, slots: Slots, count: number, h: OptimizerSettings, lr: number, r: Round): void;
  /**
   * The rule again with one update's numbers in, for walking a step like a backward pass: one TeX
   * line per line of `rule` (plus one for a value it uses, like Adam's ε̂), each written
   * `formula = formula with numbers = result`. `num` writes a number in TeX (the page's language).
   */
  walk(s: WalkNumbers, h: OptimizerSettings, num: (v: number) => string): string[];
}

/** One update of one param, as `walk` reads it: before (w, g, the slots) and after. */
export interface WalkNumbers {
  /** The update's number, from 1. */
  t: number;
  w: number;
  g: number;
  /** The slot values before and after the update, in the order of `slots`. */
  before: readonly number[];
  after: readonly number[];
  /** The derived values (m̂, v̂) after the update, in the order of `derived`. */
  derived: readonly number[];
  /** The param after the update. */
  next: number;
}

/** A number in a product or sum: negative ones in parentheses, (−8). */
const factor = (num: (v: number) => string, v: number) => (v < 0 || Object.is(v, -0) ? `(${num(v)})` : num(v));

const zero = () => 0;

const sgd: Optimizer = {
  name: 'sgd',
  label: 'SGD',
  kernelCode: 0,
  reads: ['learningRate'],
  defaultLearningRate: 0.01,
  slots: [],
  derived: [],
  rule: ['w \\leftarrow w - \\alpha g'],
  stepSize: (s) => s.learningRate,
  apply(w, g, _slots, count, _h, lr, r) {
    for (let i = 0; i < count; i++) w[i] = w[i] - r(lr * g[i]);
  },
  walk: (s, h, num) => [`w \\leftarrow w - \\alpha g = ${num(s.w)} - ${num(h.learningRate)} \\cdot ${factor(num, s.g)} = ${num(s.next)}`]
};

const momentum: Optimizer = {
  name: 'momentum',
  label: 'SGD + momentum',
  kernelCode: 1,
  reads: ['learningRate', 'momentum'],
  defaultLearningRate: 0.01,
  slots: [{ key: 'velocity', tex: 'v', label: 'velocity', initial: zero }],
  derived: [],
  rule: ['v \\leftarrow \\mu v - \\alpha g', 'w \\leftarrow w + v'],
  stepSize: (s) => s.learningRate,
  apply(w, g, slots, count, h, lr, r) {
    const v = slots[0];
    for (let i = 0; i < count; i++) {
      const velocity = (v[i] = r(h.momentum * v[i]) - r(lr * g[i]));
      w[i] = w[i] + velocity;
    }
  },
  walk: (s, h, num) => [
    `v \\leftarrow \\mu v - \\alpha g = ${num(h.momentum)} \\cdot ${factor(num, s.before[0])} - ${num(h.learningRate)} \\cdot ${factor(num, s.g)} = ${num(s.after[0])}`,
    `w \\leftarrow w + v = ${num(s.w)} + ${factor(num, s.after[0])} = ${num(s.next)}`
  ]
};

/** Momentum with Keras's form of Nesterov's look-ahead: the gradient at w stands in for the one at w + μv. */
const nesterov: Optimizer = {
  ...momentum,
  name: 'nesterov',
  label: 'Nesterov momentum',
  kernelCode: 2,
  rule: ['v \\leftarrow \\mu v - \\alpha g', 'w \\leftarrow w + \\mu v - \\alpha g'],
  apply(w, g, slots, count, h, lr, r) {
    const v = slots[0];
    for (let i = 0; i < count; i++) {
      const velocity = (v[i] = r(h.momentum * v[i]) - r(lr * g[i]));
      w[i] = w[i] + r(r(h.momentum * velocity) - r(lr * g[i]));
    }
  },
  walk: (s, h, num) => [
    `v \\leftarrow \\mu v - \\alpha g = ${num(h.momentum)} \\cdot ${factor(num, s.before[0])} - ${num(h.learningRate)} \\cdot ${factor(num, s.g)} = ${num(s.after[0])}`,
    `w \\leftarrow w + \\mu v - \\alpha g = ${num(s.w)} + ${num(h.momentum)} \\cdot ${factor(num, s.after[0])} - ${num(h.learningRate)} \\cdot ${factor(num, s.g)} = ${num(s.next)}`
  ]
};

const adagrad: Optimizer = {
  name: 'adagrad',
  label: 'Adagrad',
  kernelCode: 3,
  reads: ['learningRate', 'epsilon', 'initialAccumulator'],
  defaultLearningRate: 0.001,
  slots: [{ key: 'accumulator', tex: 'G', label: 'sum of squared gradients', initial: (s) => s.initialAccumulator }],
  derived: [],
  rule: ['G \\leftarrow G + g^2', 'w \\leftarrow w - \\dfrac{\\alpha g}{\\sqrt{G + \\varepsilon}}'],
  stepSize: (s) => s.learningRate,
  apply(w, g, slots, count, h, lr, r) {
    const acc = slots[0];
    for (let i = 0; i < count; i++) {
      const sum = (acc[i] = acc[i] + r(g[i] * g[i]));
      w[i] = w[i] - r(r(lr * g[i]) / r(Math.sqrt(r(sum + h.epsilon))));
    }
  },
  walk: (s, h, num) => [
    `G \\leftarrow G + g^2 = ${num(s.before[0])} + ${factor(num, s.g)}^2 = ${num(s.after[0])}`,
    `w \\leftarrow w - \\dfrac{\\alpha g}{\\sqrt{G + \\varepsilon}} = ${num(s.w)} - \\dfrac{${num(h.learningRate)} \\cdot ${factor(num, s.g)}}{\\sqrt{${num(s.after[0])} + ${num(h.epsilon)}}} = ${num(s.next)}`
  ]
};

const rmsprop: Optimizer = {
  name: 'rmsprop',
  label: 'RMSprop',
  kernelCode: 4,
  reads: ['learningRate', 'rho', 'epsilon'],
  defaultLearningRate: 0.001,
  slots: [{ key: 'mean_square', tex: 's', label: 'running mean of g²', initial: zero }],
  derived: [],
  rule: ['s \\leftarrow \\rho s + (1 - \\rho) g^2', 'w \\leftarrow w - \\dfrac{\\alpha g}{\\sqrt{s + \\varepsilon}}'],
  stepSize: (s) => s.learningRate,
  apply(w, g, slots, count, h, lr, r) {
    const ms = slots[0];
    for (let i = 0; i < count; i++) {
      const s = (ms[i] = r(h.rho * ms[i]) + r(r(1 - h.rho) * r(g[i] * g[i])));
      w[i] = w[i] - r(r(lr * g[i]) / r(Math.sqrt(r(s + h.epsilon))));
    }
  },
  walk: (s, h, num) => [
    `s \\leftarrow \\rho s + (1 - \\rho) g^2 = ${num(h.rho)} \\cdot ${num(s.before[0])} + ${num(1 - h.rho)} \\cdot ${factor(num, s.g)}^2 = ${num(s.after[0])}`,
    `w \\leftarrow w - \\dfrac{\\alpha g}{\\sqrt{s + \\varepsilon}} = ${num(s.w)} - \\dfrac{${num(h.learningRate)} \\cdot ${factor(num, s.g)}}{\\sqrt{${num(s.after[0])} + ${num(h.epsilon)}}} = ${num(s.next)}`
  ]
};

const adam: Optimizer = {
  name: 'adam',
  label: 'Adam',
  kernelCode: 5,
  reads: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  defaultLearningRate: 0.001,
  slots: [
    { key: 'm', tex: 'm', label: 'running mean of g', initial: zero },
    { key: 'v', tex: 'v', label: 'running mean of g²', initial: zero }
  ],
  derived: [
    { key: 'm_hat', tex: '\\hat{m}', label: 'bias-corrected mean', of: ([m], s, t) => m / (1 - s.beta1 ** t) },
    { key: 'v_hat', tex: '\\hat{v}', label: 'bias-corrected mean square', of: ([, v], s, t) => v / (1 - s.beta2 ** t) }
  ],
  // Kingma & Ba's Algorithm 1 computed in the order of their §2, as Keras and TensorFlow.js do:
  // w − α_t·m/(√v + ε) with α_t = α·√(1−β₂ᵗ)/(1−β₁ᵗ), which is exactly α·m̂/(√v̂ + ε̂) with
  // ε̂ = ε/√(1−β₂ᵗ) (the paper's own ε sits on √v̂; the two differ by about ε).
  rule: [
    'm \\leftarrow \\beta_1 m + (1 - \\beta_1) g',
    'v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2',
    '\\hat{m} = \\dfrac{m}{1 - \\beta_1^t}, \\quad \\hat{v} = \\dfrac{v}{1 - \\beta_2^t}',
    'w \\leftarrow w - \\alpha \\dfrac{\\hat{m}}{\\sqrt{\\hat{v}} + \\hat{\\varepsilon}}, \\quad \\hat{\\varepsilon} = \\dfrac{\\varepsilon}{\\sqrt{1 - \\beta_2^t}}'
  ],
  stepSize: (s, t) => (s.learningRate * Math.sqrt(1 - s.beta2 ** t)) / (1 - s.beta1 ** t),
  apply(w, g, slots, count, h, lr, r) {
    const m = slots[0];
    const v = slots[1];
    for (let i = 0; i < count; i++) {
      // m + (g − m)(1 − β₁) is β₁m + (1 − β₁)g with one rounding fewer
      const mean = (m[i] = m[i] + r(r(g[i] - m[i]) * r(1 - h.beta1)));
      const square = (v[i] = v[i] + r(r(r(g[i] * g[i]) - v[i]) * r(1 - h.beta2)));
      w[i] = w[i] - r(r(lr * mean) / r(r(Math.sqrt(square)) + h.epsilon));
    }
  },
  walk: (s, h, num) => {
    const [mHat, vHat] = s.derived;
    const epsHat = h.epsilon / Math.sqrt(1 - h.beta2 ** s.t);
    return [
      `m \\leftarrow \\beta_1 m + (1 - \\beta_1) g = ${num(h.beta1)} \\cdot ${factor(num, s.before[0])} + ${num(1 - h.beta1)} \\cdot ${factor(num, s.g)} = ${num(s.after[0])}`,
      `v \\leftarrow \\beta_2 v + (1 - \\beta_2) g^2 = ${num(h.beta2)} \\cdot ${num(s.before[1])} + ${num(1 - h.beta2)} \\cdot ${factor(num, s.g)}^2 = ${num(s.after[1])}`,
      `\\hat{m} = \\dfrac{m}{1 - \\beta_1^{t}} = \\dfrac{${num(s.after[0])}}{1 - ${num(h.beta1)}^{${s.t}}} = ${num(mHat)}`,
      `\\hat{v} = \\dfrac{v}{1 - \\beta_2^{t}} = \\dfrac{${num(s.after[1])}}{1 - ${num(h.beta2)}^{${s.t}}} = ${num(vHat)}`,
      `\\hat{\\varepsilon} = \\dfrac{\\varepsilon}{\\sqrt{1 - \\beta_2^{t}}} = ${num(epsHat)}`,
      `w \\leftarrow w - \\alpha \\dfrac{\\hat{m}}{\\sqrt{\\hat{v}} + \\hat{\\varepsilon}} = ${num(s.w)} - ${num(h.learningRate)} \\cdot \\dfrac{${num(mHat)}}{\\sqrt{${num(vHat)}} + ${num(epsHat)}} = ${num(s.next)}`
    ];
  }
};

export const OPTIMIZERS: Record<OptimizerName, Optimizer> = { sgd, momentum, nesterov, adagrad, rmsprop, adam };

/** Settings for `name`: the table's defaults (Keras's), with the given values on top. */
export function optimizerSettings(name: OptimizerName, overrides: Partial<Omit<OptimizerSettings, 'name'>> = {}): OptimizerSettings {
  const settings = { name } as OptimizerSettings;
  for (const h of Object.values(HYPERPARAMETERS)) settings[h.field] = h.default;
  settings.learningRate = OPTIMIZERS[name].defaultLearningRate;
  for (const [field, value] of Object.entries(overrides)) if (value !== undefined) (settings as unknown as Record<string, number>)[field] = value;
  return settings;
}

/** The hyperparameters a rule actually reads, by their spec keys: { lr: 0.1, beta1: 0.9, … }. */
export function hyperparametersRead(settings: OptimizerSettings): Record<string, number> {
  return Object.fromEntries(OPTIMIZERS[settings.name].reads.map((f) => [HYPERPARAMETERS[f].key, settings[f]]));
}

/** "adam (lr 0.1, beta1 0.9, beta2 0.999, epsilon 1e-7)". */
export function describeSettings(settings: OptimizerSettings): string {
  const parts = Object.entries(hyperparametersRead(settings)).map(([key, value]) => `${key} ${value}`);
  return `${settings.name} (${parts.join(', ')})`;
}

// ── Reading `optimizer:` in a graph spec ────────────────────────────────────────────────────────


const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const specKeys = Object.fromEntries(Object.values(HYPERPARAMETERS).map((h) => [h.key, h])) as Record<string, Hyperparameter>;

/**
 * `optimizer: { name: adam, lr: 0.01, beta1: 0.9 }` (or just `optimizer: adam`) at `path`: every
 * mistake is reported at its file:line:col; returns null when absent or wrong. Left-out
 * hyperparameters take the table's defaults, except the learning rate: the spec's learning_rate.
 */
export function readOptimizerSpec(src: Located, path: PathSegment[], value: unknown, learningRate: number, reporter: Reporter): OptimizerSettings | null {
  const known = `known: ${OPTIMIZER_NAMES.join(', ')}`;
  const raw = typeof value === 'string' ? { name: value } : value;
  const nameAt = typeof value === 'string' ? path : [...path, 'name'];
  if (!isRecord(raw)) {
    reporter.error('optimizer must be a name or a mapping like { name: adam, lr: 0.01 }', src.locate(path));
    return null;
  }
  if (raw.name === undefined) {
    reporter.error(`optimizer needs a name (${known})`, src.locate(path, 'key'));
    return null;
  }
  if (typeof raw.name !== 'string' || !(OPTIMIZER_NAMES as readonly string[]).includes(raw.name)) {
    reporter.error(`unknown optimizer ${JSON.stringify(raw.name)} (${known})`, src.locate(nameAt));
    return null;
  }
  const rule = OPTIMIZERS[raw.name as OptimizerName];
  const reads = rule.reads.map((f) => HYPERPARAMETERS[f].key);
  const settings = optimizerSettings(rule.name, { learningRate });
  let ok = true;
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'name') continue;
    const h = specKeys[key];
    if (!h) {
      reporter.error(`unknown key "${key}" in optimizer (${rule.name} reads: ${reads.join(', ')})`, src.locate([...path, key], 'key'));
      ok = false;
    } else if (!rule.reads.includes(h.field)) {
      reporter.error(`${rule.name} does not use "${key}" (it reads: ${reads.join(', ')})`, src.locate([...path, key], 'key'));
      ok = false;
    } else {
      const problem = hyperparameterError(h, v);
      if (problem) {
        reporter.error(`optimizer ${key} ${problem}`, src.locate([...path, key]));
        ok = false;
      } else settings[h.field] = v as number;
    }
  }
  return ok ? settings : null;
}
