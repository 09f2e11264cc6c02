// Expression trees over named values: the one representation that is evaluated (compiled to
// closures), differentiated symbolically (so a local partial can be shown as TeX and computed),
// and typeset. Smart constructors fold the trivial cases (0·x, 1·x, x+0) so derivatives read well.
import { ops, Prec, type OpTex } from './ops.ts';
import { texNumber } from './numbers.ts';
import { baseLang, type Lang } from './lang.ts';

export type Expr =
  | { kind: 'const'; value: number }
  | { kind: 'ref'; name: string }
  | { kind: 'call'; op: string; args: Expr[] };

export const constant = (value: number): Expr => ({ kind: 'const', value });
export const ref = (name: string): Expr => ({ kind: 'ref', name });

const isConst = (e: Expr, v?: number) => e.kind === 'const' && (v === undefined || e.value === v);

export function call(op: string, ...args: Expr[]): Expr {
  const spec = ops[op];
  if (!spec) throw new Error(`unknown op ${op}`);
  while (args.length < spec.arity && spec.defaults) args.push(constant(spec.defaults[args.length + spec.defaults.length - spec.arity]));
  // Fold constants so derivatives like ∂(2·x)/∂x show as 2, not 2·1.
  if (args.every((a) => a.kind === 'const')) {
    return constant(spec.forward(...args.map((a) => (a as { value: number }).value)));
  }
  return { kind: 'call', op, args };
}

export function add(a: Expr, b: Expr): Expr {
  if (isConst(a, 0)) return b;
  if (isConst(b, 0)) return a;
  return call('add', a, b);
}
export function sub(a: Expr, b: Expr): Expr {
  if (isConst(b, 0)) return a;
  if (isConst(a, 0)) return neg(b);
  return call('sub', a, b);
}
export function mul(a: Expr, b: Expr): Expr {
  if (isConst(a, 0) || isConst(b, 0)) return constant(0);
  if (isConst(a, 1)) return b;
  if (isConst(b, 1)) return a;
  if (isConst(a, -1)) return neg(b);
  if (isConst(b, -1)) return neg(a);
  // Keep numbers in front: x·2 reads as 2x.
  if (b.kind === 'const' && a.kind !== 'const') return call('mul', b, a);
  return call('mul', a, b);
}
export function div(a: Expr, b: Expr): Expr {
  if (isConst(b, 1)) return a;
  if (isConst(a, 0)) return constant(0);
  return call('div', a, b);
}
export function pow(a: Expr, b: Expr): Expr {
  if (isConst(b, 1)) return a;
  if (isConst(b, 0)) return constant(1);
  return call('pow', a, b);
}
export function neg(a: Expr): Expr {
  if (a.kind === 'const') return constant(-a.value);
  if (a.kind === 'call' && a.op === 'neg') return a.args[0];
  return call('neg', a);
}

/** Every name an expression reads, in first-use order (one walk: linear in the size of `e`). */
export function refsOf(e: Expr): string[] {
  const seen = new Set<string>();
  const walk = (x: Expr) => {
    if (x.kind === 'ref') seen.add(x.name);
    else if (x.kind === 'call') for (const a of x.args) walk(a);
  };
  walk(e);
  return [...seen];
}

/** Replace names by expressions (used to expand composite ops over placeholder arguments). */
export function substitute(e: Expr, by: (name: string) => Expr | undefined): Expr {
  if (e.kind === 'ref') return by(e.name) ?? e;
  if (e.kind === 'const') return e;
  return build(e.op, e.args.map((a) => substitute(a, by)));
}

/** Build a call through the smart constructors, so substitutions and parsed text simplify as they go. */
export function build(op: string, args: Expr[]): Expr {
  switch (op) {
    case 'add': return add(args[0], args[1]);
    case 'sub': return sub(args[0], args[1]);
    case 'mul': return mul(args[0], args[1]);
    case 'div': return div(args[0], args[1]);
    case 'pow': return pow(args[0], args[1]);
    case 'neg': return neg(args[0]);
    default: return call(op, ...args);
  }
}

