// Named misconceptions: mistakes students make on paper, one entry per kind in one table. A kind
// either builds its mistake into a rerun of the graph (mutated partial, dropped path, wrong
// update, stale weight) or offers another answer (another layer's gradient, the sign). Reported
// when the student's number matches the mistaken value. Order matters: the first match wins.
// Messages are Wordings (a function of the student's language, through messages/*.json misc_*).
import { call, constant, derivative, mul, neg, pow, ref, refsOf, sub, toTex, type Compiled, type Expr, type PartialsHook } from '../expr.ts';
import { ops } from '../ops.ts';
import type { Graph, MutationPlan } from '../graph.ts';
import { keyText, quantityKey } from '../quantity.ts';
import { math, type Wording } from './messages.ts';
import { m } from '../../paraglide/messages.js';
import { textNumber } from '../numbers.ts';

/** A mutated rerun of the whole graph; `site` says where the mistake was made. */
export interface Mutation {
  id: string;
  site: string;
  message: Wording;
  plan: MutationPlan;
}

/** An answer-level alternative: the value the student may have given instead of the target. */
export interface Alternative {
  id: string;
  message: Wording;
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
  perSite(sites: string[], hook: PartialsHook, message: (site: string | null) => Wording): Omit<Mutation, 'id'>[];
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
    mutations: () => [{ site: 'update', message: (locale) => m.misc_update_plus({}, { locale }), plan: { update: 'plus' } }]
  },
  {
    id: 'update-no-learning-rate',
    mutations: ({ graph }) => {
      const lr = graph.spec.learningRate;
      return lr === 1 ? [] : [{ site: 'update', message: (locale) => m.misc_update_no_learning_rate({ rate: textNumber(lr, locale, { digits: 12 }) }, { locale }), plan: { update: 'no-learning-rate' } }];
    }
  },
  // σ(z) where σ′(z) belongs; σ′ taken at the activation a instead of at z.
  {
    id: 'sigmoid-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('sigmoid')), (c) => (c.op === 'sigmoid' ? [c] : undefined), (site) => (locale) =>
        site
          ? m.misc_sigmoid_for_derivative_at({ a: plainName(graph, site), z: argumentOf(graph, site, 'sigmoid') }, { locale })
          : m.misc_sigmoid_for_derivative_all({}, { locale })
      )
  },
  {
    id: 'derivative-at-activation',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(
        nodesWith(isOp('sigmoid')),
        (c) => (c.op === 'sigmoid' ? [mul(call('sigmoid', c), sub(constant(1), call('sigmoid', c)))] : undefined),
        (site) => (locale) =>
          site
            ? m.misc_derivative_at_activation({ a: plainName(graph, site), z: argumentOf(graph, site, 'sigmoid') }, { locale })
            : m.misc_derivative_at_activation_all({}, { locale })
      )
  },
  // The same two slips for tanh (tanh′(z) = 1 − tanh²(z)).
  {
    id: 'tanh-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('tanh')), (c) => (c.op === 'tanh' ? [c] : undefined), (site) => (locale) =>
        site
          ? m.misc_tanh_for_derivative_at({ a: plainName(graph, site), z: argumentOf(graph, site, 'tanh') }, { locale })
          : m.misc_tanh_for_derivative_all({}, { locale })
      )
  },
  {
    id: 'tanh-derivative-at-activation',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(
        nodesWith(isOp('tanh')),
        (c) => (c.op === 'tanh' ? [sub(constant(1), pow(call('tanh', c), constant(2)))] : undefined),
        (site) => (locale) =>
          site
            ? m.misc_tanh_derivative_at_activation({ a: plainName(graph, site), z: argumentOf(graph, site, 'tanh') }, { locale })
            : m.misc_tanh_derivative_at_activation_all({}, { locale })
      )
  },
  // ReLU(z) written where its derivative step(z) (1 for z > 0, else 0) belongs.
  {
    id: 'relu-for-derivative',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isOp('relu')), (c) => (c.op === 'relu' ? [c] : undefined), (site) => (locale) =>
        site ? m.misc_relu_for_derivative_at({ a: plainName(graph, site) }, { locale }) : m.misc_relu_for_derivative({}, { locale })
      )
  },
  // The factor 2 of a square dropped: d(u²)/du written as u.
  {
    id: 'dropped-factor-2',
    mutations: ({ graph, nodesWith, perSite }) =>
      perSite(nodesWith(isSquare), (c) => (isSquare(c) ? [c.args[0]] : undefined), (site) => {
        const e = site ? graph.nodes.get(site)!.expr : null;
        const sq = e && e.kind === 'call' && isSquare(e) ? plainExpr(graph, e.args[0]) : 'u';
        return (locale) => m.misc_dropped_factor_2({ u: sq }, { locale });
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
      const fromName = plainName(graph, from);
      const message: Wording = inside
        ? (locale) => m.misc_flipped_error_sign({ wrong: plainExpr(graph, sub(inside.args[1], inside.args[0])), right: plainExpr(graph, inside), loss, from: fromName }, { locale })
        : (locale) => m.misc_flipped_error_sign_generic({ loss, from: fromName }, { locale });
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
                message: (locale) =>
                  m.misc_forgot_path(
                    { name: plainName(graph, name), loss, paths: [...others, plainName(graph, edge.to)].join(` ${m.check_and({}, { locale })} `), missing: plainName(graph, edge.to) },
                    { locale }
                  ),
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
        message: (locale) =>
          group.length === 1 ? m.misc_stale_weight({ weight: plainName(graph, group[0]) }, { locale }) : m.misc_stale_weights({}, { locale }),
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
            message: (locale) =>
              m.misc_wrong_layer_activation({ z: plainName(graph, edge.to), weight: plainName(graph, edge.from), right: plainName(graph, right), wrong: plainName(graph, wrong) }, { locale }),
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
            ? { message: (locale) => m.misc_wrong_layer_gradient({ other: plainName(graph, other), name: plainName(graph, name) }, { locale }), expr: otherGrad }
            : { message: (locale) => m.misc_wrong_layer_update({ name: plainName(graph, name), other: plainName(graph, other) }, { locale }), expr: sub(ref(name), mul(constant(graph.spec.learningRate), otherGrad)) };
        });
    }
  },
  // The answer with its sign flipped.
  {
    id: 'sign-error',
    alternatives: (_, target) => [{ message: (locale) => m.misc_sign_error({}, { locale }), expr: neg(target) }]
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
