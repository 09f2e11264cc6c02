// A compiled computation graph and its exact (float64) autograd: forward values, ∂loss/∂name
// for every node, param and input, and one gradient-descent step. The backward loop is the
// chain rule at each name: its gradient is the sum, over every node that reads it, of that
// node's gradient times the local partial along the edge.
import { compile, derivative, passesThroughFlat, refsOf, toTex, type Compiled, type Expr } from './expr.ts';
import { defaultTex, type GraphSpec, type NodeSpec } from './spec.ts';

export type Role = 'input' | 'param' | 'node';

/** One edge of the graph: `to` reads `from`; `partial` is ∂to/∂from as an expression. */
export interface Edge {
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
  /** The value of each edge's local partial, keyed `from→to`. */
  partials: Record<string, number>;
  loss: number;
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
  private readonly forwardFns: { slot: number; fn: Compiled }[] = [];
  private readonly edgeFns: { from: number; to: number; fn: Compiled }[] = [];

  constructor(readonly spec: GraphSpec) {
    for (const name of Object.keys(spec.inputs)) this.roles.set(name, 'input');
    for (const name of Object.keys(spec.params)) this.roles.set(name, 'param');
    for (const node of spec.nodes) {
      this.roles.set(node.name, 'node');
      this.nodes.set(node.name, node);
    }
    // Slots: one float64 per name, so a rerun is a loop over typed arrays.
    [...this.roles.keys()].forEach((name, i) => this.slot.set(name, i));
    const slotOf = (name: string) => this.slot.get(name)!;

    const order: string[] = [];
    const placed = new Set<string>();
    for (const node of spec.nodes) {
      for (const name of refsOf(node.expr)) {
        if (!placed.has(name) && this.roles.get(name) !== 'node') {
          placed.add(name);
          order.push(name);
        }
      }
      placed.add(node.name);
      order.push(node.name);
      this.forwardFns.push({ slot: slotOf(node.name), fn: compile(node.expr, slotOf) });
      // Local partials: symbolic derivative of this node's expression with respect to each name it reads.
      const deps: Edge[] = [];
      for (const name of refsOf(node.expr)) {
        const edge: Edge = { from: name, to: node.name, partial: derivative(node.expr, name) };
        const flat = passesThroughFlat(node.expr, name);
        if (flat) edge.flat = flat;
        deps.push(edge);
        this.edges.push(edge);
        if (!this.consumers.has(name)) this.consumers.set(name, []);
        this.consumers.get(name)!.push(edge);
        this.edgeFns.push({ from: slotOf(name), to: slotOf(node.name), fn: compile(edge.partial, slotOf) });
      }
      this.dependencies.set(node.name, deps);
    }
    // Walk back from the loss: every name it depends on. A node outside this set (a softmax
    // output when the loss is computed from the logits) has gradient 0 and no backward step.
    const stack = [spec.loss];
    while (stack.length) {
      const name = stack.pop()!;
      if (this.reachesLoss.has(name)) continue;
      this.reachesLoss.add(name);
      for (const e of this.dependencies.get(name) ?? []) stack.push(e.from);
    }
    // Params and inputs nobody reads still have a gradient (zero): list them last.
    for (const name of this.roles.keys()) if (!placed.has(name)) order.push(name);
    this.order = order;
  }

  get size() {
    return this.slot.size;
  }

  /** The TeX of a name: the author's, or a default derived from the name. */
  tex(name: string): string {
    return this.spec.tex[name] ?? defaultTex(name);
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
   * recomputed (used to rerun the graph from a student's own earlier answers).
   */
  forward(values: Float64Array, pinned?: Uint8Array): Float64Array {
    for (const { slot, fn } of this.forwardFns) {
      if (!pinned || !pinned[slot]) values[slot] = fn(values);
    }
    return values;
  }

  /** Backward pass: reverse topological order, each edge adds upstream × local into its source. */
  backward(values: Float64Array, grads = new Float64Array(this.size), partials?: Float64Array): Float64Array {
    grads.fill(0);
    grads[this.slot.get(this.spec.loss)!] = 1;
    // Edges were recorded node by node in forward order; walking them backwards visits every
    // consumer of a name before the name itself, so each gradient is complete when it is used.
    for (let i = this.edgeFns.length - 1; i >= 0; i--) {
      const { from, to, fn } = this.edgeFns[i];
      const local = fn(values);
      if (partials) partials[i] = local;
      grads[from] += grads[to] * local;
    }
    return grads;
  }

  /** Everything at once, keyed by name: values, gradients, updated params, edge partials. */
  solve(overrides: Record<string, number> = {}, learningRate = this.spec.learningRate): Solution {
    const values = this.forward(this.initialValues(overrides));
    const partialValues = new Float64Array(this.edges.length);
    const grads = this.backward(values, undefined, partialValues);
    const byName = (arr: Float64Array, names: Iterable<string>) => {
      const out: Record<string, number> = {};
      for (const name of names) out[name] = arr[this.slot.get(name)!];
      return out;
    };
    const updated: Record<string, number> = {};
    for (const name of Object.keys(this.spec.params)) {
      const s = this.slot.get(name)!;
      updated[name] = values[s] - learningRate * grads[s];
    }
    const partials: Record<string, number> = {};
    this.edges.forEach((e, i) => (partials[`${e.from}→${e.to}`] = partialValues[i]));
    return {
      values: byName(values, this.order),
      gradients: byName(grads, this.order),
      updated,
      partials,
      loss: values[this.slot.get(this.spec.loss)!]
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