/** The local partials of one op application, composite ops going through their expansion. */
export function partialsOf(e: Extract<Expr, { kind: 'call' }>): Expr[] {
  const op = ops[e.op];
  if (op.partials) return op.partials(e.args, e);
  // Composite: differentiate the expansion with respect to placeholder arguments, then plug in.
  const holders = e.args.map((_, i) => `\u0000${i}`);
  const expanded = op.expand!(holders.map(ref));
  const by = (name: string) => e.args[holders.indexOf(name)];
  return holders.map((h) => substitute(derivative(expanded, h), by));
}

/** Where the checker builds a mistake into a derivative: other local partials for chosen calls. */
export type PartialsHook = (e: Extract<Expr, { kind: 'call' }>) => Expr[] | undefined;

/**
 * Symbolic ∂e/∂name by the chain rule over the tree: Σ_i ∂op/∂arg_i · ∂arg_i/∂name.
 * Only arguments that depend on `name` contribute, so constants never need a derivative.
 * `hook` may replace the local partials of a call (σ(z) where σ′(z) belongs, for the checker).
 */
export function derivative(e: Expr, name: string, hook?: PartialsHook): Expr {
  if (e.kind === 'const') return constant(0);
  if (e.kind === 'ref') return constant(e.name === name ? 1 : 0);
  const inner = e.args.map((a) => derivative(a, name, hook));
  if (inner.every((d) => isConst(d, 0))) return constant(0);
  const partials = hook?.(e) ?? partialsOf(e);
  let total: Expr = constant(0);
  inner.forEach((d, i) => {
    if (!isConst(d, 0)) total = add(total, mul(partials[i], d));
  });
  return total;
}

/**
 * ∂e/∂name for every name `e` reads, in one walk: the same trees `derivative(e, name)` builds
 * name by name, without walking the whole expression once per name. Each subtree returns the
 * non-zero derivatives of the names below it; a call node reuses its largest child's map, so a
 * sum of n terms costs O(n), not O(n²). Names whose derivative folds to 0 are left out.
 */
export function derivatives(e: Expr): Map<string, Expr> {
  if (e.kind === 'const') return new Map();
  if (e.kind === 'ref') return new Map([[e.name, constant(1)]]);
  const inner: Map<string, Expr>[] = [];
  for (const a of e.args) inner.push(derivatives(a));
  if (inner.every((m) => m.size === 0)) return new Map();
  const partials = partialsOf(e);
  // Σ_i ∂op/∂arg_i · ∂arg_i/∂name, summed in argument order exactly as `derivative` does.
  const combine = (name: string) => {
    let total: Expr = constant(0);
    inner.forEach((m, i) => {
      const d = m.get(name);
      if (d && !isConst(d, 0)) total = add(total, mul(partials[i], d));
    });
    return total;
  };
  let largest = 0;
  inner.forEach((m, i) => {
    if (m.size > inner[largest].size) largest = i;
  });
  const shared = new Map<string, Expr>(); // names that also occur outside the largest child
  inner.forEach((m, i) => {
    if (i !== largest) for (const name of m.keys()) if (!shared.has(name)) shared.set(name, combine(name));
  });
  // The largest child's entries are scaled in place, and only when its partial is not 1 (a sum's).
  const out = inner[largest];
  const scale = partials[largest];
  if (!isConst(scale, 1)) {
    for (const [name, d] of out) {
      if (shared.has(name)) continue;
      const scaled = mul(scale, d);
      if (isConst(scaled, 0)) out.delete(name);
      else out.set(name, scaled);
    }
  }
  for (const [name, d] of shared) {
    if (isConst(d, 0)) out.delete(name);
    else out.set(name, d);
  }
  return out;
}

/**
 * For each name, the first op with a zero-almost-everywhere derivative (step) that its gradient
 * passes through on the way out of `e` (the outermost such op, first occurrence first), in one walk.
 */
export function flatOps(e: Expr): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (x: Expr, outerFlat: string | null) => {
    if (x.kind === 'ref') {
      if (outerFlat && !found.has(x.name)) found.set(x.name, outerFlat);
    } else if (x.kind === 'call') {
      const flat = outerFlat ?? (ops[x.op].flat ? x.op : null);
      for (const a of x.args) walk(a, flat);
    }
  };
  walk(e, null);
  return found;
}

