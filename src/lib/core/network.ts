// The layered form of a graph spec (input vector, layers of weight matrices, a named loss),
// expanded into the equations form with predictable names, so one engine serves both.
//
// Names (l = layer 1..L, j = unit of this layer, k = unit of the previous layer, all 1-based):
//   inputs  x_k  (TeX x_{k})            targets y_j  (TeX y_{j})
//   params  w{l}_{j}_{k} (W^{(l)}_{jk})  b{l}_{j} (b^{(l)}_{j})
//   nodes   z{l}_{j} (z^{(l)}_{j})      a{l}_{j} (a^{(l)}_{j});  softmax layers add s{l} = log Σ_j e^{z_j}
//   loss    C
// Softmax layers and the cross-entropies of softmax/sigmoid outputs are written the stable way:
// a_j = e^{z_j − log S} with log S = logsumexp(z) (shifted by the max), and the loss is computed
// from the logits z (log-sum-exp, softplus), so logits of 800 or a sigmoid at 40 stay finite and
// ∂C/∂z_j comes out as ŷ_j − y_j.
import type { GraphSpec, NodeSpec } from './spec.ts';
import { add, call, constant, div, mul, neg, pow, ref, sub, toSource, type Expr } from './expr.ts';
import type { PathSegment } from './source.ts';
import { activationOps } from './ops.ts';

/** A layer's activation: any op the op table marks as one, or the identity, or softmax over the layer. */
export const activations = [...activationOps, 'linear', 'softmax'];
export const losses = ['squared', 'half_sse', 'mse', 'bce', 'cross_entropy'] as const;
export type Activation = string;
export type LossName = (typeof losses)[number];

export interface NetworkSpec {
  /** Units per layer, input layer first. */
  sizes: number[];
  inputs: string[];
  targets: string[];
  layers: { activation: Activation; z: string[]; a: string[]; weights: string[][]; biases: string[] }[];
  loss: LossName;
}

/** A layered spec expanded: the equations form, plus the layer structure it came from. */
export type ExpandedNetwork = GraphSpec & { network: NetworkSpec };

type Report = (message: string, at: PathSegment[], part?: 'key' | 'value') => void;

const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

export function expandNetwork(spec: Record<string, unknown>, learningRate: number, report: Report): ExpandedNetwork | null {
  let ok = true;
  const fail = (message: string, at: PathSegment[], part?: 'key' | 'value') => {
    ok = false;
    report(message, at, part);
  };
  if (!isNumberList(spec.input) || spec.input.length === 0) fail('input must be a non-empty list of numbers, e.g. [1.0, 0.5]', ['input']);
  if (!isNumberList(spec.target) || spec.target.length === 0) fail('target must be a non-empty list of numbers', ['target']);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) fail('layers must be a non-empty list', ['layers']);
  if (!ok) return null;
  // An unknown loss is reported, and the layers are still checked so every mistake shows at once.
  const loss = (spec.loss ?? 'squared') as LossName;
  if (!losses.includes(loss)) fail(`unknown loss "${String(spec.loss)}" (known: ${losses.join(', ')})`, ['loss']);

  const input = spec.input as number[];
  const target = spec.target as number[];
  const params: Record<string, number> = {};
  const inputs: Record<string, number> = {};
  const tex: Record<string, string> = {};
  const nodes: NodeSpec[] = [];
  const node = (name: string, expr: Expr, texName: string) => {
    nodes.push({ name, expr, source: '' });
    tex[name] = texName;
  };

  const inputNames = input.map((v, k) => {
    const name = `x${k + 1}`;
    inputs[name] = v;
    tex[name] = `x_{${k + 1}}`;
    return name;
  });
  const targetNames = target.map((v, j) => {
    const name = `y${j + 1}`;
    inputs[name] = v;
    tex[name] = `y_{${j + 1}}`;
    return name;
  });

  const network: NetworkSpec = { sizes: [input.length], inputs: inputNames, targets: targetNames, layers: [], loss };
  let previous = inputNames;
  (spec.layers as unknown[]).forEach((rawLayer, i) => {
    const l = i + 1;
    const at = ['layers', i];
    if (typeof rawLayer !== 'object' || rawLayer === null || Array.isArray(rawLayer)) {
      fail(`layer ${l} must be a mapping with weights, biases and activation`, at);
      return;
    }
    const layer = rawLayer as Record<string, unknown>;
    for (const key of Object.keys(layer)) {
      if (!['weights', 'biases', 'activation'].includes(key)) fail(`unknown key "${key}" in layer ${l} (known: weights, biases, activation)`, [...at, key], 'key');
    }
    const weights = layer.weights;
    if (!Array.isArray(weights) || weights.length === 0 || !weights.every(isNumberList)) {
      fail(`layer ${l}: weights must be a list of rows of numbers (one row per unit of this layer)`, [...at, 'weights']);
      return;
    }
    const rows = weights as number[][];
    rows.forEach((row, j) => {
      if (row.length !== previous.length) {
        fail(`layer ${l}: weight row ${j + 1} has ${row.length} numbers but the layer below has ${previous.length} units`, [...at, 'weights', j]);
      }
    });
    const biases = layer.biases ?? rows.map(() => 0);
    if (!isNumberList(biases) || biases.length !== rows.length) {
      fail(`layer ${l}: biases must be a list of ${rows.length} numbers (one per unit)`, [...at, 'biases']);
      return;
    }
    const activation = (layer.activation ?? 'sigmoid') as Activation;
    if (!activations.includes(activation)) {
      fail(`layer ${l}: unknown activation "${String(layer.activation)}" (known: ${activations.join(', ')})`, [...at, 'activation']);
      return;
    }
    if (activation === 'softmax' && i !== (spec.layers as unknown[]).length - 1) {
      fail(`layer ${l}: softmax is only allowed on the output layer`, [...at, 'activation']);
      return;
    }
    const entry: NetworkSpec['layers'][number] = { activation, z: [], a: [], weights: [], biases: [] };
    rows.forEach((row, jj) => {
      const j = jj + 1;
      const wNames = row.map((w, kk) => {
        const name = `w${l}_${j}_${kk + 1}`;
        params[name] = w;
        tex[name] = `W^{(${l})}_{${j}${kk + 1}}`;
        return name;
      });
      const bName = `b${l}_${j}`;
      params[bName] = biases[jj];
      tex[bName] = `b^{(${l})}_{${j}}`;
      let sum: Expr = constant(0);
      wNames.forEach((w, kk) => (sum = add(sum, mul(ref(w), ref(previous[kk])))));
      const zName = `z${l}_${j}`;
      node(zName, add(sum, ref(bName)), `z^{(${l})}_{${j}}`);
      entry.z.push(zName);
      entry.weights.push(wNames);
      entry.biases.push(bName);
    });
    if (activation === 'softmax') node(`s${l}`, call('logsumexp', ...entry.z.map(ref)), `\\log S^{(${l})}`);
    entry.z.forEach((z, jj) => {
      const aName = `a${l}_${jj + 1}`;
      node(aName, activate(activation, ref(z), l), `a^{(${l})}_{${jj + 1}}`);
      entry.a.push(aName);
    });
    network.sizes.push(rows.length);
    network.layers.push(entry);
    previous = entry.a;
  });
  if (!ok) return null;

  if (previous.length !== targetNames.length) {
    fail(`target has ${targetNames.length} numbers but the output layer has ${previous.length} units`, ['target']);
    return null;
  }
  node('C', lossExpr(loss, network.layers[network.layers.length - 1], network.layers.length, targetNames), 'C');
  for (const n of nodes) n.source = toSource(n.expr);
  return { params, inputs, nodes, loss: 'C', learningRate, tex, network };
}

