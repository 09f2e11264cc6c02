// The optimizers of the course with Keras's default hyperparameters, and the per-step numbers
// (step size, bias correction) both backends feed to their fused update kernels.

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  name: OptimizerName;
  learningRate: number;
  /** momentum, nesterov */
  momentum: number;
  /** rmsprop */
  rho: number;
  /** adam */
  beta1: number;
  beta2: number;
  epsilon: number;
  /** adagrad's starting accumulator */
  initialAccumulator: number;
  /** Penalties on the weights (never the biases): loss + l1·Σ|w| + l2·Σw². */
  l1: number;
  l2: number;
}

/** Code of each optimizer in optimizer-step.wgsl. */
export const OPTIMIZER_CODE: Record<OptimizerName, number> = {
  sgd: 0,
  momentum: 1,
  nesterov: 2,
  adagrad: 3,
  rmsprop: 4,
  adam: 5
};

/** keras.optimizers defaults; "momentum" and "nesterov" are SGD(momentum=0.9[, nesterov=True]). */
export const DEFAULT_LEARNING_RATE: Record<OptimizerName, number> = {
  sgd: 0.01,
  momentum: 0.01,
  nesterov: 0.01,
  adagrad: 0.001,
  rmsprop: 0.001,
  adam: 0.001
};

export function optimizerConfig(name: OptimizerName, overrides: Partial<OptimizerConfig> = {}): OptimizerConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return {
    name,
    learningRate: DEFAULT_LEARNING_RATE[name],
    momentum: 0.9,
    rho: 0.9,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
    initialAccumulator: 0.1,
    l1: 0,
    l2: 0,
    ...defined
  };
}

/** How many state arrays (same shape as the parameters) the optimizer keeps. */
export function slotCount(name: OptimizerName): number {
  if (name === 'sgd') return 0;
  return name === 'adam' ? 2 : 1;
}

/** The value each slot starts from. */
export function initialSlotValue(config: OptimizerConfig): number {
  return config.name === 'adagrad' ? config.initialAccumulator : 0;
}

/** The learning rate for update number `t` (1-based); Adam folds its bias correction into it. */
export function stepSize(config: OptimizerConfig, t: number): number {
  if (config.name !== 'adam') return config.learningRate;
  return (config.learningRate * Math.sqrt(1 - config.beta2 ** t)) / (1 - config.beta1 ** t);
}
