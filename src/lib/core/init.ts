// How a network's weights start, and what that does to the numbers flowing through it: the one
// table of initialization schemes (the trainer draws its Xavier and He weights from it too), the
// symmetry of a 2-2-1 network started with equal weights, the spread of activations and gradients
// layer by layer in a deep network, and a chain of sigmoids. Every number comes from the graph
// engine (graph.ts) and, for training, from optimize() with the one optimizer table.
import { expandNetwork, type ExpandedNetwork } from './network.ts';
import { Graph } from './graph.ts';
import { optimize, type Trajectory } from './optimize.ts';
import { optimizerSettings } from './optimizers.ts';
import { Random } from './random.ts';
import { call, mul, ref } from './expr.ts';
import type { GraphSpec, NodeSpec } from './spec.ts';
import { toSource } from './expr.ts';

export const INIT_SCHEMES = ['small', 'large', 'xavier', 'he'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export interface InitRule {
  /** The variance of one weight for a layer with `fanIn` inputs and `fanOut` units. */
  variance: (fanIn: number, fanOut: number) => number;
  /** One weight, drawn from the project's seeded generator. */
  draw: (fanIn: number, fanOut: number, random: Random) => number;
  /** The rule in TeX, for the lesson's captions. */
  tex: string;
}

/**
 * The one table of initializations. Xavier (Glorot) and He are uniform on ±limit, which has the
 * variance limit²/3: Var = 2/(n_in + n_out) and 2/n_in. The two plain normals are the mistakes
 * the lesson shows: too small (signals shrink) and too large (sigmoid/tanh saturate).
 */
export const INIT_RULES: Record<InitScheme, InitRule> = {
  small: { variance: () => 0.01 ** 2, draw: (_i, _o, r) => 0.01 * r.normal(), tex: 'w \\sim \\mathcal{N}(0,\\ 0.01^2)' },
  large: { variance: () => 1, draw: (_i, _o, r) => r.normal(), tex: 'w \\sim \\mathcal{N}(0,\\ 1)' },
  xavier: {
    variance: (i, o) => 2 / (i + o),
    draw: (i, o, r) => {
      const limit = Math.sqrt(6 / (i + o));
      return r.uniform(-limit, limit);
    },
    tex: 'w \\sim U\\!\\left(-\\sqrt{\\tfrac{6}{n_{in}+n_{out}}},\\ \\sqrt{\\tfrac{6}{n_{in}+n_{out}}}\\right)'
  },
  he: {
    variance: (i) => 2 / i,
    draw: (i, _o, r) => {
      const limit = Math.sqrt(6 / i);
      return r.uniform(-limit, limit);
    },
    tex: 'w \\sim U\\!\\left(-\\sqrt{\\tfrac{6}{n_{in}}},\\ \\sqrt{\\tfrac{6}{n_{in}}}\\right)'
  }
};

/** A layer's weight matrix (one row per unit, one column per input), drawn row by row. */
export function drawWeights(scheme: InitScheme, fanIn: number, fanOut: number, random: Random): number[][] {
  return Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => INIT_RULES[scheme].draw(fanIn, fanOut, random)));
}

const noReport = (message: string) => {
  throw new Error(`internal network spec is wrong: ${message}`);
};

// ── Symmetry: a 2-2-1 network started with every weight equal ─────────────────────────────────

/** The lesson's 2-2-1 network: two inputs, two sigmoid hidden units, one sigmoid output, ½(y − ŷ)². */
export const TINY_INPUT = [0.5, 1.0];
export const TINY_TARGET = [1];
/** The equal start: every weight 0.5, every bias 0 (002: biases at zero are fine, equal weights are not). */
export const EQUAL_WEIGHT = 0.5;

export function tinyNetwork(hidden: number[][], output: number[][], learningRate = 0.5): ExpandedNetwork {
  return expandNetwork(
    {
      input: TINY_INPUT,
      target: TINY_TARGET,
      layers: [
        { weights: hidden, biases: [0, 0], activation: 'sigmoid' },
        { weights: output, biases: [0], activation: 'sigmoid' }
      ],
      loss: 'half_sse'
    },
    learningRate,
    noReport
  )!;
}