function activate(activation: Activation, z: Expr, layer: number): Expr {
  switch (activation) {
    case 'linear': return z;
    case 'softmax': return call('exp', sub(z, ref(`s${layer}`)));
    default: return call(activation, z);
  }
}

/**
 * The loss over the output layer. bce is the mean over the outputs (as in Keras and PyTorch);
 * cross_entropy is −Σ y_j log a_j. From a sigmoid (bce) or softmax (cross_entropy) layer both are
 * computed from the logits: bce_logits(z, y) = −[y log σ(z) + (1 − y) log(1 − σ(z))] and
 * −y_j log a_j = y_j (log S − z_j), so the outputs a_j are shown but the loss does not read them.
 */
function lossExpr(loss: LossName, output: NetworkSpec['layers'][number], layer: number, targets: string[]): Expr {
  const n = output.a.length;
  const sum = (f: (j: number) => Expr) => output.a.map((_, j) => f(j)).reduce((s, t) => add(s, t));
  const mean = (total: Expr) => (n > 1 ? div(total, constant(n)) : total);
  const y = (j: number) => ref(targets[j]);
  const yhat = (j: number) => ref(output.a[j]);
  const z = (j: number) => ref(output.z[j]);
  switch (loss) {
    case 'squared': return sum((j) => pow(sub(yhat(j), y(j)), constant(2)));
    case 'mse': return mean(sum((j) => pow(sub(yhat(j), y(j)), constant(2))));
    case 'half_sse': return sum((j) => mul(constant(0.5), pow(sub(y(j), yhat(j)), constant(2))));
    case 'bce':
      if (output.activation === 'sigmoid') return mean(sum((j) => call('bce_logits', z(j), y(j))));
      return neg(mean(sum((j) => add(mul(y(j), call('log', yhat(j))), mul(sub(constant(1), y(j)), call('log', sub(constant(1), yhat(j))))))));
    case 'cross_entropy':
      // −log a_j = log S − z_j exactly, without forming a_j (which may underflow to 0).
      if (output.activation === 'softmax') return sum((j) => mul(y(j), sub(ref(`s${layer}`), z(j))));
      return neg(sum((j) => mul(y(j), call('log', yhat(j)))));
  }
}
