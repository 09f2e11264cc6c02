// Named misconceptions: mistakes students make on paper, one entry per kind in one table. A kind
// either builds its mistake into a rerun of the graph (mutated partial, dropped path, wrong
// update, stale weight) or offers another answer (another layer's gradient, the sign). Reported
// when the student's number matches the mistaken value. Order matters: the first match wins.
import { call, constant, derivative, mul, neg, pow, ref, refsOf, sub, toTex, type Compiled, type Expr, type PartialsHook } from '../expr.ts';
import { ops } from '../ops.ts';
import type { Graph, MutationPlan } from '../graph.ts';
import { keyText, quantityKey } from '../quantity.ts';
import { math } from './messages.ts';

/** A mutated rerun of the whole graph; `site` says where the mistake was made. */
export interface Mutation {
  id: string;
  site: string;
  message: string;
  plan: MutationPlan;
}

/** An answer-level alternative: the value the student may have given instead of the target. */
export interface Alternative {
  id: string;
  message: string;
  /** The alternative quantity, as an expression over quantity keys. */
  expr: Expr;
}

/** What a kind's generators are given: the graph, and helpers to build mutated reruns. */
export interface MisconceptionContext {
  graph: Graph;
  /** The loss in the lesson's notation (C_0). */
  loss: string;
  /** The nodes whose expression contains a matching call. */
  nodesWith(test: (c: CallExpr) => boolean): string[];
  /** One mutation per site (node) plus one for all sites together, re-deriving with `hook`. */
  perSite(sites: string[], hook: PartialsHook, message: (site: string | null) => string): Omit<Mutation, 'id'>[];
}

export interface MisconceptionKind {
  id: string;
  /** Mistakes built into a rerun of the graph. */
  mutations?(context: MisconceptionContext): Omit<Mutation, 'id'>[];
  /** Mistakes in the answer itself, for a question asking for `target`. */
  alternatives?(graph: Graph, target: Expr): Omit<Alternative, 'id'>[];
}

type CallExpr = Extract<Expr, { kind: 'call' }>;

function containsCall(e: Expr, test: (c: CallExpr) => boolean): boolean {
  if (e.kind !== 'call') return false;
  return test(e) || e.args.some((a) => containsCall(a, test));
}

/** A name in the lesson's notation, as maths in a message (a3 → a^{(L)}; see messages.ts). */
export const plainName = (graph: Graph, name: string) => math(graph.tex(name));
const plainExpr = (graph: Graph, e: Expr) => math(toTex(e, (n) => graph.tex(n)));

const isOp = (op: string) => (c: CallExpr) => c.op === op;
const isSquare = (c: CallExpr) => c.op === 'pow' && c.args[1].kind === 'const' && c.args[1].value === 2;
const isActivation = (c: CallExpr) => ops[c.op].activation === true && c.args[0].kind === 'ref';

/** The argument of an activation node, a = f(z), in plain text (z when the node is not one call of f). */
const argumentOf = (graph: Graph, node: string, op: string) => {
  const e = graph.nodes.get(node)!.expr;
  return e.kind === 'call' && e.op === op ? plainExpr(graph, e.args[0]) : 'z';
};

