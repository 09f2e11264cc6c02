// The trainer's view of the one optimizer table (core/optimizers.ts): a run's optimizer settings
// plus the weight penalties, and the per-step numbers both backends feed to their update kernels.
import { OPTIMIZER_NAMES, OPTIMIZERS, optimizerSettings, type OptimizerName, type OptimizerSettings } from '../core/optimizers.ts';

export { OPTIMIZER_NAMES, OPTIMIZERS, type OptimizerName };

export interface OptimizerConfig extends OptimizerSettings {
  /** Penalties on the weights (never the biases): loss + l1·Σ|w| + l2·Σw². */
  l1: number;
  l2: number;
}

/** The table's defaults (Keras's) for `name`, with the given values on top, and no penalties. */
export function optimizerConfig(name: OptimizerName, overrides: Partial<Omit<OptimizerConfig, 'name'>> = {}): OptimizerConfig {
  const { l1, l2, ...rest } = overrides;
  return { ...optimizerSettings(name, rest), l1: l1 ?? 0, l2: l2 ?? 0 };
}

/** How many state arrays (same shape as the parameters) the optimizer keeps. */
export function slotCount(name: OptimizerName): number {
  return OPTIMIZERS[name].slots.length;
}

/** The value state array `slot` starts from. */
export function initialSlotValue(config: OptimizerConfig, slot = 0): number {
  return OPTIMIZERS[config.name].slots[slot]?.initial(config) ?? 0;
}

/** The learning rate for update number `t` (1-based); Adam folds its bias correction into it. */
export function stepSize(config: OptimizerConfig, t: number): number {
  return OPTIMIZERS[config.name].stepSize(config, t);
}
