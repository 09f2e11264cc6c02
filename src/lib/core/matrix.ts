// The matrix form of a layered network over a batch (003's layout: one column per example):
//   Z⁽ˡ⁾ = W⁽ˡ⁾·A⁽ˡ⁻¹⁾ + b⁽ˡ⁾,  A⁽ˡ⁾ = g(Z⁽ˡ⁾),  A⁽⁰⁾ = X
//   dZ⁽ˡ⁾ = ∂Cᵢ/∂Z⁽ˡ⁾ (each example's own loss),  dW⁽ˡ⁾ = s·dZ⁽ˡ⁾·A⁽ˡ⁻¹⁾ᵀ,  db⁽ˡ⁾ = s·Σᵢ dZ⁽ˡ⁾,  dA⁽ˡ⁻¹⁾ = W⁽ˡ⁾ᵀ·dZ⁽ˡ⁾
// with s = 1/m for `cost: mean` and 1 for `cost: sum`. Every entry is read off the one scalar
// engine's solution (never computed a second way here), so a matrix and the scalar graph behind
// it always agree; tests check the formulas above against those entries.
import { Graph, type Solution } from './graph.ts';
import type { GraphSpec, NodeSpec } from './spec.ts';
import type { CostName, NetworkSpec } from './network.ts';
import { add, constant, div, ref, toSource, type Expr } from './expr.ts';

/** A matrix as rows of numbers. */
export type Matrix = number[][];

export type MatrixKind = 'param' | 'param-gradient' | 'batch' | 'batch-gradient';

export interface MatrixQuantity {
  /** W1, b1, Z1, A1, dZ1, dW1, db1, dA1, A0 (= X), Y. */
  name: string;
  /** The TeX name: W^{(1)}, dW^{(1)}, A^{(0)}. */
  tex: string;
  kind: MatrixKind;
  rows: number;
  cols: number;
  values: Matrix;
  /** The scalar name behind each entry, when there is one (w1_2_1, z1_2_e3). */
  names: (string | null)[][];
}

export const shapeOf = (m: Matrix): [number, number] => [m.length, m[0]?.length ?? 0];
export const transpose = (m: Matrix): Matrix => (m.length ? m[0].map((_, j) => m.map((row) => row[j])) : []);
export const scale = (m: Matrix, s: number): Matrix => m.map((row) => row.map((v) => v * s));

export function multiply(a: Matrix, b: Matrix): Matrix {
  const [n, k] = shapeOf(a);
  const [k2, p] = shapeOf(b);
  if (k !== k2) throw new Error(`cannot multiply ${n}×${k} by ${k2}×${p}`);
  return a.map((row) => Array.from({ length: p }, (_, j) => row.reduce((s, v, t) => s + v * b[t][j], 0)));
}

/** Σ over the columns (the examples): an n×1 column. */
export const sumColumns = (m: Matrix): Matrix => m.map((row) => [row.reduce((s, v) => s + v, 0)]);
/** Σ over the rows (the units): a 1×m row. */
export const sumRows = (m: Matrix): Matrix => [m[0].map((_, j) => m.reduce((s, row) => s + row[j], 0))];

/** ∂C/∂Cᵢ: 1/m for a mean over the batch, 1 for a sum (and for a single example). */
export const costScale = (network: NetworkSpec) => (network.cost === 'mean' ? 1 / network.batch : 1);

/** TeX of a matrix name: dW1 → dW^{(1)}, A0 → A^{(0)}, Y → Y. */
export function matrixTex(name: string): string {
  const m = /^(d?)([A-Za-z])(\d+)$/.exec(name);
  return m ? `${m[1] ? 'd' : ''}${m[2]}^{(${m[3]})}` : name;
}

/** The names of a network's matrices, in the order a lesson walks them. */
export function matrixNames(network: NetworkSpec): string[] {
  const L = network.layers.length;
  const names = ['A0', 'Y'];
  for (let l = 1; l <= L; l++) names.push(`W${l}`, `b${l}`, `Z${l}`, `A${l}`);
  for (let l = L; l >= 1; l--) {
    if (l === L && readsOutput(network)) names.push(`dA${l}`);
    names.push(`dZ${l}`, `dW${l}`, `db${l}`);
    if (l > 1) names.push(`dA${l - 1}`);
  }
  return names;
}

/** Whether the loss reads the output activations (the fused softmax/sigmoid losses read the logits). */
const readsOutput = (network: NetworkSpec) => {
  const out = network.layers[network.layers.length - 1].activation;
  return !((network.loss === 'cross_entropy' && out === 'softmax') || (network.loss === 'bce' && out === 'sigmoid'));
};

