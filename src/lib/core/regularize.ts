// Regularization on the graph engine: a penalty on the weights (L2: λ/2·Σw², L1: λ·Σ|w|) added to
// the graph as nodes of its own, so its gradient (λw, λ·sign w) reaches every weight by the same
// backward pass as the data's; and inverted dropout on the 2-2-1 network, a mask of 0s and 1s on the
// hidden units with the kept ones scaled by 1/(1 − p), so a dropped path carries exactly zero.
import { Graph, type Solution } from './graph.ts';
import { add, call, constant, div, mul, pow, ref, sub, substitute, toSource, type Expr } from './expr.ts';
import type { ExpandedNetwork } from './network.ts';
import type { GraphSpec } from './spec.ts';
import { tinyNetwork } from './init.ts';
import { Random } from './random.ts';

export const PENALTIES = ['l2', 'l1'] as const;
export type Penalty = (typeof PENALTIES)[number];

/** The lesson's 2-2-1 network for regularization: the same shape as the initialization lesson's, started unequal. */
export const REG_HIDDEN = [[0.15, -0.25], [0.35, 0.2]];
export const REG_OUTPUT = [[0.4, -0.3]];
export const regNetwork = () => tinyNetwork(REG_HIDDEN, REG_OUTPUT, 0.5);

/** The weights of a layered network (not the biases: the penalty leaves them alone, as is usual). */
export const weightNames = (spec: ExpandedNetwork) => spec.network.layers.flatMap((l) => l.weights.flat());

/** The penalty term as an expression over the weights, with λ read from the input `lambda`. */
export function penaltyExpr(kind: Penalty, weights: string[]): Expr {
  const sum = (term: (w: string) => Expr) => weights.map(term).reduce((s, t) => add(s, t));
  return kind === 'l2'
    ? mul(div(ref('lambda'), constant(2)), sum((w) => pow(ref(w), constant(2))))
    : mul(ref('lambda'), sum((w) => call('abs', ref(w))));
}

/**
 * The network's graph with the penalty added: input `lambda`, node R (the penalty) and node J = C + R,
 * the new loss. `loss: 'R'` gives the penalty alone (its gradient is the penalty's share).
 */
export function penalizedSpec(spec: ExpandedNetwork, kind: Penalty, lambda: number, loss: 'J' | 'R' = 'J'): GraphSpec {
  const R = penaltyExpr(kind, weightNames(spec));
  const J = add(ref(spec.loss), ref('R'));
  return {
    ...spec,
    inputs: { ...spec.inputs, lambda },
    nodes: [...spec.nodes, { name: 'R', expr: R, source: toSource(R) }, { name: 'J', expr: J, source: toSource(J) }],
    loss,
    tex: { ...spec.tex, lambda: '\\lambda', R: 'R', J: 'J' }
  };
}

export interface PenaltyRow {
  name: string;
  tex: string;
  value: number;
  /** ∂C/∂w: the data's gradient, without the penalty. */
  data: number;
  /** ∂R/∂w: the penalty's share, λw for L2 and λ·sign(w) for L1 (computed by the engine). */
  penalty: number;
  /** ∂J/∂w: what the update uses. */
  total: number;
  /** w after one step of gradient descent on J. */
  updated: number;
}

/** Every weight's gradient split into the data's share and the penalty's, each from its own backward pass. */
export function penaltyTable(spec: ExpandedNetwork, kind: Penalty, lambda: number): { rows: PenaltyRow[]; loss: number; penalty: number } {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`λ must be a number ≥ 0, not ${lambda}`);
  const data = new Graph(spec).solve();
  const penalty = new Graph(penalizedSpec(spec, kind, lambda, 'R')).solve();
  const total = new Graph(penalizedSpec(spec, kind, lambda, 'J')).solve();
  const rows = weightNames(spec).map((name) => ({
    name,
    tex: spec.tex[name],
    value: spec.params[name],
    data: data.gradients[name],
    penalty: penalty.gradients[name],
    total: total.gradients[name],
    updated: total.updated[name]
  }));
  return { rows, loss: total.values.C, penalty: total.values.R };
}

