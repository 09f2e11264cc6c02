// CPU twin of optimizer-step.wgsl: one fused update of a layer's parameters from its gradient,
// with L1/L2 penalties on the weights (not the biases) and the optimizer's state arrays (slots).
import type { OptimizerConfig } from '../optimizers.ts';
import { OPTIMIZER_CODE } from '../optimizers.ts';

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
  const { momentum, rho, beta1, beta2, epsilon, l1, l2 } = config;
  const [first, second] = slots;
  for (let i = 0; i < count; i++) {
    const w = params[i];
    let g = grads[i];
    if (i < weightCount) g += l1 * Math.sign(w) + 2 * l2 * w;
    switch (kind) {
      case 0: // sgd
        params[i] = w - stepSize * g;
        break;
      case 1: {
        // momentum: v ← μv − ηg; w ← w + v
        const v = (first[i] = momentum * first[i] - stepSize * g);
        params[i] = w + v;
        break;
      }
      case 2: {
        // nesterov: v ← μv − ηg; w ← w + μv − ηg
        const v = (first[i] = momentum * first[i] - stepSize * g);
        params[i] = w + (momentum * v - stepSize * g);
        break;
      }
      case 3: {
        // adagrad: G ← G + g²; w ← w − ηg/√(G + ε)
        const acc = (first[i] = first[i] + g * g);
        params[i] = w - (stepSize * g) / Math.sqrt(acc + epsilon);
        break;
      }
      case 4: {
        // rmsprop: s ← ρs + (1−ρ)g²; w ← w − ηg/√(s + ε)
        const s = (first[i] = rho * first[i] + (1 - rho) * g * g);
        params[i] = w - (stepSize * g) / Math.sqrt(s + epsilon);
        break;
      }
      default: {
        // adam, with the bias correction folded into stepSize: w ← w − α_t m/(√v + ε)
        const m = (first[i] = first[i] + (g - first[i]) * (1 - beta1));
        const v = (second[i] = second[i] + (g * g - second[i]) * (1 - beta2));
        params[i] = w - (stepSize * m) / (Math.sqrt(v) + epsilon);
      }
    }
  }
}
