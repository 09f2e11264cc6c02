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

export interface Op {
  /** Number of arguments; optional trailing arguments get `defaults`. */
  arity: number;
  defaults?: number[];
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
}

const wrap = (t: OpTex, min: Prec) => (t.prec < min ? `\\left(${t.text}\\right)` : t.text);
const fn = (name: string) => (a: OpTex[]): OpTex => ({
  text: `${name}\\left(${a.map((x) => x.text).join(', ')}\\right)`,
  prec: Prec.Atom
});
/** A product is juxtaposed (2x, σ(z)(1−σ(z))) unless the right factor starts with a number: 0.32 · 1. */
const needsDot = (right: string) => /^[\d.]|^\\left\(-/.test(right);

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const ops: Record<string, Op> = {
  add: {
    arity: 2,
    forward: (a, b) => a + b,
    partials: () => [constant(1), constant(1)],
    tex: ([a, b]) => {
      const right = b.text.startsWith('-') ? `- ${b.text.slice(1)}` : `+ ${wrap(b, Prec.Sum)}`;
      return { text: `${wrap(a, Prec.Sum)} ${right}`, prec: Prec.Sum };
    }
  },
  mul: {
    arity: 2,
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
    forward: (a, b) => Math.pow(a, b),
    partials: ([a, b], self) => [mul(b, pow(a, sub(b, constant(1)))), mul(self, call('log', a))],
    tex: ([a, b]) => ({ text: `${a.prec < Prec.Atom || a.text.startsWith('-') ? `\\left(${a.text}\\right)` : a.text}^{${b.text}}`, prec: Prec.Power })
  },
  neg: {
    arity: 1,
    forward: (a) => -a,
    expand: ([a]) => call('mul', constant(-1), a),
    tex: ([a]) => ({ text: `-${wrap(a, Prec.Power)}`, prec: Prec.Unary })
  },
  sub: {
    arity: 2,
    forward: (a, b) => a - b,
    expand: ([a, b]) => call('add', a, call('neg', b)),
    tex: ([a, b]) => ({
      text: `${wrap(a, Prec.Sum)} - ${b.text.startsWith('-') ? `\\left(${b.text}\\right)` : wrap(b, Prec.Product)}`,
      prec: Prec.Sum
    })
  },
  div: {
    arity: 2,
    forward: (a, b) => a / b,
    expand: ([a, b]) => call('mul', a, call('pow', b, constant(-1))),
    tex: ([a, b]) => ({ text: `\\frac{${a.text}}{${b.text}}`, prec: Prec.Atom })
  },
  sigmoid: {
    arity: 1,
    forward: sigmoid,
    partials: (_, self) => [mul(self, sub(constant(1), self))],
    tex: fn('\\sigma')
  },
  tanh: {
    arity: 1,
    forward: Math.tanh,
    partials: (_, self) => [sub(constant(1), pow(self, constant(2)))],
    tex: fn('\\tanh')
  },
  relu: {
    arity: 1,
    forward: (x) => (x > 0 ? x : 0),
    partials: ([x]) => [call('step', x)],
    tex: fn('\\operatorname{ReLU}')
  },
  leaky_relu: {
    arity: 2,
    defaults: [0.01],
    forward: (x, alpha) => (x > 0 ? x : alpha * x),
    partials: ([x, alpha]) => [call('leaky_relu_grad', x, alpha), sub(x, call('relu', x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{LeakyReLU}_{${alpha.text}}\\left(${x.text}\\right)`, prec: Prec.Atom })
  },
  elu: {
    arity: 2,
    defaults: [1],
    forward: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
    partials: ([x, alpha]) => [call('elu_grad', x, alpha), mul(call('step', neg(x)), sub(call('exp', x), constant(1)))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{ELU}_{${alpha.text}}\\left(${x.text}\\right)`, prec: Prec.Atom })
  },
  softplus: {
    arity: 1,
    forward: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    partials: ([x]) => [call('sigmoid', x)],
    tex: fn('\\operatorname{softplus}')
  },
  exp: {
    arity: 1,
    forward: Math.exp,
    partials: (_, self) => [self],
    tex: ([a]) => ({ text: `e^{${a.text}}`, prec: Prec.Power })
  },
  log: {
    arity: 1,
    forward: Math.log,
    partials: ([x]) => [div(constant(1), x)],
    tex: fn('\\log')
  },
  sqrt: {
    arity: 1,
    forward: Math.sqrt,
    partials: (_, self) => [div(constant(1), mul(constant(2), self))],
    tex: ([a]) => ({ text: `\\sqrt{${a.text}}`, prec: Prec.Atom })
  },
  abs: {
    arity: 1,
    forward: Math.abs,
    partials: ([x]) => [call('sign', x)],
    tex: ([a]) => ({ text: `\\left|${a.text}\\right|`, prec: Prec.Atom })
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
  elu_grad: {
    arity: 2,
    internal: true,
    forward: (x, alpha) => (x > 0 ? 1 : alpha * Math.exp(x)),
    partials: ([x, alpha]) => [mul(call('step', neg(x)), mul(alpha, call('exp', x))), mul(call('step', neg(x)), call('exp', x))],
    tex: ([x, alpha]) => ({ text: `\\operatorname{ELU}_{${alpha.text}}'\\left(${x.text}\\right)`, prec: Prec.Atom })
  }
};

/** The functions an author may call in a node expression, with how many arguments each takes. */
export const authorFunctions = Object.entries(ops)
  .filter(([name, op]) => !op.internal && !['add', 'mul', 'pow', 'neg', 'sub', 'div'].includes(name))
  .map(([name]) => name);
