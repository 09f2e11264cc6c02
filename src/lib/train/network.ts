// What a network is, independent of where it runs: layer sizes, the hidden activation, the
// output activation with its loss, dropout, and how the weights start. Parsed from "784-128-10".
// Activations and losses are spelled as in lessons (core/network.ts): leaky_relu, cross_entropy, bce.
import { ops } from '../core/ops.ts';

export const HIDDEN_ACTIVATIONS = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'linear'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

export const OUTPUT_ACTIVATIONS = ['softmax', 'sigmoid', 'linear'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

export const LOSSES = ['cross_entropy', 'bce', 'mse'] as const;
export type Loss = (typeof LOSSES)[number];

export const INITIALISATIONS = ['auto', 'he', 'xavier'] as const;
export type Initialisation = (typeof INITIALISATIONS)[number];

/** Numeric codes shared with the WGSL kernels (pipeline override constants) and the CPU twins. */
export const ACTIVATION_CODE: Record<HiddenActivation, number> = {
  linear: 0,
  relu: 1,
  leaky_relu: 2,
  sigmoid: 3,
  tanh: 4
};
export const OUTPUT_CODE: Record<OutputActivation, number> = { softmax: 0, sigmoid: 1, linear: 2 };
export const LOSS_CODE: Record<Loss, number> = { cross_entropy: 0, bce: 1, mse: 2 };

/** Slope of leaky ReLU for negative inputs: the op table's default, the course's max(0.1x, x). */
export const LEAKY_SLOPE = ops.leaky_relu.defaults![0];

/** An MLP for the trainer (the lessons' layered networks with given weights are core/network.ts's NetworkSpec). */
export interface MlpSpec {
  /** Units per layer, input first: [784, 128, 10]. */
  sizes: number[];
  hidden: HiddenActivation;
  output: OutputActivation;
  loss: Loss;
  /** Dropout rate after every hidden layer (0 = none). */
  dropout: number;
  init: Initialisation;
}

/** One dense layer: params hold W (inputs × outputs, row-major) followed by the bias row. */
export interface DenseLayer {
  index: number;
  inputs: number;
  outputs: number;
  /** The layer's own activation; the last layer is linear because the loss kernel applies the output activation. */
  activation: HiddenActivation;
  dropout: number;
}

export function parseArchitecture(text: string): number[] {
  const sizes = text.split(/[-x,]/).map((part) => Number(part.trim()));
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`architecture "${text}" should be layer sizes joined by dashes, e.g. 784-128-10`);
  }
  return sizes;
}

export function defaultNetwork(sizes: number[], overrides: Partial<MlpSpec> = {}): MlpSpec {
  return { sizes, hidden: 'relu', output: 'softmax', loss: 'cross_entropy', dropout: 0, init: 'auto', ...overrides };
}

/** Checks the combinations the loss kernel supports and the ranges of the numbers. */
export function validateNetwork(spec: MlpSpec): void {
  if (spec.loss === 'cross_entropy' && spec.output !== 'softmax') {
    throw new Error('cross_entropy needs a softmax output (use --loss mse for other outputs)');
  }
  if (spec.loss === 'bce' && spec.output !== 'sigmoid') {
    throw new Error('bce (binary cross-entropy) needs a sigmoid output');
  }
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new Error(`dropout rate ${spec.dropout} must be in [0, 1)`);
  if (spec.sizes.length > 16) throw new Error('at most 15 dense layers');
}

export function layersOf(spec: MlpSpec): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let i = 0; i + 1 < spec.sizes.length; i++) {
    const last = i + 2 === spec.sizes.length;
    layers.push({
      index: i,
      inputs: spec.sizes[i],
      outputs: spec.sizes[i + 1],
      activation: last ? 'linear' : spec.hidden,
      dropout: last ? 0 : spec.dropout
    });
  }
  return layers;
}

export function parameterCount(sizes: number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < sizes.length; i++) total += (sizes[i] + 1) * sizes[i + 1];
  return total;
}
