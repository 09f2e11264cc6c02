// Reruns of one graph for the checker: exact, from the student's own answers (pinned values and
// gradients: error carried forward), or with a mistake built in (a misconception). A run fills
// a state of 3n numbers — value, ∂loss/∂name, updated — keyed a3, grad(a3), updated(w3).
import { compile, ref, type Compiled, type Expr } from '../expr.ts';
import type { Graph } from '../graph.ts';
import { ops } from '../ops.ts';

export type UpdateRule = 'descent' | 'plus' | 'no-learning-rate';

/** A mistake built into a run. Edge indices follow `graph.edges`. */
export interface MutationPlan {
  /** Replacement local partials, by edge index. */
  partials?: Map<number, Compiled>;
  /** Edges whose contribution to the backward sum is left out. */
  dropped?: Set<number>;
  /** Params (value slots) whose already-updated value is used when evaluating local partials. */
  stale?: number[];
  update?: UpdateRule;
}

/** Student's answers pinned into a run: `mask[k]` set means state[k] is `values[k]`. */
export interface Pins {
  values: Float64Array;
  mask: Uint8Array;
}

/** Reusable arrays for one run; `computed` holds each quantity as computed before pinning. */
export class RunBuffers {
  readonly state: Float64Array;
  readonly computed: Float64Array;
  readonly scratch: Float64Array;
  constructor(readonly n: number) {
    this.state = new Float64Array(3 * n);
    this.computed = new Float64Array(3 * n);
    this.scratch = new Float64Array(n);
  }
}

interface BackwardEntry {
  slot: number;
  edges: { index: number; to: number }[];
}

export class Engine {
  readonly n: number;
  readonly lossSlot: number;
  readonly learningRate: number;
  private readonly forwardFns: { slot: number; fn: Compiled }[] = [];
  private readonly partialFns: Compiled[] = [];
  private readonly backwardPlan: BackwardEntry[] = [];
  private readonly slotOf: (name: string) => number;
  /** Node expressions (as keys) → node names, to read σ(z3) in a partial as the value a3. */
  private readonly nodeOfExpr = new Map<string, string>();

  constructor(readonly graph: Graph) {
    this.n = graph.size;
    this.slotOf = (name) => graph.slot.get(name)!;
    this.lossSlot = this.slotOf(graph.spec.loss);
    this.learningRate = graph.spec.learningRate;
    for (const node of graph.spec.nodes) {
      this.forwardFns.push({ slot: this.slotOf(node.name), fn: compile(node.expr, this.slotOf) });
      if (node.expr.kind === 'call' && !this.nodeOfExpr.has(JSON.stringify(node.expr))) this.nodeOfExpr.set(JSON.stringify(node.expr), node.name);
    }
    graph.edges.forEach((e) => this.partialFns.push(this.compileOverValues(e.partial)));
    const edgeIndex = new Map(graph.edges.map((e, i) => [e, i]));
    // Reverse topological order: every reader of a name is finished before the name itself.
    for (const name of [...graph.order].reverse()) {
      const slot = this.slotOf(name);
      if (slot === this.lossSlot) continue;
      const edges = (graph.consumers.get(name) ?? []).map((e) => ({ index: edgeIndex.get(e)!, to: this.slotOf(e.to) }));
      this.backwardPlan.push({ slot, edges });
    }
  }

  /** Index of a quantity key (`a3`, `grad(a3)`, `updated(w3)`) in a state; undefined if unknown. */
  keyIndex(key: string): number | undefined {
    const m = /^(grad|updated)\((.+)\)$/.exec(key);
    const slot = this.graph.slot.get(m ? m[2] : key);
    if (slot === undefined) return undefined;
    return m ? (m[1] === 'grad' ? this.n : 2 * this.n) + slot : slot;
  }

  /** Compile an expression over quantity keys to read a state array. */
  compileQuantity(e: Expr): Compiled {
    return compile(e, (key) => this.keyIndex(key)!);
  }

  /**
   * Compile a local partial (over values only). A sub-expression that is a node's whole
   * expression reads that node instead — σ(z3)(1 − σ(z3)) becomes a3(1 − a3) — which is the
   * same number on the exact run, and on a run from the student's answers uses their a3, as
   * they would on paper.
   */
  compileOverValues(e: Expr): Compiled {
    return compile(this.fold(e), this.slotOf);
  }

  private fold(e: Expr): Expr {
    if (e.kind !== 'call') return e;
    const name = this.nodeOfExpr.get(JSON.stringify(e));
    if (name) return ref(name);
    // σ′(z) is evaluated stably from z; written on paper, σ(z)(1 − σ(z)), it reads the node a = σ(z).
    const paper = ops[e.op].onPaper?.(e.args);
    if (paper) {
      const folded = this.fold(paper);
      if (JSON.stringify(folded) !== JSON.stringify(paper)) return folded;
    }
    return { kind: 'call', op: e.op, args: e.args.map((a) => this.fold(a)) };
  }

  /** Base values: the spec's params and inputs, with a variant's overrides. */
  baseValues(overrides: Record<string, number> = {}): Float64Array {
    return this.graph.initialValues(overrides);
  }

  /** One full run into `out`: forward, backward, update; with optional pins and mutation. */
  run(base: Float64Array, out: RunBuffers, pins?: Pins, plan?: MutationPlan): void {
    const { n } = this;
    const { state, computed } = out;
    for (let i = 0; i < n; i++) {
      computed[i] = base[i];
      state[i] = pins && pins.mask[i] ? pins.values[i] : base[i];
    }
    for (const { slot, fn } of this.forwardFns) {
      const v = fn(state);
      computed[slot] = v;
      state[slot] = pins && pins.mask[slot] ? pins.values[slot] : v;
    }
    this.backward(out, state, pins, plan);
    this.update(out, pins, plan?.update ?? 'descent');
    if (plan?.stale?.length) {
      // The student updated these params first and then used the new values further back.
      const values = out.scratch;
      values.set(state.subarray(0, n));
      for (const slot of plan.stale) values[slot] = state[2 * n + slot];
      this.backward(out, values, pins, plan);
      this.update(out, pins, plan.update ?? 'descent');
    }
  }

  /** ∂loss/∂name for every name; `values` is where local partials are evaluated. */
  private backward(out: RunBuffers, values: Float64Array, pins: Pins | undefined, plan: MutationPlan | undefined) {
    const { n, partialFns } = this;
    const { state, computed } = out;
    const partials = plan?.partials;
    const dropped = plan?.dropped;
    for (let i = n; i < 2 * n; i++) state[i] = 0;
    const loss = n + this.lossSlot;
    computed[loss] = 1;
    state[loss] = 1;
    for (const { slot, edges } of this.backwardPlan) {
      let g = 0;
      for (const { index, to } of edges) {
        if (dropped && dropped.has(index)) continue;
        const local = (partials && partials.get(index)) || partialFns[index];
        g += state[n + to] * local(values);
      }
      const k = n + slot;
      computed[k] = g;
      state[k] = pins && pins.mask[k] ? pins.values[k] : g;
    }
  }

  private update(out: RunBuffers, pins: Pins | undefined, rule: UpdateRule) {
    const { n, learningRate } = this;
    const { state, computed } = out;
    for (let slot = 0; slot < n; slot++) {
      const v = state[slot];
      const g = state[n + slot];
      const u = rule === 'descent' ? v - learningRate * g : rule === 'plus' ? v + learningRate * g : v - g;
      const k = 2 * n + slot;
      computed[k] = u;
      state[k] = pins && pins.mask[k] ? pins.values[k] : u;
    }
  }
}
