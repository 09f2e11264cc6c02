// Named misconceptions, generated from the graph: mistakes students make on paper, built into a
// rerun (mutated partial, dropped path, wrong update, stale weight) or into the answer (another
// layer's gradient, the sign). Reported when the student's number matches the mutated value.
import { call, constant, derivative, mul, neg, pow, ref, refsOf, sub, toTex, type Compiled, type Expr } from '../expr.ts';
import { ops } from '../ops.ts';
import type { Graph, MutationPlan } from '../graph.ts';
import { keyText, quantityKey } from '../quantity.ts';
import { texToPlain } from '../steps.ts';

export const misconceptionIds = [
  'sigmoid-for-derivative',
  'derivative-at-activation',
  'tanh-for-derivative',
  'tanh-derivative-at-activation',
  'relu-for-derivative',
  'dropped-factor-2',
  'flipped-error-sign',
  'forgot-path',
  'update-plus',
  'update-no-learning-rate',
  'stale-weight',
  'wrong-layer-activation',
  'wrong-layer-gradient',
  'sign-error'
] as const;
export type MisconceptionId = (typeof misconceptionIds)[number];

/** A mutated rerun of the whole graph; `site` says where the mistake was made. */
export interface Mutation {
  id: MisconceptionId;
  site: string;
  message: string;
  plan: MutationPlan;
}

type CallExpr = Extract<Expr, { kind: 'call' }>;

function containsCall(e: Expr, test: (c: CallExpr) => boolean): boolean {
  if (e.kind !== 'call') return false;
  return test(e) || e.args.some((a) => containsCall(a, test));
}

/** Plain-text name in the lesson's notation: a3 → a^(L). */
export const plainName = (graph: Graph, name: string) => texToPlain(graph.tex(name));
const plainExpr = (graph: Graph, e: Expr) => texToPlain(toTex(e, (n) => graph.tex(n)));

const isSigmoid = (c: CallExpr) => c.op === 'sigmoid';
const isTanh = (c: CallExpr) => c.op === 'tanh';
const isRelu = (c: CallExpr) => c.op === 'relu';
const isSquare = (c: CallExpr) => c.op === 'pow' && c.args[1].kind === 'const' && c.args[1].value === 2;

/**
 * Every mutation the graph allows, each at every single site and (where there are several) at
 * all sites at once. Compiled against the graph, once per exercise.
 */
