// The one table of operations. Each op keeps, side by side, its forward (numbers), its local
// partial derivatives (as expressions, so they can be both evaluated and typeset) and its TeX.
// Composite ops (sub, div, neg) are defined by expanding into other ops; their partials follow.
import type { Expr } from './expr.ts';
import { add, call, constant, mul, neg, pow, sub, div } from './expr.ts';

/** How tightly an op's TeX binds, for deciding where parentheses go. */
export enum Prec {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 4,
  Atom = 5
}

export interface OpTex {
  text: string;
  prec: Prec;
}

/** How an operator is written in a spec: `a + b`, with mathjs's name for it (`add`, `subtract`). */
export interface Infix {
  symbol: string;
  prec: Prec;
  mathjs: string;
  /** (a + b) + c needs no parentheses on either side; a - (b - c) needs them on the right. */
  associative?: boolean;
  /** a^b^c is a^(b^c): the left operand is the one that needs parentheses. */
  rightAssociative?: boolean;
}

export interface Op {
  /** Number of arguments; optional trailing arguments get `defaults`. */
  arity: number;
  defaults?: number[];
  /** Takes `arity` or more arguments (logsumexp(z1, z2, …)). */
  variadic?: boolean;
  forward(...args: number[]): number;
  /**
   * ∂op/∂arg_i as expressions over the arguments (`args`) and the op's own output (`self`),
   * e.g. sigmoid: σ(z)(1 − σ(z)). Absent for composite ops, whose partials come from `expand`.
   */
  partials?(args: Expr[], self: Expr): Expr[];
  /** A composite op is built from others: its derivative is the derivative of this expansion. */
  expand?(args: Expr[]): Expr;
  tex(args: OpTex[]): OpTex;
  /** Set on ops whose derivative is zero almost everywhere: the graph warns when a gradient passes through. */
  flat?: boolean;
  /** Ops that only appear inside derivatives (σ′-like helpers); authors may not write them. */
  internal?: boolean;
  /** Written between its operands in a spec (a + b), not called by name. */
  infix?: Infix;
  /** Written before its operand (-a); mathjs's name for it. */
  prefix?: { symbol: string; mathjs: string };
  /** May be a layer's activation in a layered network (`activation: tanh`): one argument, the rest defaulted. */
  activation?: boolean;
  /** The spellings a student may type to call it in an answer (sigmoid, sigma, σ). Absent: students may not. */
  student?: string[];
  /** The TeX command its name is written with (\\tanh), when it has one: plain text drops the backslash. */
  texCommand?: string;
  /**
   * The formula as a student writes it on paper, in terms of other ops (σ′(z) = σ(z)(1 − σ(z))):
   * the checker reads it with the student's own σ(z) when it carries their error forward.
   */
  onPaper?(args: Expr[]): Expr;
}

const wrap = (t: OpTex, min: Prec) => (t.prec < min ? `\\left(${t.text}\\right)` : t.text);
const fn = (name: string) => (a: OpTex[]): OpTex => ({
  text: `${name}\\left(${a.map((x) => x.text).join(', ')}\\right)`,
  prec: Prec.Atom
});
/** The base of a power: parenthesised unless atomic, braced when it already carries a superscript (W^{(2)}). */
const powerBase = (t: OpTex) =>
  t.prec < Prec.Atom || t.text.startsWith('-') ? `\\left(${t.text}\\right)` : t.text.includes('^') ? `{${t.text}}` : t.text;
