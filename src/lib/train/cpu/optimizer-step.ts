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
  // The penalised gradient, in float32 as the kernel computes it (biases are not penalised).
  const g = scratchFor(count);
  for (let i = 0; i < count; i++) {
    const w = params[i];
    g[i] = i < weightCount ? f(grads[i] + f(f(l1 * Math.sign(w)) + f(f(2 * l2) * w))) : grads[i];
  }
  OPTIMIZERS[config.name].apply(params, g, slots, count, hyper, f(stepSize), f);
}

let scratch = new Float32Array(0);
function scratchFor(count: number): Float32Array {
  if (scratch.length < count) scratch = new Float32Array(count);
  return scratch;
}