export function generateMutations(graph: Graph): Mutation[] {
  const out: Mutation[] = [];
  const edges = graph.edges;
  const lossName = graph.spec.loss;
  const loss = plainName(graph, lossName);

  /** Edges into `node` re-derived with `hook`; only the ones whose partial actually changes. */
  const rederive = (nodeNames: string[], hook: (c: CallExpr) => Expr[] | undefined) => {
    const partials = new Map<number, Compiled>();
    edges.forEach((edge, i) => {
      if (!nodeNames.includes(edge.to)) return;
      const mutated = derivative(graph.nodes.get(edge.to)!.expr, edge.from, hook);
      if (JSON.stringify(mutated) !== JSON.stringify(edge.partial)) partials.set(i, graph.compileOverValues(mutated));
    });
    return partials;
  };
  /** One mutation per site plus one for all sites together. */
  const perSite = (
    id: MisconceptionId,
    sites: string[],
    hook: (c: CallExpr) => Expr[] | undefined,
    message: (site: string | null) => string
  ) => {
    const groups: (string[] | null)[] = sites.map((s) => [s]);
    if (sites.length > 1) groups.push(null);
    for (const group of groups) {
      const partials = rederive(group ?? sites, hook);
      if (partials.size) out.push({ id, site: group ? group[0] : 'all', message: message(group ? group[0] : null), plan: { partials } });
    }
  };

  // The update: + instead of −; the learning rate left out. First, because a flipped loss sign
  // gives the same updated value and the more local explanation should win.
  const lr = graph.spec.learningRate;
  out.push({ id: 'update-plus', site: 'update', message: 'you added the step: gradient descent subtracts it, W_new = W − α·∂C/∂W', plan: { update: 'plus' } });
  if (lr !== 1) {
    out.push({ id: 'update-no-learning-rate', site: 'update', message: `you left out the learning rate: W_new = W − α·∂C/∂W with α = ${lr}`, plan: { update: 'no-learning-rate' } });
  }

  // σ(z) where σ′(z) belongs; σ′ taken at the activation a instead of at z.
  const sigmoidNodes = graph.spec.nodes.filter((n) => containsCall(n.expr, isSigmoid)).map((n) => n.name);
  const sigmoidArg = (node: string) => {
    const e = graph.nodes.get(node)!.expr;
    return e.kind === 'call' && e.op === 'sigmoid' ? plainExpr(graph, e.args[0]) : 'z';
  };
  perSite('sigmoid-for-derivative', sigmoidNodes, (c) => (isSigmoid(c) ? [c] : undefined), (site) =>
    `you used σ(z) instead of σ′(z) = σ(z)(1 − σ(z))${site ? ` at ${plainName(graph, site)} = σ(${sigmoidArg(site)})` : ' at every sigmoid'}`
  );
  perSite(
    'derivative-at-activation',
    sigmoidNodes,
    (c) => (isSigmoid(c) ? [mul(call('sigmoid', c), sub(constant(1), call('sigmoid', c)))] : undefined),
    (site) =>
      site
        ? `you took σ′ at the activation ${plainName(graph, site)} instead of at ${sigmoidArg(site)}: σ′(${sigmoidArg(site)}) = ${plainName(graph, site)}(1 − ${plainName(graph, site)}), not σ(${plainName(graph, site)})(1 − σ(${plainName(graph, site)}))`
        : 'you took σ′ at the activations a instead of at z: σ′(z) = a(1 − a), not σ(a)(1 − σ(a))'
  );

  // The same two slips for tanh (tanh′(z) = 1 − tanh²(z)), and ReLU(z) written where its
  // derivative step(z) (1 for z > 0, else 0) belongs.
  const tanhNodes = graph.spec.nodes.filter((n) => containsCall(n.expr, isTanh)).map((n) => n.name);
  const tanhArg = (node: string) => {
    const e = graph.nodes.get(node)!.expr;
    return e.kind === 'call' && e.op === 'tanh' ? plainExpr(graph, e.args[0]) : 'z';
  };
  perSite('tanh-for-derivative', tanhNodes, (c) => (isTanh(c) ? [c] : undefined), (site) =>
    `you used tanh(z) instead of tanh′(z) = 1 − tanh²(z)${site ? ` at ${plainName(graph, site)} = tanh(${tanhArg(site)})` : ' at every tanh'}`
  );
  perSite(
    'tanh-derivative-at-activation',
    tanhNodes,
    (c) => (isTanh(c) ? [sub(constant(1), pow(call('tanh', c), constant(2)))] : undefined),
    (site) =>
      site
        ? `you took tanh′ at the activation ${plainName(graph, site)} instead of at ${tanhArg(site)}: tanh′(${tanhArg(site)}) = 1 − ${plainName(graph, site)}², not 1 − tanh²(${plainName(graph, site)})`
        : 'you took tanh′ at the activations a instead of at z: tanh′(z) = 1 − a², not 1 − tanh²(a)'
  );
  const reluNodes = graph.spec.nodes.filter((n) => containsCall(n.expr, isRelu)).map((n) => n.name);
  perSite('relu-for-derivative', reluNodes, (c) => (isRelu(c) ? [c] : undefined), (site) =>
    `you used ReLU(z) instead of its derivative, which is 1 where z > 0 and 0 elsewhere${site ? ` (at ${plainName(graph, site)})` : ''}`
  );

  // The factor 2 of a square dropped: d(u²)/du written as u.
  const squareNodes = graph.spec.nodes.filter((n) => containsCall(n.expr, isSquare)).map((n) => n.name);
  perSite('dropped-factor-2', squareNodes, (c) => (isSquare(c) ? [c.args[0]] : undefined), (site) => {
    const e = site ? graph.nodes.get(site)!.expr : null;
    const sq = e && e.kind === 'call' && isSquare(e) ? plainExpr(graph, e.args[0]) : 'u';
    return `you dropped the factor 2: the derivative of (${sq})² is 2(${sq})`;
  });

  // (y − ŷ) for (ŷ − y): the loss's local partial with the sign flipped.
  const lossNode = graph.nodes.get(lossName);
  if (lossNode) {
    const partials = new Map<number, Compiled>();
    let from = '';
    edges.forEach((edge, i) => {
      if (edge.to !== lossName || graph.roles.get(edge.from) !== 'node') return;
      partials.set(i, graph.compileOverValues(neg(edge.partial)));
      from ||= edge.from;
    });
    if (partials.size) {
      const e = lossNode.expr;
      const inside = e.kind === 'call' && isSquare(e) && e.args[0].kind === 'call' && e.args[0].op === 'sub' ? e.args[0] : null;
      const message = inside
        ? `the sign is flipped: you used (${plainExpr(graph, sub(inside.args[1], inside.args[0]))}) where (${plainExpr(graph, inside)}) belongs, ∂${loss}/∂${plainName(graph, from)} = 2(${plainExpr(graph, inside)})`
        : `the sign of ∂${loss}/∂${plainName(graph, from)} is flipped: you wrote (y − ŷ) where (ŷ − y) belongs`;
      out.push({ id: 'flipped-error-sign', site: lossName, message, plan: { partials } });
    }
  }

  // One path of a sum forgotten: a name read by several nodes, one reader's term left out.
  for (const [name, readers] of graph.consumers) {
    if (readers.length < 2) continue;
    for (const edge of readers) {
      const others = readers.filter((r) => r !== edge).map((r) => plainName(graph, r.to));
      out.push({
        id: 'forgot-path',
        site: `${name}→${edge.to}`,
        message: `you left out a path: ${plainName(graph, name)} reaches ${loss} through ${[...others, plainName(graph, edge.to)].join(' and ')}, and ∂${loss}/∂${plainName(graph, name)} adds one term per path (the path through ${plainName(graph, edge.to)} is missing)`,
        plan: { dropped: new Set([edges.indexOf(edge)]) }
      });
    }
  }

  // An already-updated weight used in a later gradient (backpropagating after updating).
  const params = Object.keys(graph.spec.params);
  const readInPartials = params.filter((p) => edges.some((e) => e.from !== p && refsOf(e.partial).includes(p)));
  const staleGroups: string[][] = readInPartials.map((p) => [p]);
  if (readInPartials.length > 1) staleGroups.push(readInPartials);
  for (const group of staleGroups) {
    out.push({
      id: 'stale-weight',
      site: group.length === 1 ? group[0] : 'all',
      message:
        group.length === 1
          ? `you used the already-updated ${plainName(graph, group[0])} in a later gradient: compute every gradient with the old weights, then update them all`
          : 'you used already-updated weights in later gradients: compute every gradient with the old weights, then update them all',
      plan: { stale: group.map((p) => graph.slot.get(p)!) }
    });
  }

  // ∂z/∂W taken with the activation of the wrong layer: a^(L) or a^(L-2) where a^(L-1) belongs.
  const layerInputs = new Set<string>();
  edges.forEach((e) => {
    if (graph.roles.get(e.from) === 'param' && e.partial.kind === 'ref') layerInputs.add(e.partial.name);
  });
  for (const n of graph.spec.nodes) if (n.expr.kind === 'call' && ops[n.expr.op] && isActivation(n.expr)) layerInputs.add(n.name);
  edges.forEach((edge, i) => {
    if (graph.roles.get(edge.from) !== 'param' || edge.partial.kind !== 'ref') return;
    const right = edge.partial.name;
    for (const wrong of layerInputs) {
      if (wrong === right || wrong === edge.to) continue;
      out.push({
        id: 'wrong-layer-activation',
        site: `${edge.from}:${wrong}`,
        message: `∂${plainName(graph, edge.to)}/∂${plainName(graph, edge.from)} is the layer's input ${plainName(graph, right)}, not ${plainName(graph, wrong)}`,
        plan: { partials: new Map([[i, graph.compileOverValues(ref(wrong))]]) }
      });
    }
  });
  return out;
}

