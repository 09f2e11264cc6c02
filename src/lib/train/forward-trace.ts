// "Watch one digit go forward": every layer's activations for one image on given weights, so a
// lesson can show them. It runs the CPU twin kernels (the very code the CPU backend trains with),
// without dropout, as the network does when it predicts.
import { ACTIVATION_CODE, LOSS_CODE, OUTPUT_CODE, layersOf, type MlpSpec } from './network.ts';
import { denseForward } from './cpu/dense-forward.ts';
import { gatherBatch, scalingFactors } from './cpu/gather-batch.ts';
import { LOSS_MODE, METRIC_SLOTS, outputLoss } from './cpu/output-loss.ts';
import { initialParameters } from './init.ts';
import type { Scaling } from './data/dataset.ts';

export interface ForwardTrace {
  /** a⁽⁰⁾: the pixels, min-max scaled as in training. */
  input: Float32Array;
  /** a⁽¹⁾ … a⁽ᴸ⁻¹⁾ for the hidden layers, then z⁽ᴸ⁾ (the output layer before its activation). */
  layers: Float32Array[];
  /** The output activation applied to z⁽ᴸ⁾ (softmax: the class probabilities). */
  probabilities: Float32Array;
  /** The class with the largest output. */
  predicted: number;
}

/** One image (rows × cols bytes) through the network. `params`: per layer, W (inputs × outputs) then the bias row. */
export function traceForward(network: MlpSpec, params: Float32Array[], scaling: Scaling, pixels: Uint8Array, label = 0): ForwardTrace {
  const layers = layersOf(network);
  if (params.length !== layers.length) throw new Error(`expected weights for ${layers.length} layers, got ${params.length}`);
  const features = network.sizes[0];
  if (pixels.length !== features) throw new Error(`the network takes ${features} inputs, the image has ${pixels.length} pixels`);
  const input = new Float32Array(features);
  const labels = new Uint32Array(1);
  gatherBatch(pixels, Uint8Array.of(label), features, Uint32Array.of(0), 0, 1, scalingFactors(scaling.min, scaling.max), input, labels);

  const outputs: Float32Array[] = [];
  let x = input;
  for (const layer of layers) {
    const out = new Float32Array(layer.outputs);
    denseForward(x, params[layer.index], out, 1, layer.inputs, layer.outputs, ACTIVATION_CODE[layer.activation], null);
    outputs.push(out);
    x = out;
  }
  const classes = network.sizes[network.sizes.length - 1];
  const probabilities = new Float32Array(classes);
  const predictions = new Uint32Array(1);
  outputLoss(x, labels, probabilities, predictions, 0, new Float32Array(METRIC_SLOTS), 1, classes,
    LOSS_CODE[network.loss], OUTPUT_CODE[network.output], LOSS_MODE.evaluate, 1);
  return { input, layers: outputs, probabilities, predicted: predictions[0] };
}

/** The weights a run with this network and seed starts from (what the trainer draws first). */
export function startingParameters(network: MlpSpec, seed: number): Float32Array[] {
  return initialParameters(layersOf(network), seed, network.init);
}
