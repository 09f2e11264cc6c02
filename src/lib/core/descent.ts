// Gradient descent on a function of one variable, for the ::descent widget and its lesson. The
// function is written in the graph engine's expression language (f="x^2"), becomes a one-node graph
// (param x, loss f) and is run by optimize() with plain gradient descent from the one optimizer
// table, so what the page plots is exactly what is differentiated and stepped. This module adds
// what a student needs to read a run: the table rows n, xₙ, f′(xₙ), xₙ₊₁; a verdict (settled,
// still moving, bouncing, diverging) said in words; and which iterates fit on the plot.
import { derivative, evaluate, toSource, type Expr } from './expr.ts';
import { Graph } from './graph.ts';
import { optimize, type Trajectory } from './optimize.ts';
import { optimizerSettings } from './optimizers.ts';
import { parseExpression } from './spec.ts';
import { parseNumberList, readNumber, type TextProblem } from './perceptron.ts';
import type { WidgetState } from './widget-state.ts';
import { baseLang, type Lang } from './lang.ts';
import { textNumber } from './numbers.ts';
import { m } from '../paraglide/messages.js';

/** The one variable a ::descent function is written in. */
export const DESCENT_VARIABLE = 'x';
/** Most steps a widget runs (lint checks the same bound). */
export const MAX_DESCENT_STEPS = 1000;
/** Largest learning rate the widget accepts (its slider goes to 1.5 by default). */
export const MAX_DESCENT_RATE = 10;

export interface DescentFunction {
  expr: Expr;
  /** f′ as an expression (the engine's symbolic derivative), for plotting beside f. */
  derivative: Expr;
  source: string;
}

/** Read f(x) as the graph engine reads a node; a problem's offset is inside `source`. */
export function parseDescentFunction(source: string): DescentFunction | TextProblem {
  if (!source.trim()) return { message: 'the function is empty: write one of x, like f="x^2"', offset: 0 };
  const parsed = parseExpression(source, (name) =>
    name === DESCENT_VARIABLE ? { kind: 'ref', name } : `unknown name "${name}": the function may only use ${DESCENT_VARIABLE} (and numbers, e, pi)`
  );
  if ('message' in parsed) return parsed;
  return { expr: parsed, derivative: derivative(parsed, DESCENT_VARIABLE), source };
}

export const evaluateAt = (e: Expr, x: number) => evaluate(e, () => x);

export interface DescentRow {
  n: number;
  x: number;
  f: number;
  /** f′(xₙ): the slope the update reads. */
  slope: number;
  /** xₙ₊₁ = xₙ − α f′(xₙ); absent on the last row of a run. */
  next?: number;
}

export type DescentVerdict =
  | { kind: 'settled'; step: number; text: string }
  | { kind: 'moving'; text: string }
  | { kind: 'bouncing'; text: string }
  | { kind: 'diverging'; step: number; text: string }
  /** A step landed where f or f′ is not defined (log(x) at x ≤ 0): the run stops there. */
  | { kind: 'stopped'; step: number; text: string };

export interface DescentRun {
  rate: number;
  start: number;
  rows: DescentRow[];
  trajectory: Trajectory;
  verdict: DescentVerdict;
}

/** |f′| below this is a minimum (or a flat spot) for the verdict. */
const FLAT = 1e-6;

/**
 * `steps` updates of gradient descent at learning rate `rate` from `start`, through the graph
 * engine and the one optimizer table. A run whose iterates leave `[-bound, bound]` (default: a
 * million times the widest reasonable plot) is stopped there and called diverging, so nothing
 * downstream sees Infinity or NaN.
 */
export function runDescent(fn: DescentFunction, rate: number, start: number, steps: number, bound = 1e12, lang: Lang = baseLang): DescentRun {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`the learning rate must be a positive number, not ${rate}`);
  if (!Number.isFinite(start)) throw new RangeError(`the start must be a finite number, not ${start}`);
  const graph = new Graph({
    params: { [DESCENT_VARIABLE]: start },
    inputs: {},
    nodes: [{ name: 'f', expr: fn.expr, source: toSource(fn.expr) }],
    loss: 'f',
    learningRate: rate,
    tex: { f: 'f' }
  });
  const trajectory = optimize(graph, optimizerSettings('sgd', { learningRate: rate }), Math.min(Math.max(0, Math.floor(steps)), MAX_DESCENT_STEPS));
  const all = trajectory.steps;
  // Past the bound the numbers mean nothing to a student: cut the run at the first iterate beyond it.
  const out = all.findIndex((s) => Math.abs(s.params[DESCENT_VARIABLE]) > bound || Math.abs(s.loss) > bound * bound);
  const kept = out === -1 ? all : all.slice(0, out + 1);
  const rows: DescentRow[] = kept.map((s, i) => ({
    n: s.step,
    x: s.params[DESCENT_VARIABLE],
    f: s.loss,
    slope: s.gradients[DESCENT_VARIABLE],
    ...(i + 1 < kept.length ? { next: kept[i + 1].params[DESCENT_VARIABLE] } : {})
  }));
  const verdict = judge(rows, rate, trajectory, out !== -1 ? out : null, bound, lang);
  return { rate, start, rows, trajectory, verdict };
}