/** A product is juxtaposed (2x, σ(z)(1−σ(z))) unless the right factor starts with a number: 0.32 · 1. */
const needsDot = (right: string) => /^[\d.]|^\\left\(-/.test(right);

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
// σ′ and tanh′ from the pre-activation z, never from the rounded output: σ(40) rounds to 1, so
// σ(40)(1 − σ(40)) would be 0 instead of 4.2e-18. With t = e^{−|z|} (no overflow, no cancellation):
// σ′(z) = t/(1 + t)², and with t = e^{−2|z|}: tanh′(z) = 1 − tanh²(z) = 4t/(1 + t)².
const sigmoidGrad = (z: number) => {
  const t = Math.exp(-Math.abs(z));
  return t / ((1 + t) * (1 + t));
};
/** log Σ e^{z_k}, shifted by the largest z so that no e^{…} overflows: m + log1p(Σ_{k≠max} e^{z_k − m}). */
const logSumExp = (...zs: number[]) => {
  let top = 0;
  for (let k = 1; k < zs.length; k++) if (zs[k] > zs[top] || Number.isNaN(zs[k])) top = k;
  const m = zs[top];
  if (!Number.isFinite(m)) return m;
  let rest = 0;
  for (let k = 0; k < zs.length; k++) if (k !== top) rest += Math.exp(zs[k] - m);
  return m + Math.log1p(rest);
};
/** e^{z}/Σ_k e^{z_k} for the first argument z among the rest, shifted by the largest. */
const softmaxOf = (z: number, ...zs: number[]) => {
  const m = Math.max(...zs);
  let total = 0;
  for (const zk of zs) total += Math.exp(zk - m);
  return Math.exp(z - m) / total;
};
const tanhGrad = (z: number) => {
  const t = Math.exp(-2 * Math.abs(z));
  return (4 * t) / ((1 + t) * (1 + t));
};

export const ops: Record<string, Op> = {
  add: {
    arity: 2,
    infix: { symbol: '+', prec: Prec.Sum, mathjs: 'add', associative: true },
    forward: (a, b) => a + b,
    partials: () => [constant(1), constant(1)],
    tex: ([a, b]) => {
      const right = b.text.startsWith('-') ? `- ${b.text.slice(1)}` : `+ ${wrap(b, Prec.Sum)}`;
      return { text: `${wrap(a, Prec.Sum)} ${right}`, prec: Prec.Sum };
    }
  },
  mul: {
    arity: 2,
    infix: { symbol: '*', prec: Prec.Product, mathjs: 'multiply', associative: true },
    forward: (a, b) => a * b,
    partials: ([a, b]) => [b, a],
    tex: ([a, b]) => {
      const left = wrap(a, Prec.Product);
      const right = b.text.startsWith('-') ? `\\left(${b.text}\\right)` : wrap(b, Prec.Product);
      return { text: `${left}${needsDot(right) ? ' \\cdot ' : ' '}${right}`, prec: Prec.Product };
    }
  },
  pow: {
    arity: 2,
    infix: { symbol: '^', prec: Prec.Power, mathjs: 'pow', rightAssociative: true },
    forward: (a, b) => Math.pow(a, b),
    partials: ([a, b]) => [mul(b, pow(a, sub(b, constant(1)))), call('pow_grad_exponent', a, b)],
    tex: ([a, b]) => ({ text: `${powerBase(a)}^{${b.text}}`, prec: Prec.Power })
  },
  neg: {
    arity: 1,
    prefix: { symbol: '-', mathjs: 'unaryMinus' },
    forward: (a) => -a,
    expand: ([a]) => call('mul', constant(-1), a),
    tex: ([a]) => ({ text: `-${wrap(a, Prec.Power)}`, prec: Prec.Unary })
  },
  sub: {
    arity: 2,
    infix: { symbol: '-', prec: Prec.Sum, mathjs: 'subtract' },
    forward: (a, b) => a - b,
    expand: ([a, b]) => call('add', a, call('neg', b)),
    tex: ([a, b]) => ({
      text: `${wrap(a, Prec.Sum)} - ${b.text.startsWith('-') ? `\\left(${b.text}\\right)` : wrap(b, Prec.Product)}`,
      prec: Prec.Sum
    })
  },
  div: {
    arity: 2,
    infix: { symbol: '/', prec: Prec.Product, mathjs: 'divide' },
    forward: (a, b) => a / b,
    // Not a·b⁻¹: its ∂/∂b, a·(−b⁻²), overflows at a = b = 1e-200 where −(a/b)/b = −1e200 does not.
    partials: ([a, b]) => [div(constant(1), b), call('div_grad', a, b)],
    tex: ([a, b]) => ({ text: `\\frac{${a.text}}{${b.text}}`, prec: Prec.Atom })
  },
  sigmoid: {
    arity: 1,
    activation: true,
    student: ['sigmoid', 'sigma', 'σ', 'sig'],
    forward: sigmoid,
    partials: ([z]) => [call('sigmoid_grad', z)],
    tex: fn('\\sigma')
  },
  tanh: {
    arity: 1,
    activation: true,
    student: ['tanh'],
    texCommand: 'tanh',
    forward: Math.tanh,
    partials: ([z]) => [call('tanh_grad', z)],
    tex: fn('\\tanh')
  },
  relu: {
    arity: 1,
    activation: true,
    forward: (x) => (x > 0 ? x : 0),
    partials: ([x]) => [call('step', x)],
    tex: fn('\\operatorname{ReLU}')
  },
  leaky_relu: {
    arity: 2,
    activation: true,
    defaults: [0.1], // the course's slope: max(0.1x, x); the trainer reads it from here
    forward: (x, alpha) => (x > 0 ? x : alpha * x),
    partials: ([x, alpha]) => [call('leaky_relu_grad', x, alpha), sub(x, call('relu', x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{LeakyReLU}_{${alpha.text}}\\left(${x.text}\\right)`, prec: Prec.Atom })
  },
  elu: {
    arity: 2,
    activation: true,
    defaults: [1],
    forward: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
    partials: ([x, alpha]) => [call('elu_grad', x, alpha), mul(call('step', neg(x)), call('expm1', x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{ELU}_{${alpha.text}}\\left(${x.text}\\right)`, prec: Prec.Atom })
  },
  softplus: {
    arity: 1,
    activation: true,
    forward: (x) => softplus(x),
    partials: ([x]) => [call('sigmoid', x)],
    tex: fn('\\operatorname{softplus}')
  },
  exp: {
    arity: 1,
    student: ['exp'],
    forward: Math.exp,
    partials: (_, self) => [self],
    tex: ([a]) => ({ text: `e^{${a.text}}`, prec: Prec.Power })
  },
  log: {
    arity: 1,
    student: ['log', 'ln'],
    texCommand: 'log',
    forward: Math.log,
    partials: ([x]) => [div(constant(1), x)],
    tex: fn('\\log')
  },
  sqrt: {
    arity: 1,
    student: ['sqrt'],
    texCommand: 'sqrt',
    forward: Math.sqrt,
    partials: (_, self) => [div(constant(1), mul(constant(2), self))],
    tex: ([a]) => ({ text: `\\sqrt{${a.text}}`, prec: Prec.Atom })
  },
  abs: {
    arity: 1,
    student: ['abs'],
    forward: Math.abs,
    partials: ([x]) => [call('sign', x)],
    tex: ([a]) => ({ text: `\\left|${a.text}\\right|`, prec: Prec.Atom })
  },
  // max(a, b) and min(a, b): maxout, and pReLU as max(x, 0) + α·min(0, x). At a tie the
  // gradient goes to the second argument, so the two partials always add up to 1.
  max: {
    arity: 2,
    forward: Math.max,
    partials: ([a, b]) => [call('step', sub(a, b)), sub(constant(1), call('step', sub(a, b)))],
    tex: fn('\\max'),
    texCommand: 'max'
  },
  min: {
    arity: 2,
    forward: Math.min,
    partials: ([a, b]) => [call('step', sub(b, a)), sub(constant(1), call('step', sub(b, a)))],
    tex: fn('\\min'),
    texCommand: 'min'
  },
  // log Σ e^{z_k}: the log of a softmax denominator, computed shifted by the max so logits of 800
  // do not overflow; its partials are the softmax itself.
  logsumexp: {
    arity: 1,
    variadic: true,
    forward: logSumExp,
    partials: (zs) => zs.map((z) => call('softmax_of', z, ...zs)),
    tex: (zs) => ({ text: `\\log\\left(${zs.map((z) => `e^{${z.text}}`).join(' + ')}\\right)`, prec: Prec.Atom })
  },
  // Binary cross-entropy of a sigmoid output, from its logit z: −[y log σ(z) + (1 − y) log(1 − σ(z))]
  // = y·softplus(−z) + (1 − y)·softplus(z), a sum of two positive terms, so nothing cancels or overflows.
  bce_logits: {
    arity: 2,
    forward: (z, y) => y * softplus(-z) + (1 - y) * softplus(z),
    partials: ([z, y]) => [call('bce_logits_grad', z, y), neg(z)],
    tex: ([z, y]) => ({
      text: `-\\left[${wrap(y, Prec.Product)} \\log \\sigma\\left(${z.text}\\right) + \\left(1 - ${wrap(y, Prec.Product)}\\right) \\log\\left(1 - \\sigma\\left(${z.text}\\right)\\right)\\right]`,
      prec: Prec.Unary
    })
  },
  step: {
    arity: 1,
    flat: true,
    forward: (x) => (x > 0 ? 1 : 0),
    partials: () => [constant(0)],
    tex: fn('\\operatorname{step}')
  },
  sign: {
    arity: 1,
    flat: true,
    internal: true,
    forward: Math.sign,
    partials: () => [constant(0)],
    tex: fn('\\operatorname{sign}')
  },
  leaky_relu_grad: {
    arity: 2,
    flat: true,
    internal: true,
    forward: (x, alpha) => (x > 0 ? 1 : alpha),
    partials: ([x]) => [constant(0), call('step', neg(x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{LeakyReLU}_{${alpha.text}}'\\left(${x.text}\\right)`, prec: Prec.Atom })
  },
  // The helpers below are typeset exactly as the formula a student learns (σ(z)(1 − σ(z)),
  // 1 − tanh²(z), −a/b², eˣ − 1) but evaluated the stable way.
  sigmoid_grad: {
    arity: 1,
    internal: true,
    forward: sigmoidGrad,
    onPaper: ([z]) => mul(call('sigmoid', z), sub(constant(1), call('sigmoid', z))),
    partials: ([z]) => [mul(call('sigmoid_grad', z), sub(call('sigmoid', neg(z)), call('sigmoid', z)))],
    tex: ([z]) => ({ text: `\\sigma\\left(${z.text}\\right) \\left(1 - \\sigma\\left(${z.text}\\right)\\right)`, prec: Prec.Product })
  },
  tanh_grad: {
    arity: 1,
    internal: true,
    forward: tanhGrad,
    onPaper: ([z]) => sub(constant(1), pow(call('tanh', z), constant(2))),
    partials: ([z]) => [mul(constant(-2), mul(call('tanh', z), call('tanh_grad', z)))],
    tex: ([z]) => ({ text: `1 - \\tanh\\left(${z.text}\\right)^{2}`, prec: Prec.Sum })
  },
  div_grad: {
    arity: 2,
    internal: true,
    // ∂(a/b)/∂b = −a/b², computed as −(a/b)/b so that b² never overflows or underflows on its own.
    forward: (a, b) => -(a / b) / b,
    partials: ([a, b]) => [neg(div(constant(1), pow(b, constant(2)))), mul(constant(2), div(a, pow(b, constant(3))))],
    tex: ([a, b]) => ({ text: `-\\frac{${a.text}}{${powerBase(b)}^{2}}`, prec: Prec.Unary })
  },
  softmax_of: {
    arity: 2,
    variadic: true,
    internal: true,
    forward: softmaxOf,
    // ∂/∂(the chosen z) = p; ∂/∂z_i (in the denominator) = −p·softmax_i.
    partials: ([z, ...zs]) => [call('softmax_of', z, ...zs), ...zs.map((zi) => neg(mul(call('softmax_of', z, ...zs), call('softmax_of', zi, ...zs))))],
    tex: ([z, ...zs]) => ({ text: `\\frac{e^{${z.text}}}{${zs.map((zk) => `e^{${zk.text}}`).join(' + ')}}`, prec: Prec.Atom })
  },
  // ∂/∂z of the binary cross-entropy from the logit: σ(z) − y (the prediction minus the target).
  // For a 0/1 target as (1 − y)σ(z) − yσ(−z), so that σ(40) − 1 is −4.2e-18, not 0; otherwise as
  // ½·tanh(z/2) + (½ − y), so that σ(1e-10) − ½ keeps its digits.
  bce_logits_grad: {
    arity: 2,
    internal: true,
    forward: (z, y) => (y === 0 || y === 1 ? (1 - y) * sigmoid(z) - y * sigmoid(-z) : 0.5 * Math.tanh(z / 2) + (0.5 - y)),
    partials: ([z]) => [call('sigmoid_grad', z), constant(-1)],
    tex: ([z, y]) => ({ text: `\\sigma\\left(${z.text}\\right) - ${wrap(y, Prec.Product)}`, prec: Prec.Sum })
  },
  // ∂(a^b)/∂b = a^b log a, which is 0 at a = 0 for b > 0 (0^b stays 0), not 0·(−∞) = NaN.
  pow_grad_exponent: {
    arity: 2,
    internal: true,
    forward: (a, b) => (a === 0 && b > 0 ? 0 : Math.pow(a, b) * Math.log(a)),
    partials: ([a, b]) => [
      add(mul(mul(b, pow(a, sub(b, constant(1)))), call('log', a)), pow(a, sub(b, constant(1)))),
      mul(pow(a, b), pow(call('log', a), constant(2)))
    ],
    tex: (args) => ({ text: `${wrap(ops.pow.tex(args), Prec.Product)} \\log\\left(${args[0].text}\\right)`, prec: Prec.Product })
  },
  expm1: {
    arity: 1,
    internal: true,
    forward: Math.expm1,
    partials: ([x]) => [call('exp', x)],
    tex: ([x]) => ({ text: `e^{${x.text}} - 1`, prec: Prec.Sum })
  },
  elu_grad: {
    arity: 2,
    internal: true,
    forward: (x, alpha) => (x > 0 ? 1 : alpha * Math.exp(x)),
    partials: ([x, alpha]) => [mul(call('step', neg(x)), mul(alpha, call('exp', x))), mul(call('step', neg(x)), call('exp', x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{ELU}_{${alpha.text}}'\\left(${x.text}\\right)`, prec: Prec.Atom })
  }
};

/** The functions an author may call by name in a node expression (not operators, not internal helpers). */
export const authorFunctions = Object.entries(ops)
  .filter(([, op]) => !op.internal && !op.infix && !op.prefix)
  .map(([name]) => name);

/** The ops a layer of a layered network may use as its activation. */
export const activationOps = Object.keys(ops).filter((name) => ops[name].activation);

/** What a student may call in an answer, by each spelling they use: σ → sigmoid, ln → log. */
export const studentFunctions: Record<string, string> = Object.fromEntries(
  Object.entries(ops).flatMap(([name, op]) => (op.student ?? []).map((spelling) => [spelling, name]))
);

/** Operators by mathjs's name for them (add, subtract, unaryMinus). */
export const operatorsByMathjs: Record<string, string> = Object.fromEntries(
  Object.entries(ops).flatMap(([name, op]) => (op.infix ? [[op.infix.mathjs, name]] : op.prefix ? [[op.prefix.mathjs, name]] : []))
);

/** TeX commands that name an op (\\tanh, \\log): plain text writes them without the backslash. */
export const texCommands = Object.values(ops).flatMap((op) => (op.texCommand ? [op.texCommand] : []));