export const misconceptions: MisconceptionKind[] = [
  // The update: + instead of −; the learning rate left out. First, because a flipped loss sign
  // gives the same updated value and the more local explanation should win.
  {
    id: 'update-plus',
    mutations: () => [{ site: 'update', message: 'you added the step: gradient descent subtracts it, W_new = W − α·∂C/∂W', plan: { update: 'plus' } }]
  },
  {
    id: 'update-no-learning-rate',
    mutations: ({ graph }) => {
      const lr = graph.spec.learningRate;
      return lr === 1 ? [] : [{ site: 'update', message: `you left out the learning rate: W_new = W − α·∂C/∂W with α = ${lr}`, plan: { update: 'no-learning-rate' } }];
    }
  },
  // σ(z) where σ′(z) belongs; σ′ taken at the activation a instead of at z.
  {
    id: 'sigmoid-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('sigmoid')), (c) => (c.op === 'sigmoid' ? [c] : undefined), (site) =>
        `you used σ(z) instead of σ′(z) = σ(z)(1 − σ(z))${site ? ` at ${plainName(graph, site)} = σ(${argumentOf(graph, site, 'sigmoid')})` : ' at every sigmoid'}`
      )
  },
  {
    id: 'derivative-at-activation',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(
        nodesWith(isOp('sigmoid')),
        (c) => (c.op === 'sigmoid' ? [mul(call('sigmoid', c), sub(constant(1), call('sigmoid', c)))] : undefined),
        (site) => {
          if (!site) return 'you took σ′ at the activations a instead of at z: σ′(z) = a(1 − a), not σ(a)(1 − σ(a))';
          const a = plainName(graph, site);
          const z = argumentOf(graph, site, 'sigmoid');
          return `you took σ′ at the activation ${a} instead of at ${z}: σ′(${z}) = ${a}(1 − ${a}), not σ(${a})(1 − σ(${a}))`;
        }
      )
  },
  // The same two slips for tanh (tanh′(z) = 1 − tanh²(z)).
  {
    id: 'tanh-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('tanh')), (c) => (c.op === 'tanh' ? [c] : undefined), (site) =>
        `you used tanh(z) instead of tanh′(z) = 1 − tanh²(z)${site ? ` at ${plainName(graph, site)} = tanh(${argumentOf(graph, site, 'tanh')})` : ' at every tanh'}`
      )
  },
  {
    id: 'tanh-derivative-at-activation',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(
        nodesWith(isOp('tanh')),
        (c) => (c.op === 'tanh' ? [sub(constant(1), pow(call('tanh', c), constant(2)))] : undefined),
        (site) => {
          if (!site) return 'you took tanh′ at the activations a instead of at z: tanh′(z) = 1 − a², not 1 − tanh²(a)';
          const a = plainName(graph, site);
          const z = argumentOf(graph, site, 'tanh');
          return `you took tanh′ at the activation ${a} instead of at ${z}: tanh′(${z}) = 1 − ${a}², not 1 − tanh²(${a})`;
        }
      )
  },
  // ReLU(z) written where its derivative step(z) (1 for z > 0, else 0) belongs.
  {
    id: 'relu-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('relu')), (c) => (c.op === 'relu' ? [c] : undefined), (site) =>
        `you used ReLU(z) instead of its derivative, which is 1 where z > 0 and 0 elsewhere${site ? ` (at ${plainName(graph, site)})` : ''}`
      )
  },
  // The factor 2 of a square dropped: d(u²)/du written as u.
  {
    id: 'dropped-factor-2',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isSquare), (c) => (isSquare(c) ? [c.args[0]] : undefined), (site) => {
        const e = site ? graph.nodes.get(site)!.expr : null;
        const sq = e && e.kind === 'call' && isSquare(e) ? plainExpr(graph, e.args[0]) : 'u';
        return `you dropped the factor 2: the derivative of (${sq})² is 2(${sq})`;
      })
  },
  // (y − ŷ) for (ŷ − y): the loss's local partials with the sign flipped.
  {
    id: 'flipped-error-sign',
    mutations: ({ graph, loss }) => {
      const lossName = graph.spec.loss;
      const lossNode = graph.nodes.get(lossName);
      if (!lossNode) return [];
      const partials = new Map<number, Compiled>();
      let from = '';
      for (const edge of graph.dependencies.get(lossName) ?? []) {
        if (graph.roles.get(edge.from) !== 'node') continue;
        partials.set(edge.index, graph.compileOverValues(neg(edge.partial)));
        from ||= edge.from;
      }
      if (!partials.size) return [];
      const e = lossNode.expr;
      const inside = e.kind === 'call' && isSquare(e) && e.args[0].kind === 'call' && e.args[0].op === 'sub' ? e.args[0] : null;
      const message = inside
        ? `the sign is flipped: you used (${plainExpr(graph, sub(inside.args[1], inside.args[0]))}) where (${plainExpr(graph, inside)}) belongs, ∂${loss}/∂${plainName(graph, from)} = 2(${plainExpr(graph, inside)})`
        : `the sign of ∂${loss}/∂${plainName(graph, from)} is flipped: you wrote (y − ŷ) where (ŷ − y) belongs`;
      return [{ site: lossName, message, plan: { partials } }];
    }
  },
  // One path of a sum forgotten: a name read by several nodes, one reader's term left out.
  {
    id: 'forgot-path',
    mutations: ({ graph, loss }) =>
      [...graph.consumers].flatMap(([name, readers]) =>
        readers.length < 2
          ? []
          : readers.map((edge) => {
              const others = readers.filter((r) => r !== edge).map((r) => plainName(graph, r.to));
              return {
                site: `${name}→${edge.to}`,
                message: `you left out a path: ${plainName(graph, name)} reaches ${loss} through ${[...others, plainName(graph, edge.to)].join(' and ')}, and ∂${loss}/∂${plainName(graph, name)} adds one term per path (the path through ${plainName(graph, edge.to)} is missing)`,
                plan: { dropped: new Set([edge.index]) }
              };
            })
      )
  },
  // An already-updated weight used in a later gradient (backpropagating after updating).
  {
    id: 'stale-weight',
    mutations: ({ graph }) => {
      const params = Object.keys(graph.spec.params);
      const readInPartials = params.filter((p) => graph.edges.some((e) => e.from !== p && refsOf(e.partial).includes(p)));
      const groups: string[][] = readInPartials.map((p) => [p]);
      if (readInPartials.length > 1) groups.push(readInPartials);
      return groups.map((group) => ({
        site: group.length === 1 ? group[0] : 'all',
        message:
          group.length === 1
            ? `you used the already-updated ${plainName(graph, group[0])} in a later gradient: compute every gradient with the old weights, then update them all`
            : 'you used already-updated weights in later gradients: compute every gradient with the old weights, then update them all',
        plan: { stale: group.map((p) => graph.slot.get(p)!) }
      }));
    }
  },
  // ∂z/∂W taken with the activation of the wrong layer: a^(L) or a^(L-2) where a^(L-1) belongs.
  {
    id: 'wrong-layer-activation',
    mutations: ({ graph }) => {
      const weightEdges = graph.edges.filter((e) => graph.roles.get(e.from) === 'param' && e.partial.kind === 'ref');
      const layerInputs = new Set(weightEdges.map((e) => (e.partial as { name: string }).name));
      for (const n of graph.spec.nodes) if (n.expr.kind === 'call' && isActivation(n.expr)) layerInputs.add(n.name);
      return weightEdges.flatMap((edge) => {
        const right = (edge.partial as { name: string }).name;
        return [...layerInputs]
          .filter((wrong) => wrong !== right && wrong !== edge.to)
          .map((wrong) => ({
            site: `${edge.from}:${wrong}`,
            message: `∂${plainName(graph, edge.to)}/∂${plainName(graph, edge.from)} is the layer's input ${plainName(graph, right)}, not ${plainName(graph, wrong)}`,
            plan: { partials: new Map([[edge.index, graph.compileOverValues(ref(wrong))]]) }
          }));
      });
    }
  },
  // The gradient (or update) of another layer's param of the same kind: w2 for w3, not b3.
  {
    id: 'wrong-layer-gradient',
    alternatives: (graph, target) => {
      if (target.kind !== 'ref') return [];
      const { kind, name } = quantityKey(target.name);
      if (kind === 'value' || graph.roles.get(name) !== 'param') return [];
      const stem = (s: string) => s.replace(/[\d_]+$/, '');
      return Object.keys(graph.spec.params)
        .filter((p) => p !== name && stem(p) === stem(name))
        .map((other) => {
          const otherGrad = ref(keyText({ kind: 'grad', name: other }));
          return kind === 'grad'
            ? { message: `this is the gradient of ${plainName(graph, other)}, not of ${plainName(graph, name)}: take the chain rule back to ${plainName(graph, name)}`, expr: otherGrad }
            : { message: `you updated ${plainName(graph, name)} with the gradient of ${plainName(graph, other)}`, expr: sub(ref(name), mul(constant(graph.spec.learningRate), otherGrad)) };
        });
    }
  },
  // The answer with its sign flipped.
  {
    id: 'sign-error',
    alternatives: (_, target) => [{ message: 'the size is right but the sign is wrong', expr: neg(target) }]
  }
];

