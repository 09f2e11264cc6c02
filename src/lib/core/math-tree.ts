// The one place text meets mathjs: a parse-only instance (no evaluate, import or createUnit on
// it) and a walker to our own Expr, with size, nesting and power-tower bounds checked before
// anything is computed. Used for graph specs, lesson quantities, answers and students' input.
import { create, parseDependencies, type MathNode } from 'mathjs';
import { build, call, constant, type Expr } from './expr.ts';
import { authorFunctions, operatorsByMathjs, ops } from './ops.ts';
import { didYouMean } from './suggest.ts';

const math = create({ parseDependencies }, {});

export interface WalkOptions {
  /** A name: its expression, or a message saying why it is not allowed. */
  symbol(name: string): Expr | string;
  /** A function call `name(args)`: its expression, or a message; `args` are still mathjs nodes. */
  func(name: string, args: MathNode[], walk: (n: MathNode) => Expr): Expr | string;
  /** Most tree nodes (default 200). */
  maxNodes?: number;
  /** Most ^ stacked in a row (default 2, a^b^c): 9^9^9^9 is refused before anything is computed. */
  maxPowerTower?: number;
}

/** The operators a spec may write, as the op table lists them: + - * / ^. */
const operatorSymbols = Object.values(ops)
  .flatMap((op) => (op.infix ? [op.infix] : []))
  .sort((a, b) => a.prec - b.prec)
  .map((i) => i.symbol)
  .join(' ');

/**
 * Deepest nesting accepted (a sum of n terms nests n levels). Every later walk of the tree
 * (derivative, compiled closures, TeX) recurses once per level, and this keeps them well inside
 * the call stack of Node and of browsers.
 */
export const MAX_DEPTH = 1200;

class Refusal {
  constructor(readonly message: string) {}
}

/** Parse `text` (already bounded in length and nesting by the caller) and walk it to an Expr. */
export type ParseFailure = { message: string; offset: number; syntax?: true };

export function parseToExpr(text: string, options: WalkOptions): { expr: Expr } | ParseFailure {
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (err) {
    const e = err as { message?: string; char?: number };
    const why = String(e?.message ?? err).replace(/\s*\(char \d+\)/, '');
    return { message: why, offset: Math.max(0, (e?.char ?? 1) - 1), syntax: true };
  }
  const maxNodes = options.maxNodes ?? 200;
  const maxTower = options.maxPowerTower ?? 2;
  let nodes = 0;
  // Bounds first, on the bare tree: nothing is computed for an over-large or towering input.
  const measure = (n: MathNode, tower: number, depth: number): void => {
    if (++nodes > maxNodes) throw new Refusal(`the expression is too long (more than ${maxNodes} parts)`);
    if (depth > MAX_DEPTH) throw new Refusal(`the expression nests too deeply (more than ${MAX_DEPTH} levels; a sum of n terms nests n levels): split it into several nodes`);
    const o = n as unknown as { type: string; fn?: string; args?: MathNode[]; content?: MathNode };
    if (o.type === 'OperatorNode' && o.fn === 'pow' && o.args) {
      if (tower + 1 > maxTower) throw new Refusal(`too many powers stacked (at most ${maxTower} ^ in a row)`);
      measure(o.args[0], 0, depth + 1);
      measure(o.args[1], tower + 1, depth + 1);
      return;
    }
    if (o.content) measure(o.content, tower, depth + 1);
    if (o.args) for (const a of o.args) measure(a, tower, depth + 1);
  };
  const walk = (n: MathNode): Expr => {
    switch (n.type) {
      case 'ConstantNode': {
        const v = (n as unknown as { value: unknown }).value;
        if (typeof v !== 'number') throw new Refusal(`${JSON.stringify(v)} is not a number`);
        if (!Number.isFinite(v)) throw new Refusal('a number is too large');
        return constant(v);
      }
      case 'SymbolNode': {
        const r = options.symbol((n as unknown as { name: string }).name);
        if (typeof r === 'string') throw new Refusal(r);
        return r;
      }
      case 'ParenthesisNode':
        return walk((n as unknown as { content: MathNode }).content);
      case 'OperatorNode': {
        const { fn, op, args } = n as unknown as { fn: string; op: string; args: MathNode[] };
        if (fn === 'unaryPlus') return walk(args[0]);
        const name = operatorsByMathjs[fn];
        if (!name || args.length !== ops[name].arity) throw new Refusal(`the operator "${op}" is not allowed (use ${operatorSymbols})`);
        return build(name, args.map(walk));
      }
      case 'FunctionNode': {
        const { fn, args } = n as unknown as { fn: { type: string; name?: string }; args: MathNode[] };
        if (fn.type !== 'SymbolNode' || !fn.name) throw new Refusal('only named functions can be called, like exp(x)');
        const r = options.func(fn.name, args, walk);
        if (typeof r === 'string') throw new Refusal(r);
        return r;
      }
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        throw new Refusal('assignments are not allowed: type a value');
      default:
        throw new Refusal(`this kind of expression (${n.type.replace(/Node$/, '').toLowerCase()}) is not allowed`);
    }
  };
  try {
    measure(tree, 0, 0);
    return { expr: walk(tree) };
  } catch (err) {
    // Point at the first mention of the offending name when the message quotes one.
    if (err instanceof Refusal) return { message: err.message, offset: offsetOfQuoted(text, err.message) };
    throw err;
  }
}

function offsetOfQuoted(text: string, message: string): number {
  const quoted = /"([^"]+)"/.exec(message)?.[1];
  if (!quoted) return 0;
  const at = new RegExp(`(^|[^A-Za-z0-9_])${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
  return at ? at.index + at[1].length : 0;
}

/** A call to one of the functions authors may use in a graph (sigmoid, relu, …), arity checked. */
export function authorCall(name: string, args: MathNode[], walk: (n: MathNode) => Expr, alsoKnown: string[] = []): Expr | string {
  if (!authorFunctions.includes(name)) {
    const known = [...alsoKnown, ...authorFunctions];
    return `unknown function "${name}" (${didYouMean(name, known)}known: ${known.join(', ')})`;
  }
  const op = ops[name];
  const min = op.arity - (op.defaults?.length ?? 0);
  if (op.variadic && args.length < op.arity) return `${name} takes at least ${op.arity} argument${op.arity > 1 ? 's' : ''}`;
  if (!op.variadic && (args.length < min || args.length > op.arity)) {
    return `${name} takes ${min === op.arity ? op.arity : `${min} to ${op.arity}`} argument${op.arity > 1 ? 's' : ''}, not ${args.length}`;
  }
  return call(name, ...args.map(walk));
}

/** A one-argument function call, checked for arity. */
export function unary(op: string, shown: string, args: MathNode[], walk: (n: MathNode) => Expr): Expr | string {
  if (args.length !== 1) return `${shown} takes one argument, not ${args.length}`;
  return call(op, walk(args[0]));
}
