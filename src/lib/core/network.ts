// The layered form of a graph spec (input vector, layers of weight matrices, a named loss),
// expanded into the equations form with predictable names, so one engine serves both.
//
// Names (l = layer 1..L, j = unit of this layer, k = unit of the previous layer, all 1-based):
//   inputs  x_k  (TeX x_{k})            targets y_j  (TeX y_{j})
//   params  w{l}_{j}_{k} (W^{(l)}_{jk})  b{l}_{j} (b^{(l)}_{j})
//   nodes   z{l}_{j} (z^{(l)}_{j})      a{l}_{j} (a^{(l)}_{j});  softmax layers add s{l} = log Σ_j e^{z_j}
//   loss    C
// A batch (`inputs:` and `targets:`, lists of vectors) expands each example to its own scalar
// nodes with the suffix _e{i} (x1_e2, z1_3_e2, a2_1_e2; TeX x^{⟨2⟩}_{1}) and its own loss C_e{i};
// the weights are shared, and C is the mean (`cost: mean`, the default) or the sum of the C_e{i}.
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

/** One example of a batch: its input and target names, and its nodes per layer. */
export interface NetworkExample {
  inputs: string[];
  targets: string[];
  /** z[l][j], a[l][j]: layer l+1, unit j+1 of this example. */
  z: string[][];
  a: string[][];
  /** This example's loss node (C itself when there is no batch). */
  loss: string;
}

export interface NetworkSpec {
  /** Units per layer, input layer first. */
  sizes: number[];
  /** The first example's inputs and targets (the only ones without a batch). */
  inputs: string[];
  targets: string[];
  layers: { activation: Activation; z: string[]; a: string[]; weights: string[][]; biases: string[] }[];
  loss: LossName;
  /** Examples in the batch (1 for `input:`/`target:`), each with its own scalar nodes. */
  batch: number;
  /** How C combines the examples' losses: `mean` (1/m Σ, the default) or `sum`; null without a batch. */
  cost: CostName | null;
  examples: NetworkExample[];
}

export const costs = ['mean', 'sum'] as const;
export type CostName = (typeof costs)[number];

/** A layered spec expanded: the equations form, plus the layer structure it came from. */
export type ExpandedNetwork = GraphSpec & { network: NetworkSpec };

type Report = (message: string, at: PathSegment[], part?: 'key' | 'value') => void;

const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const isVectorList = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((row) => isNumberList(row) && row.length > 0);

/**
 * A batch's names: example i (1-based) of a batch gets the suffix `_e{i}` on every input, target,
 * z, a and s, and its own loss `C_e{i}` (TeX C_{i}); C is then their mean or sum. Without a batch
 * (`input:`/`target:`) there is no suffix and the loss is C.
 */
export const exampleSuffix = (batch: boolean, i: number) => (batch ? `_e${i + 1}` : '');
const exampleTex = (batch: boolean, i: number) => (batch ? `\\langle ${i + 1}\\rangle` : '');