/** The verdict in words, in the reader's language (messages/*.json, descent_verdict_*). */
function judge(rows: DescentRow[], rate: number, trajectory: Trajectory, cutAt: number | null, bound: number, lang: Lang): DescentVerdict {
  // Numbers as the table writes them: six significant digits, a true minus sign, the language's decimal mark.
  const show = (v: number) => textNumber(v, lang, { digits: 6, small: 0 });
  const locale = { locale: lang };
  const last = rows.at(-1)!;
  if (trajectory.diverged && cutAt === null) {
    const step = trajectory.diverged.step;
    const x = last.x - rate * last.slope;
    if (Number.isFinite(x) && Math.abs(x) <= bound) {
      return { kind: 'stopped', step, text: m.descent_verdict_stopped({ step, x: show(x), last: last.n, lastX: show(last.x) }, locale) };
    }
  }
  if (trajectory.diverged || cutAt !== null) {
    const step = trajectory.diverged && cutAt === null ? trajectory.diverged.step : cutAt!;
    const text = cutAt !== null ? m.descent_verdict_cut({ rate: show(rate), step, bound: show(bound) }, locale) : m.descent_verdict_nonfinite({ rate: show(rate), step }, locale);
    return { kind: 'diverging', step, text };
  }
  const settledAt = rows.findIndex((r, i) => Math.abs(r.slope) < FLAT && rows.slice(i).every((s) => Math.abs(s.slope) < FLAT));
  if (settledAt !== -1) {
    return { kind: 'settled', step: rows[settledAt].n, text: m.descent_verdict_settled({ step: rows[settledAt].n, flat: show(FLAT), x: show(rows[settledAt].x) }, locale) };
  }
  // The last few steps decide: growing jumps (with f growing) diverge, equal jumps that flip
  // sign bounce, and shrinking ones are still on their way.
  const tail = rows.slice(-4);
  if (tail.length >= 3) {
    const jumps = tail.slice(1).map((r, i) => r.x - tail[i].x);
    const sizes = jumps.map(Math.abs);
    const flips = jumps.slice(1).every((j, i) => Math.sign(j) === -Math.sign(jumps[i]));
    const same = sizes.every((s) => Math.abs(s - sizes[0]) <= 1e-9 * Math.max(1, sizes[0]));
    const growing = sizes.slice(1).every((s, i) => s > sizes[i]) && last.f > rows[0].f;
    if (growing) {
      return { kind: 'diverging', step: last.n, text: m.descent_verdict_growing({ rate: show(rate), first: show(rows[0].f), last: show(last.f), steps: last.n }, locale) };
    }
    if (flips && same && sizes[0] > 0) {
      return { kind: 'bouncing', text: m.descent_verdict_bouncing({ rate: show(rate), a: show(tail.at(-2)!.x), b: show(last.x), f: show(last.f) }, locale) };
    }
  }
  return { kind: 'moving', text: m.descent_verdict_moving({ steps: last.n, x: show(last.x), slope: show(last.slope) }, locale) };
}

// ── One ::descent widget, from its attributes ──────────────────────────────────────────────────

export interface DescentWidget {
  fn: DescentFunction;
  domain: [number, number];
  rate: number;
  start: number;
  steps: number;
  /** The rate slider's upper end. */
  maxRate: number;
}

/** Where each attribute's problem is (for lint's file:line:col inside the value). */
export type DescentProblem = TextProblem & { attribute: string };

/** An attribute's number: undefined when absent, NaN when it is not a number. */
export const attributeNumber = (text: string | undefined) => (text === undefined ? undefined : (readNumber(text) ?? NaN));

/** domain="low,high" (default −10 to 10), or the problem with it. */
export function readDomain(text: string | undefined): [number, number] | DescentProblem {
  if (text === undefined) return [-10, 10];
  const values = parseNumberList(text);
  if (!Array.isArray(values)) return { attribute: 'domain', message: `in domain, ${values.message}`, offset: values.offset };
  if (values.length !== 2 || !(values[0] < values[1])) return { attribute: 'domain', message: `domain needs two numbers, low then high, like domain="-10,10", not "${text}"`, offset: 0 };
  return [values[0], values[1]];
}

