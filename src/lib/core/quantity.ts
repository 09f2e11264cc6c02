// Quantities: an expression over a graph's names, grad(name) (∂loss/∂name) and updated(name)
// (the param after one descent step), as used by a lesson's :value[…], a question's answer and an
// exercise's `answer:`. Parsed by the one converter (math-tree.ts); mathjs never evaluates them.
// A reference in a quantity is a typed key (which name, and its value, gradient or update),
// written as text in the expression tree and read back here, once per text.
import type { MathNode } from 'mathjs';
import { constant, evaluate, ref, type Expr } from './expr.ts';
import type { Solution } from './graph.ts';
import { authorCall, parseToExpr, type ParseFailure } from './math-tree.ts';
import { allNames, type GraphSpec } from './spec.ts';
import { didYouMean } from './suggest.ts';
import { widgetKey, type WidgetStates } from './widget-state.ts';

/** The three quantities a name has: its value, ∂loss/∂name, and (params) its updated value. */
export const quantityKinds = ['value', 'grad', 'updated'] as const;
export type QuantityKind = (typeof quantityKinds)[number];

export interface QuantityKey {
  kind: QuantityKind;
  name: string;
}

/** The text a key is written as in an expression: a3, grad(w3), updated(w3). */
export const keyText = (key: QuantityKey) => (key.kind === 'value' ? key.name : `${key.kind}(${key.name})`);

const parsedKeys = new Map<string, QuantityKey>();

/** The key a reference stands for (a3, grad(w3), updated(w3)); each text is parsed once. */
export function quantityKey(text: string): QuantityKey {
  let key = parsedKeys.get(text);
  if (!key) {
    const wrapped = /^(grad|updated)\((\w+)\)$/.exec(text);
    key = wrapped ? { kind: wrapped[1] as QuantityKind, name: wrapped[2] } : { kind: 'value', name: text };
    parsedKeys.set(text, key);
  }
  return key;
}

export interface QuantityNames {
  /** Every param, input and node of the graph. */
  all: Set<string>;
  /** The params (only they have an updated value). */
  params: Set<string>;
  /** A layered network's matrices (W1, dZ2, …: core/matrix.ts), which a question may ask for whole. */
  matrices?: Set<string>;
}

export type ParsedQuantity = { expr: Expr } | ParseFailure;

export const quantityNames = (spec: GraphSpec): QuantityNames => ({ all: new Set(allNames(spec)), params: new Set(Object.keys(spec.params)) });

const wrappers: QuantityKind[] = ['grad', 'updated'];

/**
 * Parse a quantity. With `names` null (a lesson without a graph), only numbers and arithmetic are
 * allowed. References come out as `ref('a3')`, `ref('grad(w3)')`, `ref('updated(w3)')`, and, for
 * the lesson's widgets with an id (`options.widgets`), `ref('start(bowl)')`.
 * (Students' typed answers are read by check/read.ts, not here.)
 */
export function parseQuantity(
  source: string,
  names: QuantityNames | null,
  options: { maxNodes?: number; maxPowerTower?: number; widgets?: WidgetStates } = {}
): ParsedQuantity {
  const { widgets = {}, maxNodes = 500, maxPowerTower = 4 } = options;
  const known = () => [...(names?.all ?? [])].join(', ');
  const widgetValueNames = [...new Set(Object.values(widgets).flatMap((w) => Object.keys(w.values)))];
  return parseToExpr(source, {
    maxNodes,
    maxPowerTower,
    symbol(name) {
      if (name === 'e') return constant(Math.E);
      if (name === 'pi') return constant(Math.PI);
      if (!names) return `"${name}" is not a number`;
      if (names.all.has(name)) return ref(name);
      return `unknown name "${name}" (${didYouMean(name, names.all)}names: ${known()})`;
    },
    func(name: string, args: MathNode[], walk: (n: MathNode) => Expr) {
      if (widgetValueNames.includes(name)) return widgetValue(name, args, widgets);
      const kind = wrappers.find((w) => w === name);
      if (!kind) return authorCall(name, args, walk, [...(names ? wrappers : []), ...widgetValueNames]);
      if (!names) return `${name}() is not allowed here: type a number`;
      const arg = args[0] as unknown as { type: string; name?: string } | undefined;
      if (args.length !== 1 || arg?.type !== 'SymbolNode') return `${name}() takes one name, like ${name}(w1)`;
      if (!names.all.has(arg.name!)) return `unknown name "${arg.name}" in ${name}(${arg.name}) (names: ${known()})`;
      if (kind === 'updated' && !names.params.has(arg.name!)) return `updated(${arg.name}): "${arg.name}" is not a param, so it is not updated`;
      return ref(keyText({ kind, name: arg.name! }));
    }
  });
}

/** start(bowl): a value the student chose in the widget with that id. */
function widgetValue(name: string, args: MathNode[], widgets: WidgetStates): Expr | string {
  const arg = args[0] as unknown as { type: string; name?: string } | undefined;
  const having = Object.entries(widgets).filter(([, w]) => name in w.values).map(([id]) => id);
  if (args.length !== 1 || arg?.type !== 'SymbolNode') return `${name}() takes the id of a widget, like ${name}(${having[0]})`;
  const id = arg.name!;
  if (!(id in widgets)) return `no widget with the id "${id}" in this lesson (${didYouMean(id, new Set(Object.keys(widgets)))}widgets with ${name}: ${having.join(', ')})`;
  if (!(name in widgets[id].values)) return `the ::${widgets[id].widget} "${id}" has no ${name} (it has ${Object.keys(widgets[id].values).join(', ')})`;
  return ref(widgetKey(name, id));
}

/** The value of a name, grad(name) or updated(name) in a solution. */
export function lookupQuantity(solution: Solution, reference: string): number {
  const { kind, name } = quantityKey(reference);
  return kind === 'value' ? solution.values[name] : kind === 'grad' ? solution.gradients[name] : solution.updated[name];
}

export function evaluateQuantity(expr: Expr, solution: Solution): number {
  return evaluate(expr, (name) => lookupQuantity(solution, name));
}