/** Every named matrix of a solved layered network. */
export function networkMatrices(network: NetworkSpec, solution: Solution): Map<string, MatrixQuantity> {
  const out = new Map<string, MatrixQuantity>();
  const s = costScale(network);
  const examples = network.examples;
  const put = (name: string, kind: MatrixKind, names: (string | null)[][], value: (n: string) => number) => {
    const values = names.map((row) => row.map((n) => (n === null ? Number.NaN : value(n))));
    out.set(name, { name, tex: matrixTex(name), kind, rows: names.length, cols: names[0]?.length ?? 0, values, names });
  };
  const value = (n: string) => solution.values[n];
  // ∂Cᵢ/∂(node of example i) = (∂C/∂node) / (∂C/∂Cᵢ).
  const perExample = (n: string) => solution.gradients[n] / s;
  /** Units × examples: entry (j, i) is unit j of example i. */
  const columns = (pick: (e: (typeof examples)[number]) => string[]) => pick(examples[0]).map((_, j) => examples.map((e) => pick(e)[j]));

  put('A0', 'batch', columns((e) => e.inputs), value);
  put('Y', 'batch', columns((e) => e.targets), value);
  network.layers.forEach((layer, index) => {
    const l = index + 1;
    put(`W${l}`, 'param', layer.weights, value);
    put(`b${l}`, 'param', layer.biases.map((b) => [b]), value);
    put(`Z${l}`, 'batch', columns((e) => e.z[index]), value);
    put(`A${l}`, 'batch', columns((e) => e.a[index]), value);
    put(`dZ${l}`, 'batch-gradient', columns((e) => e.z[index]), perExample);
    if (l < network.layers.length || readsOutput(network)) put(`dA${l}`, 'batch-gradient', columns((e) => e.a[index]), perExample);
    put(`dW${l}`, 'param-gradient', layer.weights, (n) => solution.gradients[n]);
    put(`db${l}`, 'param-gradient', layer.biases.map((b) => [b]), (n) => solution.gradients[n]);
  });
  return out;
}

export interface EntryTerm {
  /** The example, from 1. */
  example: number;
  dz: number;
  a: number;
  /** dz·a */
  product: number;
  /** The scalar names behind the two factors (z2_1_e3, a1_2_e3). */
  dzName: string;
  aName: string;
}

export interface EntryExpansion {
  /** dW^{(l)}_{jk}, from 1. */
  layer: number;
  row: number;
  col: number;
  terms: EntryTerm[];
  /** 1/m or 1. */
  scale: number;
  /** s · Σ terms, which is the engine's ∂C/∂w{l}_{j}_{k}. */
  total: number;
  /** The weight's scalar name, w{l}_{j}_{k}. */
  weight: string;
}

/**
 * One entry of dW⁽ˡ⁾ as the sum over the batch it is: dW_jk = s·Σᵢ dZ_j⁽ⁱ⁾·A_k⁽ˡ⁻¹⁾⁽ⁱ⁾, each term
 * one example's scalar path (row and column from 1).
 */
export function expandWeightGradient(network: NetworkSpec, mats: Map<string, MatrixQuantity>, layer: number, row: number, col: number): EntryExpansion {
  const dZ = mats.get(`dZ${layer}`)!;
  const A = mats.get(`A${layer - 1}`)!;
  const terms = network.examples.map((_, i) => {
    const dz = dZ.values[row - 1][i];
    const a = A.values[col - 1][i];
    return { example: i + 1, dz, a, product: dz * a, dzName: dZ.names[row - 1][i]!, aName: A.names[col - 1][i]! };
  });
  const s = costScale(network);
  const weight = network.layers[layer - 1].weights[row - 1][col - 1];
  return { layer, row, col, terms, scale: s, total: s * terms.reduce((sum, t) => sum + t.product, 0), weight };
}

/** The shapes of every matrix of a network with these layer sizes over a batch of m (003's layout). */
export function layerShapes(sizes: number[], m: number) {
  return sizes.slice(1).map((n, index) => {
    const below = sizes[index];
    return { layer: index + 1, W: [n, below], b: [n, 1], Z: [n, m], A: [n, m], dZ: [n, m], dW: [n, below], db: [n, 1], dAbelow: [below, m] } as const;
  });
}

/** The number of weights and biases of a network with these layer sizes. */
export const parameterTotal = (sizes: number[]) => sizes.slice(1).reduce((total, n, i) => total + n * sizes[i] + n, 0);

/**
 * The same network over the first m examples of its batch (1 ≤ m ≤ batch): the spec keeps those
 * examples' inputs and nodes and C becomes their mean or sum. With m = 1 and `cost: mean` it is the
 * scalar network of the first example, node for node.
 */