/** Read f=, domain=, rate=, start=, steps= and max-rate=; every problem found, each at its attribute. */
export function readDescentAttributes(attributes: Record<string, string | undefined>): { widget: DescentWidget | null; problems: DescentProblem[] } {
  const problems: DescentProblem[] = [];
  const problem = (attribute: string, message: string, offset = 0) => problems.push({ attribute, message, offset });

  const source = attributes.f;
  let fn: DescentFunction | null = null;
  if (source === undefined) problem('f', 'needs f=…: the function of x to descend, like f="x^2"');
  else {
    const parsed = parseDescentFunction(source);
    if ('message' in parsed) problem('f', `in f, ${parsed.message}`, parsed.offset);
    else fn = parsed;
  }

  const readOrProblem = readDomain(attributes.domain);
  const domain: [number, number] = Array.isArray(readOrProblem) ? readOrProblem : [-10, 10];
  if (!Array.isArray(readOrProblem)) problems.push(readOrProblem);

  const rate = attributeNumber(attributes.rate) ?? 0.1;
  if (!(rate > 0 && rate <= MAX_DESCENT_RATE)) problem('rate', `rate must be a number above 0 and at most ${MAX_DESCENT_RATE}, not "${attributes.rate}"`);
  const maxRate = attributeNumber(attributes['max-rate']) ?? Math.max(1.5, rate);
  if (!(maxRate > 0 && maxRate <= MAX_DESCENT_RATE)) problem('max-rate', `max-rate must be a number above 0 and at most ${MAX_DESCENT_RATE}, not "${attributes['max-rate']}"`);
  else if (maxRate < rate) problem('max-rate', `max-rate (${maxRate}) is below rate (${rate}): the slider could not show the rate`);

  const start = attributeNumber(attributes.start) ?? domain[1];
  if (!Number.isFinite(start)) problem('start', `start must be a number, not "${attributes.start}"`);
  else if (start < domain[0] || start > domain[1]) problem('start', `start ${start} is outside the domain ${domain[0]} to ${domain[1]}: the plot could not show it`);

  const steps = attributes.steps === undefined ? 20 : /^\d+$/.test(attributes.steps.trim()) ? Number(attributes.steps) : NaN;
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_DESCENT_STEPS)) problem('steps', `steps must be a whole number from 1 to ${MAX_DESCENT_STEPS}, not "${attributes.steps}"`);

  if (fn && Number.isFinite(start) && !problems.length) {
    const f0 = evaluateAt(fn.expr, start);
    const slope0 = evaluateAt(fn.derivative, start);
    if (!Number.isFinite(f0) || !Number.isFinite(slope0)) problem('start', `f or f′ is not a number at the start x = ${start} (f = ${f0}, f′ = ${slope0}): pick a start where both are defined`);
  }
  return { widget: problems.length || !fn ? null : { fn, domain, rate, start, steps, maxRate }, problems };
}

export interface CurvePoint {
  x: number;
  y: number;
}

/** f (or f′) sampled across the domain for drawing; points where it is not finite are left out. */
export function sampleCurve(e: Expr, domain: [number, number], count = 201): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (let i = 0; i < count; i++) {
    const x = domain[0] + ((domain[1] - domain[0]) * i) / (count - 1);
    const y = evaluateAt(e, x);
    if (Number.isFinite(y)) points.push({ x, y });
  }
  return points;
}

/**
 * The x range to plot after `shown` steps: the widget's domain, widened to follow iterates that
 * leave it (so a diverging run is seen running away) but never more than `zoom` times as wide.
 */
export function plotDomain(rows: readonly DescentRow[], shown: number, domain: [number, number], zoom = 4): [number, number] {
  const xs = rows.slice(0, shown + 1).map((r) => r.x);
  const centre = (domain[0] + domain[1]) / 2;
  const half = ((domain[1] - domain[0]) / 2) * zoom;
  const low = Math.max(Math.min(domain[0], ...xs), centre - half);
  const high = Math.min(Math.max(domain[1], ...xs), centre + half);
  return [low, high];
}

/** The iterates 0…shown that the plot can draw; `off` is the first that lies outside the domain. */
export function visibleIterates(rows: readonly DescentRow[], shown: number, domain: [number, number]): { points: CurvePoint[]; off: DescentRow | null } {
  const points: CurvePoint[] = [];
  for (const row of rows.slice(0, shown + 1)) {
    if (row.x < domain[0] || row.x > domain[1]) return { points, off: row };
    points.push({ x: row.x, y: row.f });
  }
  return { points, off: null };
}

/** xₙ = x₀(1 − 2α)ⁿ: gradient descent on x² in closed form (the lesson derives it). */
export const squareIterate = (start: number, rate: number, n: number) => start * (1 - 2 * rate) ** n;

// ── What the student chooses, for the sliders and for questions that read it ─────────────────

/** The rate slider's step (and lowest value): 0.01 up to a top of 2, else 0.05. */
export const rateStep = (maxRate: number) => (maxRate <= 2 ? 0.01 : 0.05);

/** The start slider's step: about 200 positions across the domain, at two significant digits. */
export const startStep = (domain: [number, number]) => Number(((domain[1] - domain[0]) / 200).toPrecision(2));

/** A ::descent with an id publishes its start and rate: a question reads them as start(id), rate(id). */
export function descentState(widget: DescentWidget): WidgetState {
  return {
    widget: 'descent',
    values: { start: widget.start, rate: widget.rate },
    ranges: { start: widget.domain, rate: [rateStep(widget.maxRate), widget.maxRate] }
  };
}
