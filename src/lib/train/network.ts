// What a network is, independent of where it runs: layer sizes, the hidden activation, the
// output activation with its loss, dropout, and how the weights start. Parsed from "784-128-10".

export const HIDDEN_ACTIVATIONS = ['relu', 'leaky-relu', 'sigmoid', 'tanh', 'linear'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

export const OUTPUT_ACTIVATIONS = ['softmax', 'sigmoid', 'linear'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

export const LOSSES = ['cross-entropy', 'binary-cross-entropy', 'mse'] as const;
export type Loss = (typeof LOSSES)[number];

export const INITIALISATIONS = ['auto', 'he', 'xavier'] as const;
export type Initialisation = (typeof INITIALISATIONS)[number];

/** Numeric codes shared with the WGSL kernels (pipeline override constants) and the CPU twins. */
export const ACTIVATION_CODE: Record<HiddenActivation, number> = {
  linear: 0,
  relu: 1,
  'leaky-relu': 2,
  sigmoid: 3,
  tanh: 4
};
export const OUTPUT_CODE: Record<OutputActivation, number> = { softmax: 0, sigmoid: 1, linear: 2 };
export const LOSS_CODE: Record<Loss, number> = { 'cross-entropy': 0, 'binary-cross-entropy': 1, mse: 2 };

/** Slope of leaky ReLU for negative inputs, as on the course slides: max(0.1x, x). */
export const LEAKY_SLOPE = 0.1;

export interface NetworkSpec {
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

export function defaultNetwork(sizes: number[], overrides: Partial<NetworkSpec> = {}): NetworkSpec {
  return { sizes, hidden: 'relu', output: 'softmax', loss: 'cross-entropy', dropout: 0, init: 'auto', ...overrides };
}

/** Checks the combinations the loss kernel supports and the ranges of the numbers. */
export function validateNetwork(spec: NetworkSpec): void {
  if (spec.loss === 'cross-entropy' && spec.output !== 'softmax') {
    throw new Error('cross-entropy needs a softmax output (use --loss mse for other outputs)');
  }
  if (spec.loss === 'binary-cross-entropy' && spec.output !== 'sigmoid') {
    throw new Error('binary cross-entropy needs a sigmoid output');
  }
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new Error(`dropout rate ${spec.dropout} must be in [0, 1)`);
  if (spec.sizes.length > 16) throw new Error('at most 15 dense layers');
}

export function layersOf(spec: NetworkSpec): DenseLayer[] {
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