/** The built-in kinds' ids (an author's own misconception may not reuse one). */
export const misconceptionIds = misconceptions.map((m) => m.id);

/**
 * Every mutation the graph allows, each at every single site and (where there are several) at
 * all sites at once, in table order. Compiled against the graph, once per exercise.
 */
export function generateMutations(graph: Graph): Mutation[] {
  /** Edges into the given nodes re-derived with `hook`; only the ones whose partial actually changes. */
  const rederive = (nodeNames: string[], hook: PartialsHook) => {
    const partials = new Map<number, Compiled>();
    for (const edge of graph.edges) {
      if (!nodeNames.includes(edge.to)) continue;
      const mutated = derivative(graph.nodes.get(edge.to)!.expr, edge.from, hook);
      if (JSON.stringify(mutated) !== JSON.stringify(edge.partial)) partials.set(edge.index, graph.compileOverValues(mutated));
    }
    return partials;
  };
  const context: MisconceptionContext = {
    graph,
    loss: plainName(graph, graph.spec.loss),
    nodesWith: (test) => graph.spec.nodes.filter((n) => containsCall(n.expr, test)).map((n) => n.name),
    perSite(sites, hook, message) {
      const groups: (string[] | null)[] = sites.map((s) => [s]);
      if (sites.length > 1) groups.push(null);
      return groups.flatMap((group) => {
        const partials = rederive(group ?? sites, hook);
        return partials.size ? [{ site: group ? group[0] : 'all', message: message(group ? group[0] : null), plan: { partials } }] : [];
      });
    }
  };
  return misconceptions.flatMap((kind) => (kind.mutations?.(context) ?? []).map((m) => ({ id: kind.id, ...m })));
}

/** Alternatives that are about the answer, not a rerun, in table order. */
export function answerAlternatives(graph: Graph, target: Expr): Alternative[] {
  return misconceptions.flatMap((kind) => (kind.alternatives?.(graph, target) ?? []).map((a) => ({ id: kind.id, ...a })));
}
