// A value that is really non-finite (exp(800), log(0), 0/0) is an author's problem, not a silent
// NaN: find the first node (forward) or gradient (backward) that stops being a finite float64,
// and say why, with the numbers that made it so.
import { evaluate, toSource, type Expr } from './expr.ts';
import type { Graph, Solution } from './graph.ts';
import type { GraphSpec } from './spec.ts';
import type { PathSegment } from './source.ts';

export interface NonFinite {
  /** The name whose value (or gradient) is the first to be non-finite. */
  name: string;
  kind: 'value' | 'gradient';
  value: number;
  /** One sentence: `node "s" is Infinity: exp(800) overflows float64 (…)`. */
  message: string;
}

const show = (v: number) => (Number.isNaN(v) ? 'NaN' : String(v));

/** The expression with each name replaced by its number, as spec text (no folding: exp(800) stays). */
function withNumbers(e: Expr, values: Record<string, number>): Expr {
  if (e.kind === 'ref') return { kind: 'const', value: values[e.name] };
  if (e.kind === 'const') return e;
  return { kind: 'call', op: e.op, args: e.args.map((a) => withNumbers(a, values)) };
}

/** The innermost call whose arguments are all finite but whose result is not. */
function culprit(e: Expr, at: (name: string) => number): Expr | null {
  if (e.kind !== 'call') return null;
  for (const a of e.args) {
    const inner = culprit(a, at);
    if (inner) return inner;
  }
  return Number.isFinite(evaluate(e, at)) ? null : e;
}

/** Why `e` (finite arguments, non-finite result) is non-finite, in words. */
function why(e: Expr, values: Record<string, number>): string {
  const at = (n: string) => values[n];
  const result = evaluate(e, at);
  const text = `${toSource(withNumbers(e, values))} = ${show(result)}`;
  if (e.kind !== 'call') return text;
  const args = e.args.map((a) => evaluate(a, at));
  if (e.op === 'div' && args[1] === 0) return `${text} (division by zero)`;
  if (e.op === 'log' && args[0] === 0) return `${text} (the log of 0)`;
  if (Number.isNaN(result)) return `${text} (not defined for these numbers)`;
  if (e.op === 'pow' && args[0] === 0) return `${text} (0 to a negative power)`;
  return `${text} (overflow: float64 stops at about 1.8e308)`;
}

/** The first non-finite value in forward order, else the first non-finite gradient in backward order. */
export function firstNonFinite(graph: Graph, solution: Solution): NonFinite | null {
  const { values, gradients } = solution;
  const at = (n: string) => values[n];
  for (const node of graph.spec.nodes) {
    const value = values[node.name];
    if (Number.isFinite(value)) continue;
    const inner = culprit(node.expr, at);
    const reason = inner ? why(inner, values) : `${toSource(withNumbers(node.expr, values))} = ${show(value)}`;
    return { name: node.name, kind: 'value', value, message: `node "${node.name}" is ${show(value)}: ${reason}` };
  }
  const lossName = graph.spec.loss;
  for (const name of [...graph.order].reverse()) {
    const gradient = gradients[name];
    if (Number.isFinite(gradient)) continue;
    const target = `∂${lossName}/∂${name}`;
    for (const edge of graph.consumers.get(name) ?? []) {
      const upstream = gradients[edge.to];
      const local = evaluate(edge.partial, at);
      if (!Number.isFinite(local)) {
        const inner = culprit(edge.partial, at);
        const reason = inner ? why(inner, values) : `${toSource(withNumbers(edge.partial, values))} = ${show(local)}`;
        return { name, kind: 'gradient', value: gradient, message: `the gradient ${target} is ${show(gradient)}: its local partial ∂${edge.to}/∂${name} has ${reason}` };
      }
      if (!Number.isFinite(upstream * local)) {
        return {
          name,
          kind: 'gradient',
          value: gradient,
          message: `the gradient ${target} is ${show(gradient)}: ∂${lossName}/∂${edge.to} × ∂${edge.to}/∂${name} = ${show(upstream)} × ${show(local)} overflows float64`
        };
      }
    }
    return { name, kind: 'gradient', value: gradient, message: `the gradient ${target} is ${show(gradient)}: the sum over its paths overflows float64` };
  }
  return null;
}

/**
 * Where a name is written in its spec document, as a path for `Located.locate`: the node's line
 * in the equations form; in the layered form, the weight row of z{l}_{j}, the layer of a{l}_{j}
 * and s{l}, the loss of C, the entry of a weight, bias, input or target.
 */
export function specPath(root: unknown, spec: GraphSpec, name: string): PathSegment[] {
  const data = (typeof root === 'object' && root !== null ? root : {}) as Record<string, unknown>;
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (spec.network) {
    const base = isMap(data.network) ? ['network'] : [];
    const index = (s: string) => Number(s) - 1;
    let m: RegExpExecArray | null;
    if ((m = /^x(\d+)_e(\d+)$/.exec(name))) return [...base, 'inputs', index(m[2]), index(m[1])];
    if ((m = /^y(\d+)_e(\d+)$/.exec(name))) return [...base, 'targets', index(m[2]), index(m[1])];
    if ((m = /^x(\d+)$/.exec(name))) return [...base, 'input', index(m[1])];
    if ((m = /^y(\d+)$/.exec(name))) return [...base, 'target', index(m[1])];
    if ((m = /^w(\d+)_(\d+)_(\d+)$/.exec(name))) return [...base, 'layers', index(m[1]), 'weights', index(m[2]), index(m[3])];
    if ((m = /^b(\d+)_(\d+)$/.exec(name))) return [...base, 'layers', index(m[1]), 'biases', index(m[2])];
    if ((m = /^z(\d+)_(\d+)(?:_e\d+)?$/.exec(name))) return [...base, 'layers', index(m[1]), 'weights', index(m[2])];
    if ((m = /^(?:a(\d+)_\d+|s(\d+))(?:_e\d+)?$/.exec(name))) return [...base, 'layers', index(m[1] ?? m[2]), 'activation'];
    if (/^C_e\d+$/.test(name)) return [...base, 'loss'];
    return [...base, 'loss'];
  }
  const base = isMap(data.graph) ? ['graph'] : [];
  const section = name in spec.params ? 'params' : name in spec.inputs ? 'inputs' : 'nodes';
  return [...base, section, name];
}
