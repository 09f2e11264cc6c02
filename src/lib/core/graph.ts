// A compiled computation graph and its one engine: exact (float64) forward values, ∂loss/∂name
// for every node, param and input, and one gradient-descent step. The backward loop is the chain
// rule at each name: its gradient is the sum, over every node that reads it, of that node's
// gradient times the local partial along the edge. The checker reruns the same engine with the
// student's own answers pinned (error carried forward) or with a mistake built in (a mutation plan).
import { compile, constant, derivatives, flatOps, ref, refsOf, toTex, type Compiled, type Expr } from './expr.ts';
import { ops } from './ops.ts';
import { quantityKey } from './quantity.ts';
import { defaultTex, upstreamOf, type GraphSpec, type NodeSpec } from './spec.ts';

export type Role = 'input' | 'param' | 'node';

/** One edge of the graph: `to` reads `from`; `partial` is ∂to/∂from as an expression. */
export interface Edge {
  /** Position in `graph.edges`: where this edge's local partial sits in a solution. */
  index: number;
  from: string;
  to: string;
  partial: Expr;
  /** Set when the local derivative passes through an op that is zero almost everywhere (step). */
  flat?: string;
}

export interface Solution {
  values: Record<string, number>;
  gradients: Record<string, number>;
  updated: Record<string, number>;
  /** The value of each edge's local partial, by edge index (`partials[edge.index]`). */
  partials: number[];
  loss: number;
}

export type UpdateRule = 'descent' | 'plus' | 'no-learning-rate';

/** A mistake built into a run (a misconception). Edge indices follow `graph.edges`. */
export interface MutationPlan {
  /** Replacement local partials, by edge index. */
  partials?: Map<number, Compiled>;
  /** Edges whose contribution to the backward sum is left out. */
  dropped?: Set<number>;
  /** Params (value slots) whose already-updated value is used when evaluating local partials. */
  stale?: number[];
  update?: UpdateRule;
}

/** Quantities pinned into a run (a student's own answers): `mask[k]` set means state[k] is `values[k]`. */
export interface Pins {
  values: Float64Array;
  mask: Uint8Array;
}

/**
 * The arrays of one run. `state` holds 3n numbers — value, ∂loss/∂name, updated, by slot — so a
 * quantity key (a3, grad(a3), updated(w3)) is an index into it; `computed` holds each quantity as
 * computed before pinning; `partials` the local partial of each edge as used.
 */
export class RunBuffers {
  readonly state: Float64Array;
  readonly computed: Float64Array;
  readonly scratch: Float64Array;
  readonly partials: Float64Array;
  constructor(readonly n: number, edges = 0) {
    this.state = new Float64Array(3 * n);
    this.computed = new Float64Array(3 * n);
    this.scratch = new Float64Array(n);
    this.partials = new Float64Array(edges);
  }
}

export interface RunOptions {
  pins?: Pins;
  plan?: MutationPlan;
  learningRate?: number;
  /**
   * Evaluate local partials as written on paper, reading the nodes they name (σ′(z3) as
   * a3(1 − a3)): what the checker compares a student's work with. Otherwise the stable form.
   */
  onPaper?: boolean;
}

export class Graph {
  /** Every name in topological order: each param/input right before the first node that reads it. */
  readonly order: string[];
  readonly roles = new Map<string, Role>();
  readonly nodes = new Map<string, NodeSpec>();
  readonly edges: Edge[] = [];
  /** Edges by the name they read: the consumers whose gradients flow back into it. */
  readonly consumers = new Map<string, Edge[]>();
  /** Edges by the node that reads: what a node's expression depends on. */
  readonly dependencies = new Map<string, Edge[]>();
  readonly slot = new Map<string, number>();
  /** The loss and every name it depends on. */
  readonly reachesLoss = new Set<string>();
  readonly lossSlot: number;
  private readonly forwardFns: { slot: number; fn: Compiled }[] = [];
  /** Each edge's local partial, evaluated the stable way; and as on paper (compiled when first needed). */
  private readonly partialFns: Compiled[] = [];
  private paperFns: Compiled[] | null = null;
  /** Reverse topological order: for each name, the edges (index, reader's slot) its gradient sums over. */
  private readonly backwardPlan: { slot: number; edges: { index: number; to: number }[] }[] = [];
  /** Node expressions (as keys) → node names, to read σ(z3) in a partial as the value a3. */
  private readonly nodeOfExpr = new Map<string, string>();
  private readonly slotOf = (name: string) => this.slot.get(name)!;