/** The first op with a zero-almost-everywhere derivative on the way from `name` through `e`, or null. */
export function passesThroughFlat(e: Expr, name: string): string | null {
  return flatOps(e).get(name) ?? null;
}

export type Compiled = (values: Float64Array) => number;

/** Compile to nested closures reading a slot array: fast enough to rerun a graph thousands of times. */
export function compile(e: Expr, slotOf: (name: string) => number): Compiled {
  if (e.kind === 'const') {
    const v = e.value;
    return () => v;
  }
  if (e.kind === 'ref') {
    const slot = slotOf(e.name);
    return (values) => values[slot];
  }
  const f = ops[e.op].forward;
  const args = e.args.map((a) => compile(a, slotOf));
  switch (args.length) {
    case 1: {
      const [a] = args;
      return (v) => f(a(v));
    }
    case 2: {
      const [a, b] = args;
      return (v) => f(a(v), b(v));
    }
    default:
      return (v) => f(...args.map((a) => a(v)));
  }
}

/** Evaluate once without compiling (for one-off values). */
export function evaluate(e: Expr, value: (name: string) => number): number {
  if (e.kind === 'const') return e.value;
  if (e.kind === 'ref') return value(e.name);
  return ops[e.op].forward(...e.args.map((a) => evaluate(a, value)));
}

/** Write an expression back as text a graph spec accepts (w2_1_1*a1_1 + b2_1, sigmoid(z2_1)). */
export function toSource(e: Expr): string {
  return sourceOf(e).text;
}

function sourceOf(e: Expr): { text: string; prec: Prec } {
  if (e.kind === 'const') return { text: String(e.value), prec: e.value < 0 ? Prec.Unary : Prec.Atom };
  if (e.kind === 'ref') return { text: e.name, prec: Prec.Atom };
  const args = e.args.map(sourceOf);
  const { infix, prefix } = ops[e.op];
  if (prefix) return { text: `${prefix.symbol}${args[0].prec < Prec.Power ? `(${args[0].text})` : args[0].text}`, prec: Prec.Unary };
  if (!infix) return { text: `${e.op}(${args.map((a) => a.text).join(', ')})`, prec: Prec.Atom };
  const { symbol, prec } = infix;
  // Left-associative: the right operand needs parentheses at equal precedence (a - (b + c)); ^ is the other way round.
  const left = args[0].prec < prec || (infix.rightAssociative && args[0].prec === prec) ? `(${args[0].text})` : args[0].text;
  const right = args[1].prec < prec || (!infix.rightAssociative && !infix.associative && args[1].prec === prec) ? `(${args[1].text})` : args[1].text;
  return { text: `${left} ${symbol} ${right}`, prec };
}

/** Format a number for display in TeX (core/numbers.ts, the one number writer): rounded for reading, never used for checking. */
export function formatNumber(v: number, digits = 6, lang: Lang = baseLang): string {
  return texNumber(v, lang, { digits });
}

/**
 * Typeset an expression. `nameTex` gives each name's TeX; pass `numbers` to substitute values
 * for names instead ("the formula with the numbers in").
 */
export function toTex(e: Expr, nameTex: (name: string) => string, numbers?: (name: string) => number): string {
  return texOf(e, nameTex, numbers).text;
}

function texOf(e: Expr, nameTex: (name: string) => string, numbers?: (name: string) => number): OpTex {
  if (e.kind === 'const') {
    const text = formatNumber(e.value);
    return { text, prec: e.value < 0 || text.includes('\\times') ? Prec.Unary : Prec.Atom };
  }
  if (e.kind === 'ref') {
    if (numbers) {
      const v = numbers(e.name);
      const text = formatNumber(v);
      return { text, prec: v < 0 || text.includes('\\times') ? Prec.Unary : Prec.Atom };
    }
    return { text: nameTex(e.name), prec: Prec.Atom };
  }
  return ops[e.op].tex(e.args.map((a) => texOf(a, nameTex, numbers)));
}
