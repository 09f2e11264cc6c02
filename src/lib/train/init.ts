// Starting weights drawn from a seed: Glorot/Xavier uniform for sigmoid/tanh/linear layers,
// He uniform for ReLU-family layers (same variance as He normal, without the tails), both from the
// one table of initializations (core/init.ts). Biases start at 0.
import type { ModelState } from './backend.ts';
import type { DenseLayer, Initialisation } from './network.ts';
import { initialSlotValue, slotCount, type OptimizerConfig } from './optimizers.ts';
import { Random } from '../core/random.ts';
import { INIT_RULES } from '../core/init.ts';

export function initialParameters(layers: DenseLayer[], seed: number, scheme: Initialisation): Float32Array[] {
  const random = new Random(seed);
  return layers.map((layer) => {
    const params = new Float32Array((layer.inputs + 1) * layer.outputs);
    const relu = layer.activation === 'relu' || layer.activation === 'leaky_relu';
    const he = scheme === 'he' || (scheme === 'auto' && relu);
    const rule = INIT_RULES[he ? 'he' : 'xavier'];
    for (let i = 0; i < layer.inputs * layer.outputs; i++) params[i] = rule.draw(layer.inputs, layer.outputs, random);
    return params;
  });
}

/** A fresh model: initial parameters, optimizer slots at their starting value, no updates yet. */
export function initialState(layers: DenseLayer[], optimizer: OptimizerConfig, seed: number, scheme: Initialisation): ModelState {
  const params = initialParameters(layers, seed, scheme);
  const slots = params.map((p) =>
    Array.from({ length: slotCount(optimizer.name) }, (_, slot) => new Float32Array(p.length).fill(initialSlotValue(optimizer, slot)))
  );
  return { params, slots, step: 0 };
}