  constructor(readonly spec: GraphSpec) {
    for (const name of Object.keys(spec.inputs)) this.roles.set(name, 'input');
    for (const name of Object.keys(spec.params)) this.roles.set(name, 'param');
    for (const node of spec.nodes) {
      this.roles.set(node.name, 'node');
      this.nodes.set(node.name, node);
    }
    // Slots: one float64 per name, so a rerun is a loop over typed arrays.
    [...this.roles.keys()].forEach((name, i) => this.slot.set(name, i));
    const slotOf = this.slotOf;
    this.lossSlot = slotOf(spec.loss);

    const order: string[] = [];
    const placed = new Set<string>();
    for (const node of spec.nodes) {
      const reads = refsOf(node.expr);
      for (const name of reads) {
        if (!placed.has(name) && this.roles.get(name) !== 'node') {
          placed.add(name);
          order.push(name);
        }
      }
      placed.add(node.name);
      order.push(node.name);
      this.forwardFns.push({ slot: slotOf(node.name), fn: compile(node.expr, slotOf) });
      if (node.expr.kind === 'call' && !this.nodeOfExpr.has(JSON.stringify(node.expr))) this.nodeOfExpr.set(JSON.stringify(node.expr), node.name);
      // Local partials: symbolic derivative of this node's expression with respect to each name it
      // reads, all from one walk of the expression (a walk per name would be quadratic in its size).
      const deps: Edge[] = [];
      const local = derivatives(node.expr);
      const flats = flatOps(node.expr);
      for (const name of reads) {
        const edge: Edge = { index: this.edges.length, from: name, to: node.name, partial: local.get(name) ?? constant(0) };
        const flat = flats.get(name);
        if (flat) edge.flat = flat;
        deps.push(edge);
        this.edges.push(edge);
        if (!this.consumers.has(name)) this.consumers.set(name, []);
        this.consumers.get(name)!.push(edge);
      }
      this.dependencies.set(node.name, deps);
    }
    // Walk back from the loss: every name it depends on. A node outside this set (a softmax
    // output when the loss is computed from the logits) has gradient 0 and no backward step.
    for (const name of upstreamOf(spec.loss, (n) => (this.dependencies.get(n) ?? []).map((e) => e.from))) this.reachesLoss.add(name);
    // Params and inputs nobody reads still have a gradient (zero): list them last.
    for (const name of this.roles.keys()) if (!placed.has(name)) order.push(name);
    this.order = order;
    for (const edge of this.edges) this.partialFns.push(compile(edge.partial, slotOf));
    // Reverse topological order: every reader of a name is finished before the name itself.
    for (const name of [...order].reverse()) {
      const slot = slotOf(name);
      if (slot === this.lossSlot) continue;
      this.backwardPlan.push({ slot, edges: (this.consumers.get(name) ?? []).map((e) => ({ index: e.index, to: slotOf(e.to) })) });
    }
  }

  get size() {
    return this.slot.size;
  }

  /** The TeX of a name: the author's, or a default derived from the name. */
  tex(name: string): string {
    return this.spec.tex[name] ?? defaultTex(name);
  }

  /** Index of a quantity (`a3`, `grad(a3)`, `updated(w3)`) in a run's state; undefined if unknown. */
  keyIndex(text: string): number | undefined {
    const { kind, name } = quantityKey(text);
    const slot = this.slot.get(name);
    if (slot === undefined) return undefined;
    return (kind === 'value' ? 0 : kind === 'grad' ? this.size : 2 * this.size) + slot;
  }

  /** Compile an expression over quantity keys to read a run's state. */
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

  /** Fresh slot array holding the spec's params and inputs, with optional overrides. */
  initialValues(overrides: Record<string, number> = {}): Float64Array {
    const values = new Float64Array(this.size);
    for (const [name, v] of Object.entries(this.spec.inputs)) values[this.slot.get(name)!] = v;
    for (const [name, v] of Object.entries(this.spec.params)) values[this.slot.get(name)!] = v;
    for (const [name, v] of Object.entries(overrides)) {
      const s = this.slot.get(name);
      if (s !== undefined) values[s] = v;
    }
    return values;
  }