export interface HiddenUnitStep {
  step: number;
  loss: number;
  /** Incoming weights and bias of hidden unit 1 and 2, and the output weight leaving each. */
  units: { incoming: number[]; bias: number; outgoing: number }[];
  /** Largest |difference| between the two units' numbers at this step (0: still identical). */
  difference: number;
}

export interface SymmetryRun {
  start: 'equal' | 'random';
  trajectory: Trajectory;
  steps: HiddenUnitStep[];
}

/**
 * Train the 2-2-1 network for `steps` steps of gradient descent (the one optimizer table) from an
 * equal start or a seeded Xavier start, and read the two hidden units' weights after each step.
 */
export function symmetryRun(start: 'equal' | 'random', steps: number, seed = 7, learningRate = 0.5): SymmetryRun {
  const random = new Random(seed);
  const hidden = start === 'equal' ? [[EQUAL_WEIGHT, EQUAL_WEIGHT], [EQUAL_WEIGHT, EQUAL_WEIGHT]] : drawWeights('xavier', 2, 2, random);
  const output = start === 'equal' ? [[EQUAL_WEIGHT, EQUAL_WEIGHT]] : drawWeights('xavier', 2, 1, random);
  const graph = new Graph(tinyNetwork(hidden, output, learningRate));
  const trajectory = optimize(graph, optimizerSettings('sgd', { learningRate }), steps);
  const rows = trajectory.steps.map((s): HiddenUnitStep => {
    const units = [1, 2].map((j) => ({
      incoming: [1, 2].map((k) => s.params[`w1_${j}_${k}`]),
      bias: s.params[`b1_${j}`],
      outgoing: s.params[`w2_1_${j}`]
    }));
    const [u, v] = units;
    const difference = Math.max(...u.incoming.map((w, k) => Math.abs(w - v.incoming[k])), Math.abs(u.bias - v.bias), Math.abs(u.outgoing - v.outgoing));
    return { step: s.step, loss: s.loss, units, difference };
  });
  return { start, trajectory, steps: rows };
}

// ── Spread: activations and gradients layer by layer in a deep network ─────────────────────────

export const SPREAD_ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type SpreadActivation = (typeof SPREAD_ACTIVATIONS)[number];

export interface LayerSpread {
  layer: number;
  /** Standard deviation of the layer's activations a⁽ˡ⁾ over its units. */
  activation: number;
  /** Standard deviation of ∂C/∂z⁽ˡ⁾ over the layer's units (the gradient backpropagation carries). */
  gradient: number;
}

const spreadOf = (xs: number[]) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
};

/**
 * A deep network of `layers` layers of `width` units, all with one activation, built once as a
 * graph (its structure does not depend on the weights); `measure` draws the weights of a scheme
 * from a seed and runs the engine's forward and backward pass on one input.
 */
export class DeepNetwork {
  readonly graph: Graph;
  readonly network: ExpandedNetwork['network'];

  constructor(
    readonly activation: SpreadActivation,
    readonly layers = 10,
    readonly width = 32,
    readonly dataSeed = 1
  ) {
    if (!Number.isInteger(layers) || layers < 1 || layers > 20) throw new RangeError(`layers must be a whole number from 1 to 20, not ${layers}`);
    if (!Number.isInteger(width) || width < 2 || width > 64) throw new RangeError(`width must be a whole number from 2 to 64, not ${width}`);
    // The input is standardized data (mean 0, variance 1); the targets lie inside every activation's range.
    const random = new Random(dataSeed);
    const input = Array.from({ length: width }, () => random.normal());
    const target = Array.from({ length: width }, () => random.uniform(0.1, 0.9));
    const zeros = Array.from({ length: width }, () => Array<number>(width).fill(0));
    const spec = expandNetwork(
      { input, target, layers: Array.from({ length: layers }, () => ({ weights: zeros, biases: Array<number>(width).fill(0), activation })), loss: 'half_sse' },
      0.1,
      noReport
    )!;
    this.graph = new Graph(spec);
    this.network = spec.network;
  }

