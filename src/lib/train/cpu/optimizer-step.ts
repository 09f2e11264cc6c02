// CPU twin of optimizer-step.wgsl: one fused update of a layer's parameters from its gradient,
// with L1/L2 penalties on the weights (not the biases) and the optimizer's state arrays (slots).
// Hyperparameters and every intermediate are float32, as on the GPU.
import type { OptimizerConfig } from '../optimizers.ts';
import { OPTIMIZER_CODE } from '../optimizers.ts';

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
  const kind = OPTIMIZER_CODE[config.name];
  const [momentum, rho, beta1, beta2, epsilon, l1, l2] = [config.momentum, config.rho, config.beta1, config.beta2, config.epsilon, config.l1, config.l2].map(f);
  const lr = f(stepSize);
  const [first, second] = slots;
  for (let i = 0; i < count; i++) {
    const w = params[i];
    let g = grads[i];
    if (i < weightCount) g = f(g + f(f(l1 * Math.sign(w)) + f(f(2 * l2) * w)));
    switch (kind) {
      case 0: // sgd: w ← w − ηg
        params[i] = w - f(lr * g);
        break;
      case 1: {
        // momentum: v ← μv − ηg; w ← w + v
        const v = (first[i] = f(momentum * first[i]) - f(lr * g));
        params[i] = w + v;
        break;
      }
      case 2: {
        // nesterov: v ← μv − ηg; w ← w + μv − ηg
        const v = (first[i] = f(momentum * first[i]) - f(lr * g));
        params[i] = w + f(f(momentum * v) - f(lr * g));
        break;
      }
      case 3: {
        // adagrad: G ← G + g²; w ← w − ηg/√(G + ε)
        const acc = (first[i] = first[i] + f(g * g));
        params[i] = w - f(f(lr * g) / f(Math.sqrt(f(acc + epsilon))));
        break;
      }
      case 4: {
        // rmsprop: s ← ρs + (1−ρ)g²; w ← w − ηg/√(s + ε)
        const s = (first[i] = f(rho * first[i]) + f(f(1 - rho) * f(g * g)));
        params[i] = w - f(f(lr * g) / f(Math.sqrt(f(s + epsilon))));
        break;
      }
      default: {
        // adam, with the bias correction folded into the step size: w ← w − α_t m/(√v + ε)
        const m = (first[i] = first[i] + f(f(g - first[i]) * f(1 - beta1)));
        const v = (second[i] = second[i] + f(f(f(g * g) - second[i]) * f(1 - beta2)));
        params[i] = w - f(f(lr * m) / f(f(Math.sqrt(v)) + epsilon));
      }
    }
  }
}