const isActivation = (c: CallExpr) => ops[c.op].activation === true && c.args[0].kind === 'ref';


/** An answer-level alternative: the value the student may have given instead of the target. */
export interface Alternative {
  id: MisconceptionId;
  message: string;
  /** The alternative quantity, as an expression over quantity keys. */
  expr: Expr;
}

/**
 * Alternatives that are about the answer, not a rerun: the gradient (or update) of another layer's
 * param of the same kind (w2 for w3, not b3), and the answer with its sign flipped.
 */
export function answerAlternatives(graph: Graph, target: Expr): Alternative[] {
  const out: Alternative[] = [];
  if (target.kind === 'ref') {
    const { kind, name } = quantityKey(target.name);
    if (kind !== 'value' && graph.roles.get(name) === 'param') {
      const stem = (s: string) => s.replace(/[\d_]+$/, '');
      const params = Object.keys(graph.spec.params).filter((p) => p !== name && stem(p) === stem(name));
      for (const other of params) {
        const otherGrad = ref(keyText({ kind: 'grad', name: other }));
        const expr = kind === 'grad' ? otherGrad : sub(ref(name), mul(constant(graph.spec.learningRate), otherGrad));
        out.push({
          id: 'wrong-layer-gradient',
          message:
            kind === 'grad'
              ? `this is the gradient of ${plainName(graph, other)}, not of ${plainName(graph, name)}: take the chain rule back to ${plainName(graph, name)}`
              : `you updated ${plainName(graph, name)} with the gradient of ${plainName(graph, other)}`,
          expr
        });
      }
    }
  }
  out.push({ id: 'sign-error', message: 'the size is right but the sign is wrong', expr: neg(target) });
  return out;
}

