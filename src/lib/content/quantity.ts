// Lesson quantities: an expression over node names, grad(name) (∂loss/∂name) and updated(name)
// (the param after one descent step), as used by :value[…] and a question's answer. Parsed with a
// parse-only mathjs instance into the core's expression tree; nothing a user types is evaluated
// by mathjs.
import { create, parseDependencies, type MathNode } from 'mathjs';
import { evaluate, ref, constant, type Expr } from '../core/expr.ts';
import { authorFunctions } from '../core/ops.ts';
import type { Solution } from '../core/graph.ts';
import { fromMathNode } from '../core/spec.ts';

const math = create({ parseDependencies }, {});

export interface QuantityNames {
  /** Every param, input and node of the lesson's graph. */
  all: Set<string>;
  /** The params (only they have an updated value). */
  params: Set<string>;
}

export type ParsedQuantity = { expr: Expr } | { message: string; offset: number };

const wrappers = ['grad', 'updated'] as const;

const findName = (source: string, name: string) => {
  const m = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(source);
  return m ? m.index + m[1].length : 0;
};

/**
 * Parse a quantity. With `names` null, only numbers and arithmetic are allowed (a student's typed
 * answer). References come out as `ref('a3')`, `ref('grad(w3)')`, `ref('updated(w3)')`.
 */
export function parseQuantity(source: string, names: QuantityNames | null): ParsedQuantity {
  let tree: MathNode;
  try {
    tree = math.parse(source);
  } catch (err) {
    const e = err as { message: string; char?: number };
    return { message: `cannot read "${source}": ${e.message.replace(/\s*\(char \d+\)/, '')}`, offset: Math.max(0, (e.char ?? 1) - 1) };
  }
  let problem: { message: string; offset: number } | null = null;
  const fail = (message: string, name?: string) => {
    problem ??= { message, offset: name ? findName(source, name) : 0 };
    return new math.ConstantNode(0);
  };
  // grad(x) and updated(x) become single symbols before the core's converter sees the tree.
  const rewritten = tree.transform((node) => {
    if (node.type !== 'FunctionNode') return node;
    const { fn, args } = node as unknown as { fn: { name?: string }; args: MathNode[] };
    const wrapper = wrappers.find((w) => w === fn.name);
    if (!wrapper) return node;
    if (!names) return fail(`${wrapper}() is not allowed here: type a number`, wrapper);
    const arg = args[0] as unknown as { type: string; name?: string };
    if (args.length !== 1 || arg?.type !== 'SymbolNode') return fail(`${wrapper}() takes one name, like ${wrapper}(w1)`, wrapper);
    const name = arg.name!;
    if (!names.all.has(name)) return fail(`unknown name "${name}" in ${wrapper}(${name}) (names: ${[...names.all].join(', ')})`, name);
    if (wrapper === 'updated' && !names.params.has(name)) return fail(`updated(${name}): "${name}" is not a param, so it is not updated`, name);
    return new math.SymbolNode(`${wrapper}(${name})`);
  });
  if (problem) return problem;
  const result = fromMathNode(
    rewritten,
    (name) => {
      if (/^(grad|updated)\(/.test(name)) return ref(name);
      if (name === 'e') return constant(Math.E);
      if (name === 'pi') return constant(Math.PI);
      if (!names) return `"${name}" is not a number`;
      if (names.all.has(name)) return ref(name);
      return `unknown name "${name}" (names: ${[...names.all].join(', ')})`;
    },
    authorFunctions
  );
  if (typeof result !== 'string') return { expr: result };
  const quoted = /"([^"]+)"/.exec(result)?.[1];
  return { message: result, offset: quoted ? findName(source, quoted) : 0 };
}

/** The value of a name, grad(name) or updated(name) in a solution. */
export function lookupQuantity(solution: Solution, reference: string): number {
  const wrapped = /^(grad|updated)\((\w+)\)$/.exec(reference);
  if (!wrapped) return solution.values[reference];
  return wrapped[1] === 'grad' ? solution.gradients[wrapped[2]] : solution.updated[wrapped[2]];
}

export function evaluateQuantity(expr: Expr, solution: Solution): number {
  return evaluate(expr, (name) => lookupQuantity(solution, name));
}