  /** The weights of `scheme` drawn from `seed` (biases 0), by param name. */
  weights(scheme: InitScheme, seed: number): Record<string, number> {
    const random = new Random(seed);
    const params: Record<string, number> = {};
    for (const layer of this.network.layers) {
      const drawn = drawWeights(scheme, this.width, this.width, random);
      layer.weights.forEach((row, j) => row.forEach((name, k) => (params[name] = drawn[j][k])));
    }
    return params;
  }

  measure(scheme: InitScheme, seed = 1): LayerSpread[] {
    const solution = this.graph.solve(this.weights(scheme, seed));
    return this.network.layers.map((layer, i) => ({
      layer: i + 1,
      activation: spreadOf(layer.a.map((a) => solution.values[a])),
      gradient: spreadOf(layer.z.map((z) => solution.gradients[z]))
    }));
  }
}

// ── A chain of sigmoids: the gradient shrinks by at most 0.25 per layer ────────────────────────

/** σ′(z) = σ(z)(1 − σ(z)) is largest at z = 0, where it is 1/4. */
export const SIGMOID_SLOPE_MAX = 0.25;

export interface ChainLayer {
  layer: number;
  z: number;
  /** σ′(z⁽ˡ⁾), the local factor of this layer's sigmoid. */
  slope: number;
  /** ∂C/∂z⁽ˡ⁾ with C = a⁽ᴸ⁾, the output of the chain. */
  gradient: number;
  /** 0.25^(L − l + 1): the most ∂C/∂z⁽ˡ⁾ can be when every weight is 1. */
  bound: number;
}

/** The chain z⁽ˡ⁾ = w·a⁽ˡ⁻¹⁾, a⁽ˡ⁾ = σ(z⁽ˡ⁾), a⁽⁰⁾ = x, C = a⁽ᴸ⁾, as a graph spec. */
export function sigmoidChainSpec(layers: number, weight: number, x: number): GraphSpec {
  const nodes: NodeSpec[] = [];
  const tex: Record<string, string> = { x: 'x', w: 'w', C: 'C' };
  let previous = 'x';
  for (let l = 1; l <= layers; l++) {
    const z = mul(ref('w'), ref(previous));
    nodes.push({ name: `z${l}`, expr: z, source: toSource(z) });
    const a = call('sigmoid', ref(`z${l}`));
    nodes.push({ name: `a${l}`, expr: a, source: toSource(a) });
    tex[`z${l}`] = `z^{(${l})}`;
    tex[`a${l}`] = `a^{(${l})}`;
    previous = `a${l}`;
  }
  nodes.push({ name: 'C', expr: ref(previous), source: previous });
  return { params: { w: weight }, inputs: { x }, nodes, loss: 'C', learningRate: 0.1, tex };
}

export function sigmoidChain(layers = 10, weight = 1, x = 1): ChainLayer[] {
  if (!Number.isInteger(layers) || layers < 1 || layers > 50) throw new RangeError(`layers must be a whole number from 1 to 50, not ${layers}`);
  const solution = new Graph(sigmoidChainSpec(layers, weight, x)).solve();
  return Array.from({ length: layers }, (_, i) => {
    const l = i + 1;
    const a = solution.values[`a${l}`];
    return { layer: l, z: solution.values[`z${l}`], slope: a * (1 - a), gradient: solution.gradients[`z${l}`], bound: SIGMOID_SLOPE_MAX ** (layers - l + 1) };
  });
}

// ── The widgets' settings, read from a directive's attributes (lint has checked them; anything
// else falls back to the default, so the page always draws) ───────────────────────────────────

type Attributes = Record<string, string | undefined>;
const whole = (v: string | undefined, min: number, max: number, fallback: number) => {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
};
const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);

export const symmetrySettings = (a: Attributes) => ({
  steps: whole(a.steps, 1, 2000, 100),
  start: oneOf(a.start, ['equal', 'random'] as const, 'equal'),
  seed: whole(a.seed, 0, 2147483647, 7)
});
export const spreadSettings = (a: Attributes) => ({
  activation: oneOf(a.activation, SPREAD_ACTIVATIONS, 'tanh'),
  init: oneOf(a.init, INIT_SCHEMES, 'xavier')
});
export const chainSettings = (a: Attributes) => ({ layers: whole(a.layers, 2, 20, 10) });
