// CPU twin of output-loss.wgsl: applies the output activation to the last layer's z, scores it
// against the one-hot target (y_c = 1 for the true class c, else 0), adds loss and hits to the
// running metrics, and writes either ∂loss/∂z (training) or the probabilities (evaluation).

export const LOSS_MODE = { train: 0, evaluate: 1 } as const;

/** metrics[0] += Σ loss, metrics[1] += number correct, metrics[2] += rows. */
export const METRIC_SLOTS = 4;

export function outputLoss(
  z: Float32Array,
  labels: Uint32Array,
  out: Float32Array,
  predictions: Uint32Array | null,
  predictionOffset: number,
  metrics: Float32Array,
  rows: number,
  classes: number,
  loss: number,
  output: number,
  mode: number,
  gradientScale: number
): void {
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * classes;
    const label = labels[i];
    let best = 0;
    let max = z[row];
    for (let c = 1; c < classes; c++) {
      if (z[row + c] > max) {
        max = z[row + c];
        best = c;
      }
    }
    if (best === label) correct++;
    if (predictions) predictions[predictionOffset + i] = best;

    // Probabilities first, into `out` (they are the output in evaluation, and the gradient needs them).
    let sumExp = 0;
    if (output === 0) {
      for (let c = 0; c < classes; c++) sumExp += Math.exp(z[row + c] - max);
      for (let c = 0; c < classes; c++) out[row + c] = Math.exp(z[row + c] - max) / sumExp;
    } else if (output === 1) {
      for (let c = 0; c < classes; c++) out[row + c] = 1 / (1 + Math.exp(-z[row + c]));
    } else {
      for (let c = 0; c < classes; c++) out[row + c] = z[row + c];
    }

    if (loss === 0) {
      // softmax cross-entropy: −log p_label = log Σ exp(z − max) − (z_label − max)
      lossSum += Math.log(sumExp) - (z[row + label] - max);
    } else if (loss === 1) {
      // binary cross-entropy on logits, in the overflow-free form, averaged over classes
      let s = 0;
      for (let c = 0; c < classes; c++) {
        const v = z[row + c];
        s += Math.max(v, 0) - (c === label ? v : 0) + Math.log1p(Math.exp(-Math.abs(v)));
      }
      lossSum += s / classes;
    } else {
      let s = 0;
      for (let c = 0; c < classes; c++) {
        const d = out[row + c] - (c === label ? 1 : 0);
        s += d * d;
      }
      lossSum += s / classes;
    }
    if (mode === LOSS_MODE.evaluate) continue;

    if (loss !== 2) {
      // softmax + cross-entropy and sigmoid + binary cross-entropy both reduce to p − y
      // (binary cross-entropy is averaged over the classes, hence the 1/C)
      const perClass = loss === 1 ? gradientScale / classes : gradientScale;
      for (let c = 0; c < classes; c++) out[row + c] = (out[row + c] - (c === label ? 1 : 0)) * perClass;
    } else {
      // mean squared error: g = ∂loss/∂p = 2(p − y)/C, then back through the output activation
      let gp = 0;
      if (output === 0) {
        for (let c = 0; c < classes; c++) gp += ((2 * (out[row + c] - (c === label ? 1 : 0))) / classes) * out[row + c];
      }
      for (let c = 0; c < classes; c++) {
        const p = out[row + c];
        const g = (2 * (p - (c === label ? 1 : 0))) / classes;
        const dz = output === 0 ? p * (g - gp) : output === 1 ? g * p * (1 - p) : g;
        out[row + c] = dz * gradientScale;
      }
    }
  }
  metrics[0] += lossSum;
  metrics[1] += correct;
  metrics[2] += rows;
}