// ── Dropout ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The network with inverted dropout after hidden layer `layer`: inputs m{l}_j (1 kept, 0 dropped)
 * and p, nodes h{l}_j = m{l}_j · a{l}_j / (1 − p), and the next layer reading h instead of a.
 */
export function dropoutSpec(spec: ExpandedNetwork, p: number, mask: boolean[], layer = 1): GraphSpec {
  if (!(p >= 0 && p < 1)) throw new RangeError(`the dropout rate p must be in [0, 1), not ${p}`);
  const hidden = spec.network.layers[layer - 1];
  if (!hidden || layer >= spec.network.layers.length) throw new RangeError(`layer ${layer} is not a hidden layer`);
  if (mask.length !== hidden.a.length) throw new RangeError(`the mask has ${mask.length} entries for ${hidden.a.length} units`);
  const inputs: Record<string, number> = { ...spec.inputs, p };
  const tex: Record<string, string> = { ...spec.tex, p: 'p' };
  const kept = new Map<string, string>();
  const dropNodes = hidden.a.map((a, i) => {
    const m = `m${layer}_${i + 1}`;
    const h = `h${layer}_${i + 1}`;
    inputs[m] = mask[i] ? 1 : 0;
    tex[m] = `m^{(${layer})}_{${i + 1}}`;
    tex[h] = `\\tilde a^{(${layer})}_{${i + 1}}`;
    kept.set(a, h);
    const expr = div(mul(ref(m), ref(a)), sub(constant(1), ref('p')));
    return { name: h, expr, source: toSource(expr) };
  });
  // The hidden layer's last node is followed by the h nodes; every node after it reads h, not a.
  const after = spec.nodes.findIndex((n) => n.name === hidden.a.at(-1)) + 1;
  const later = spec.nodes.slice(after).map((node) => {
    const expr = substitute(node.expr, (name) => (kept.has(name) ? ref(kept.get(name)!) : undefined));
    return { ...node, expr, source: toSource(expr) };
  });
  const nodes = [...spec.nodes.slice(0, after), ...dropNodes, ...later];
  return { ...spec, inputs, nodes, tex };
}

export interface DropoutResult {
  spec: GraphSpec;
  solution: Solution;
  /** 1/(1 − p): how much each kept unit is scaled so the layer's expected output is unchanged. */
  scale: number;
  mask: boolean[];
}

export function dropoutStep(spec: ExpandedNetwork, p: number, mask: boolean[], layer = 1): DropoutResult {
  const withDropout = dropoutSpec(spec, p, mask, layer);
  return { spec: withDropout, solution: new Graph(withDropout).solve(), scale: 1 / (1 - p), mask };
}

/** A mask for `units` units: each kept with probability 1 − p, from the project's seeded generator. */
export function drawMask(units: number, p: number, random: Random): boolean[] {
  return Array.from({ length: units }, () => random.next() >= p);
}

// ── The widgets' settings, read from a directive's attributes (lint has checked them) ──────────

type Attributes = Record<string, string | undefined>;
const numberIn = (v: string | undefined, min: number, max: number, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? n : fallback;
};

export const dropoutSettings = (a: Attributes) => ({
  p: numberIn(a.p, 0.05, 0.9, 0.5),
  mask: /^[01]{2}$/.test(a.mask ?? '') ? [...a.mask!].map((c) => c === '1') : [true, false],
  seed: Number.isInteger(Number(a.seed)) && a.seed !== undefined ? Number(a.seed) : 1
});
export const penaltySettings = (a: Attributes) => ({
  kind: (PENALTIES as readonly string[]).includes(a.kind ?? '') ? (a.kind as Penalty) : 'l2',
  lambda: numberIn(a.lambda, 0, 10, 0.1)
});

const subscript = (s: string) => s.replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
const superscript = (s: string) => s.replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);

/** A layered network's weight name as a reader sees it in plain text: w1_2_1 → W⁽¹⁾₂₁. */
export function weightLabel(name: string): string {
  const m = /^w(\d+)_(\d+)_(\d+)$/.exec(name);
  return m ? `W⁽${superscript(m[1])}⁾${subscript(m[2] + m[3])}` : name;
}