  /**
   * Forward pass in place. `pinned` slots keep the value already in `values` instead of being
   * recomputed (a rerun from a student's own earlier answers); `computed` receives every node's
   * value as computed, pinned or not.
   */
  forward(values: Float64Array, pinned?: Uint8Array, computed?: Float64Array): Float64Array {
    for (const { slot, fn } of this.forwardFns) {
      const v = fn(values);
      if (computed) computed[slot] = v;
      if (!pinned || !pinned[slot]) values[slot] = v;
    }
    return values;
  }

  /** One full run into `out`: forward, backward, update; with optional pins and a mutation plan. */
  run(base: Float64Array, out: RunBuffers, { pins, plan, learningRate = this.spec.learningRate, onPaper = false }: RunOptions = {}): void {
    const n = this.size;
    const { state, computed } = out;
    for (let i = 0; i < n; i++) {
      computed[i] = base[i];
      state[i] = pins && pins.mask[i] ? pins.values[i] : base[i];
    }
    this.forward(state, pins?.mask, computed);
    const rule = plan?.update ?? 'descent';
    const locals = onPaper ? (this.paperFns ??= this.edges.map((e) => this.compileOverValues(e.partial))) : this.partialFns;
    this.backward(out, state, locals, pins, plan);
    this.update(out, pins, rule, learningRate);
    if (plan?.stale?.length) {
      // The student updated these params first and then used the new values further back.
      const values = out.scratch;
      values.set(state.subarray(0, n));
      for (const slot of plan.stale) values[slot] = state[2 * n + slot];
      this.backward(out, values, locals, pins, plan);
      this.update(out, pins, rule, learningRate);
    }
  }

  /** ∂loss/∂name for every name, in reverse topological order; `values` is where local partials are evaluated. */
  private backward(out: RunBuffers, values: Float64Array, locals: Compiled[], pins: Pins | undefined, plan: MutationPlan | undefined) {
    const n = this.size;
    const { state, computed, partials } = out;
    const mutated = plan?.partials;
    const dropped = plan?.dropped;
    for (let i = n; i < 2 * n; i++) state[i] = 0;
    const loss = n + this.lossSlot;
    computed[loss] = 1;
    state[loss] = 1;
    for (const { slot, edges } of this.backwardPlan) {
      let g = 0;
      for (const { index, to } of edges) {
        const local = ((mutated && mutated.get(index)) || locals[index])(values);
        if (index < partials.length) partials[index] = local;
        if (dropped && dropped.has(index)) continue;
        g += state[n + to] * local;
      }
      const k = n + slot;
      computed[k] = g;
      state[k] = pins && pins.mask[k] ? pins.values[k] : g;
    }
  }

  /** One gradient step for every slot (only params' are reported); a plan may get the rule wrong. */
  private update(out: RunBuffers, pins: Pins | undefined, rule: UpdateRule, learningRate: number) {
    const n = this.size;
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

  /** Everything at once, keyed by name: values, gradients, updated params, edge partials. */
  solve(overrides: Record<string, number> = {}, learningRate = this.spec.learningRate): Solution {
    const out = new RunBuffers(this.size, this.edges.length);
    this.run(this.initialValues(overrides), out, { learningRate });
    const n = this.size;
    const byName = (offset: number, names: Iterable<string>) => {
      const result: Record<string, number> = {};
      for (const name of names) result[name] = out.state[offset + this.slot.get(name)!];
      return result;
    };
    return {
      values: byName(0, this.order),
      gradients: byName(n, this.order),
      updated: byName(2 * n, Object.keys(this.spec.params)),
      partials: Array.from(out.partials),
      loss: out.state[this.lossSlot]
    };
  }

  /** Edges whose local derivative is zero almost everywhere (authors get a warning). */
  flatEdges(): Edge[] {
    return this.edges.filter((e) => e.flat);
  }

  /** TeX of a node's defining equation, symbolic or with the numbers substituted. */
  equationTex(name: string, values?: Record<string, number>): string {
    const node = this.nodes.get(name);
    if (!node) return this.tex(name);
    return toTex(node.expr, (n) => this.tex(n), values ? (n) => values[n] : undefined);
  }
}
