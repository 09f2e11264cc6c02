// CPU twin of optimizer-step.wgsl: one fused update of a layer's parameters from its gradient,
// with L1/L2 penalties on the weights (not the biases) and the optimizer's state arrays (slots).
// The update rule is the optimizer table's (core/optimizers.ts), run with every hyperparameter and
// intermediate rounded to float32, as on the GPU.
import { OPTIMIZERS, type OptimizerSettings } from '../../core/optimizers.ts';
import type { OptimizerConfig } from '../optimizers.ts';

const f = Math.fround;

export function optimizerStep(
  params: Float32Array,
  grads: Float32Array,
  slots: Float32Array[],
  count: number,
  weightCount: number,
  config: OptimizerConfig,
  stepSize: number
): void {
  const { update } = OPTIMIZERS[config.name];
  const hyper: OptimizerSettings = {
    name: config.name,
    learningRate: f(config.learningRate),
    momentum: f(config.momentum),
    rho: f(config.rho),
    beta1: f(config.beta1),
    beta2: f(config.beta2),
    epsilon: f(config.epsilon),
    initialAccumulator: f(config.initialAccumulator)
  };
  const l1 = f(config.l1);
  const l2 = f(config.l2);
  const lr = f(stepSize);
  for (let i = 0; i < count; i++) {
    const w = params[i];
    let g = grads[i];
    if (i < weightCount) g = f(g + f(f(l1 * Math.sign(w)) + f(f(2 * l2) * w)));
    params[i] = update(w, g, slots, i, hyper, lr, f);
  }
}