export function expandNetwork(spec: Record<string, unknown>, learningRate: number, report: Report): ExpandedNetwork | null {
  let ok = true;
  const fail = (message: string, at: PathSegment[], part?: 'key' | 'value') => {
    ok = false;
    report(message, at, part);
  };
  const batched = spec.inputs !== undefined || spec.targets !== undefined;
  if (batched) {
    if (spec.input !== undefined) fail('write either input: (one example) or inputs: (a batch), not both', ['input'], 'key');
    if (spec.target !== undefined) fail('write either target: (one example) or targets: (a batch), not both', ['target'], 'key');
    if (!isVectorList(spec.inputs)) fail('inputs must be a non-empty list of input vectors, one per example, e.g. [[1.0, 0.5], [0.2, 0.3]]', ['inputs']);
    if (!isVectorList(spec.targets)) fail('targets must be a non-empty list of target vectors, one per example, e.g. [[1], [0]]', ['targets']);
  } else {
    if (!isNumberList(spec.input) || spec.input.length === 0) fail('input must be a non-empty list of numbers, e.g. [1.0, 0.5]', ['input']);
    if (!isNumberList(spec.target) || spec.target.length === 0) fail('target must be a non-empty list of numbers', ['target']);
    if (spec.cost !== undefined) fail('cost: says how the losses of a batch add up; it needs inputs: and targets: (lists of vectors)', ['cost'], 'key');
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) fail('layers must be a non-empty list', ['layers']);
  // An unknown loss or cost is reported, and the layers are still checked so every mistake shows at once.
  const loss = (spec.loss ?? 'squared') as LossName;
  if (!losses.includes(loss)) fail(`unknown loss "${String(spec.loss)}" (known: ${losses.join(', ')})`, ['loss']);
  const cost = (spec.cost ?? 'mean') as CostName;
  if (batched && !costs.includes(cost)) fail(`unknown cost "${String(spec.cost)}" (known: mean, the average over the batch; sum)`, ['cost']);
  if (!isVectorList(batched ? spec.inputs : [spec.input]) || !isVectorList(batched ? spec.targets : [spec.target]) || !Array.isArray(spec.layers)) return null;
  const inputList = batched ? (spec.inputs as number[][]) : [spec.input as number[]];
  const targetList = batched ? (spec.targets as number[][]) : [spec.target as number[]];
  if (batched) {
    if (inputList.length !== targetList.length) fail(`inputs has ${inputList.length} examples but targets has ${targetList.length}; give one target vector per input vector`, ['targets']);
    inputList.forEach((row, i) => {
      if (row.length !== inputList[0].length) fail(`example ${i + 1} has ${row.length} input${row.length === 1 ? '' : 's'} but example 1 has ${inputList[0].length}`, ['inputs', i]);
    });
    targetList.forEach((row, i) => {
      if (row.length !== targetList[0].length) fail(`example ${i + 1} has ${row.length} target${row.length === 1 ? '' : 's'} but example 1 has ${targetList[0].length}`, ['targets', i]);
    });
    if (!ok) return null;
  }

  const params: Record<string, number> = {};
  const inputs: Record<string, number> = {};
  const tex: Record<string, string> = {};
  const nodes: NodeSpec[] = [];
  const node = (name: string, expr: Expr, texName: string) => {
    nodes.push({ name, expr, source: '' });
    tex[name] = texName;
  };

  const examples: NetworkExample[] = inputList.map((input, i) => {
    const suffix = exampleSuffix(batched, i);
    const sup = exampleTex(batched, i);
    const inputNames = input.map((v, k) => {
      const name = `x${k + 1}${suffix}`;
      inputs[name] = v;
      tex[name] = batched ? `x^{${sup}}_{${k + 1}}` : `x_{${k + 1}}`;
      return name;
    });
    const targetNames = targetList[i].map((v, j) => {
      const name = `y${j + 1}${suffix}`;
      inputs[name] = v;
      tex[name] = batched ? `y^{${sup}}_{${j + 1}}` : `y_{${j + 1}}`;
      return name;
    });
    return { inputs: inputNames, targets: targetNames, z: [], a: [], loss: batched ? `C_e${i + 1}` : 'C' };
  });

  const network: NetworkSpec = {
    sizes: [inputList[0].length], inputs: examples[0].inputs, targets: examples[0].targets, layers: [], loss,
    batch: examples.length, cost: batched ? cost : null, examples
  };
  const layerCount = (spec.layers as unknown[]).length;
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
    const below = network.sizes[network.sizes.length - 1];
    const rows = weights as number[][];
    let shapeOk = true;
    rows.forEach((row, j) => {
      if (row.length !== below) {
        shapeOk = false;
        fail(`layer ${l}: weight row ${j + 1} has ${row.length} numbers but the layer below has ${below} units`, [...at, 'weights', j]);
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
    if (activation === 'softmax' && i !== layerCount - 1) {
      fail(`layer ${l}: softmax is only allowed on the output layer`, [...at, 'activation']);
      return;
    }
    // After an earlier mistake the spec is refused anyway: check this layer, build nothing.
    if (!shapeOk || !ok) {
      network.sizes.push(rows.length);
      return;
    }
    const entry: NetworkSpec['layers'][number] = { activation, z: [], a: [], weights: [], biases: [] };
    rows.forEach((row, jj) => {
      const j = jj + 1;
      entry.weights.push(row.map((w, kk) => {
        const name = `w${l}_${j}_${kk + 1}`;
        params[name] = w;
        tex[name] = `W^{(${l})}_{${j}${kk + 1}}`;
        return name;
      }));
      const bName = `b${l}_${j}`;
      params[bName] = biases[jj];
      tex[bName] = `b^{(${l})}_{${j}}`;
      entry.biases.push(bName);
    });
    // The same weights and biases, read by every example's own scalar nodes.
    examples.forEach((example, i) => {
      const suffix = exampleSuffix(batched, i);
      const sup = exampleTex(batched, i);
      const previous = l === 1 ? example.inputs : example.a[l - 2];
      const z = entry.weights.map((wNames, jj) => {
        let sum: Expr = constant(0);
        wNames.forEach((w, kk) => (sum = add(sum, mul(ref(w), ref(previous[kk])))));
        const zName = `z${l}_${jj + 1}${suffix}`;
        node(zName, add(sum, ref(entry.biases[jj])), `z^{(${l})${sup}}_{${jj + 1}}`);
        return zName;
      });
      if (activation === 'softmax') node(`s${l}${suffix}`, call('logsumexp', ...z.map(ref)), `\\log S^{(${l})${sup}}`);
      const a = z.map((zName, jj) => {
        const aName = `a${l}_${jj + 1}${suffix}`;
        node(aName, activate(activation, ref(zName), l, suffix), `a^{(${l})${sup}}_{${jj + 1}}`);
        return aName;
      });
      example.z.push(z);
      example.a.push(a);
    });
    entry.z = examples[0].z[i];
    entry.a = examples[0].a[i];
    network.sizes.push(rows.length);
    network.layers.push(entry);
  });
  if (!ok) return null;

  const outputs = network.sizes[network.sizes.length - 1];
  if (targetList[0].length !== outputs) {
    fail(`${batched ? 'each target vector' : 'target'} has ${targetList[0].length} numbers but the output layer has ${outputs} units`, [batched ? 'targets' : 'target']);
    return null;
  }
  const L = network.layers.length;
  const output = network.layers[L - 1];
  examples.forEach((example, i) => {
    const expr = lossExpr(loss, { activation: output.activation, z: example.z[L - 1], a: example.a[L - 1] }, `s${L}${exampleSuffix(batched, i)}`, example.targets);
    node(example.loss, expr, batched ? `C_{${i + 1}}` : 'C');
  });
  if (batched) {
    const total = examples.map((e) => ref(e.loss) as Expr).reduce((s, t) => add(s, t));
    node('C', cost === 'mean' && examples.length > 1 ? div(total, constant(examples.length)) : total, 'C');
  }
  for (const n of nodes) n.source = toSource(n.expr);
  return { params, inputs, nodes, loss: 'C', learningRate, tex, network };
}

function activate(activation: Activation, z: Expr, layer: number, suffix: string): Expr {
  switch (activation) {
    case 'linear': return z;
    case 'softmax': return call('exp', sub(z, ref(`s${layer}${suffix}`)));
    default: return call(activation, z);
  }
}

/**
 * The loss over the output layer. bce is the mean over the outputs (as in Keras and PyTorch);
 * cross_entropy is −Σ y_j log a_j. From a sigmoid (bce) or softmax (cross_entropy) layer both are
 * computed from the logits: bce_logits(z, y) = −[y log σ(z) + (1 − y) log(1 − σ(z))] and
 * −y_j log a_j = y_j (log S − z_j), so the outputs a_j are shown but the loss does not read them.
 */
function lossExpr(loss: LossName, output: { activation: Activation; z: string[]; a: string[] }, logSum: string, targets: string[]): Expr {
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
      if (output.activation === 'softmax') return sum((j) => mul(y(j), sub(ref(logSum), z(j))));
      return neg(sum((j) => mul(y(j), call('log', yhat(j)))));
  }
}