export function batchPrefix(spec: GraphSpec, m: number): GraphSpec {
  const network = spec.network;
  if (!network || network.cost === null) return spec;
  const keep = Math.max(1, Math.min(network.batch, Math.round(m)));
  const examples = network.examples.slice(0, keep);
  const inputNames = new Set(examples.flatMap((e) => [...e.inputs, ...e.targets]));
  const dropped = new Set(network.examples.slice(keep).flatMap((e) => [...e.z.flat(), ...e.a.flat(), e.loss]));
  const dropSuffix = new RegExp(`_e(${Array.from({ length: network.batch - keep }, (_, i) => keep + i + 1).join('|') || '0'})$`);
  const total = examples.map((e) => ref(e.loss) as Expr).reduce((s, t) => add(s, t));
  const C: Expr = network.cost === 'mean' && keep > 1 ? div(total, constant(keep)) : total;
  const nodes: NodeSpec[] = spec.nodes
    .filter((n) => !dropped.has(n.name) && !(n.name !== 'C' && dropSuffix.test(n.name)))
    .map((n) => (n.name === 'C' ? { name: 'C', expr: C, source: toSource(C) } : n));
  return {
    ...spec,
    inputs: Object.fromEntries(Object.entries(spec.inputs).filter(([n]) => inputNames.has(n))),
    nodes,
    network: { ...network, batch: keep, examples }
  };
}

/** One matrix as the ::matrices widget draws it: its name, the formula it comes from, its numbers. */
export interface MatrixPanel {
  name: string;
  /** The formula in 003's layout, TeX: Z^{(1)} = W^{(1)} A^{(0)} + b^{(1)}. */
  formula: string;
  rows: number;
  cols: number;
  values: Matrix;
  /** dW: each entry opens into its sum over the batch. */
  expandable: boolean;
}

export interface MatrixView {
  /** Examples used (1 ≤ m ≤ batch). */
  m: number;
  /** Examples the lesson's batch has. */
  batch: number;
  cost: CostName;
  network: NetworkSpec;
  matrices: Map<string, MatrixQuantity>;
  forward: MatrixPanel[];
  backward: MatrixPanel[];
  /** C over the first m examples, and each example's own loss. */
  costValue: number;
  losses: number[];
}

const activationTex = (name: string) => ({ sigmoid: '\\sigma', tanh: '\\tanh', relu: '\\mathrm{ReLU}', linear: '\\mathrm{id}', softmax: '\\mathrm{softmax}' })[name] ?? `\\mathrm{${name.replace(/_/g, '\\_')}}`;

/**
 * What the ::matrices widget shows for the first m examples of a lesson's batch, with the cost as
 * a mean or a sum: every matrix of the forward and backward pass with the formula that makes it,
 * all read off the scalar engine's solution of the cut-down graph.
 */
export function matrixView(spec: GraphSpec, m: number, cost: CostName, overrides: Record<string, number> = {}): MatrixView | null {
  if (!spec.network || spec.network.cost === null) return null;
  const cut = batchPrefix({ ...spec, network: { ...spec.network, cost } }, m);
  const network = cut.network!;
  const solution = new Graph(cut).solve(overrides);
  const mats = networkMatrices(network, solution);
  const L = network.layers.length;
  const scaleTex = cost === 'mean' ? '\\tfrac{1}{m}\\,' : '';
  const panel = (name: string, formula: string): MatrixPanel => {
    const q = mats.get(name)!;
    return { name, formula, rows: q.rows, cols: q.cols, values: q.values, expandable: name.startsWith('dW') };
  };
  const forward = [panel('A0', 'A^{(0)} = X')];
  network.layers.forEach((layer, i) => {
    const l = i + 1;
    forward.push(panel(`W${l}`, `W^{(${l})}`), panel(`b${l}`, `b^{(${l})}`));
    forward.push(panel(`Z${l}`, `Z^{(${l})} = W^{(${l})} A^{(${l - 1})} + b^{(${l})}`));
    forward.push(panel(`A${l}`, `A^{(${l})} = ${activationTex(layer.activation)}(Z^{(${l})})`));
  });
  const backward: MatrixPanel[] = [];
  for (let l = L; l >= 1; l--) {
    if (l === L && mats.has(`dA${l}`)) backward.push(panel(`dA${l}`, `dA^{(${l})} = \\partial C_i / \\partial A^{(${l})}`));
    const act = network.layers[l - 1].activation;
    backward.push(panel(`dZ${l}`, mats.has(`dA${l}`) ? `dZ^{(${l})} = dA^{(${l})} \\odot ${activationTex(act)}'(Z^{(${l})})` : `dZ^{(${l})} = \\partial C_i / \\partial Z^{(${l})}`));
    backward.push(panel(`dW${l}`, `dW^{(${l})} = ${scaleTex}dZ^{(${l})} A^{(${l - 1})\\top}`));
    backward.push(panel(`db${l}`, `db^{(${l})} = ${scaleTex}\\textstyle\\sum_i dZ^{(${l})}_{:,i}`));
    if (l > 1) backward.push(panel(`dA${l - 1}`, `dA^{(${l - 1})} = W^{(${l})\\top} dZ^{(${l})}`));
  }
  return { m: network.batch, batch: spec.network.batch, cost, network, matrices: mats, forward, backward, costValue: solution.values.C, losses: network.examples.map((e) => solution.values[e.loss]) };
}
