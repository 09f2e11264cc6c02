// ::plot — functions of one variable and their derivatives, read with the graph engine's
// expression language (the same reader as ::descent), so what is plotted is what is differentiated.
// Besides the curves a plot may mark points, draw reference lines (x = c, y = c) and shade x
// intervals (where a sigmoid saturates, where a ReLU is dead), and fix the y range. The page draws
// it all on the shared LineChart; a read-out gives every f(x) and f′(x) at the x the student picks.
import { attributeNumber, evaluateAt, parseDescentFunction, readDomain, sampleCurve, type CurvePoint, type DescentFunction, type DescentProblem } from './descent.ts';
import type { Expr } from './expr.ts';
import { parseNumberList, pieces } from './perceptron.ts';

/** Most functions on one plot. */
export const MAX_PLOT_FUNCTIONS = 4;
/** Most marked points, reference lines and shaded intervals on one plot. */
export const MAX_PLOT_POINTS = 20;
export const MAX_PLOT_LINES = 10;
export const MAX_PLOT_SHADES = 6;

/** A reference line: vertical at x = value, or horizontal at y = value. */
export interface PlotLine {
  axis: 'x' | 'y';
  value: number;
}

export interface PlotWidget {
  functions: DescentFunction[];
  /** One name per function, as the chart and the read-out write it (labels=, else "f(x) = …"). */
  labels: string[];
  /** One name per derivative (derivative-labels=), or null: made from the labels (see derivativeName). */
  derivativeLabels: string[] | null;
  domain: [number, number];
  /** The y range drawn (range=); null: from the curves. Curves leaving it are clipped. */
  range: [number, number] | null;
  /** Draw each function's derivative (dashed) beside it. */
  derivative: boolean;
  /** Where the read-out starts. */
  at: number;
  points: CurvePoint[];
  lines: PlotLine[];
  /** Shaded x intervals, each inside the domain, low < high. */
  shades: [number, number][];
}

type Problems = DescentProblem[];

/** f="…; …" with labels="…; …": the functions and their names. */
function readFunctions(attributes: Record<string, string | undefined>, problems: Problems): { functions: DescentFunction[]; labels: string[]; derivativeLabels: string[] | null } {
  const functions: DescentFunction[] = [];
  const source = attributes.f;
  if (source === undefined) {
    problems.push({ attribute: 'f', message: 'needs f=…: one function of x, or several separated by ;, like f="x^2; 2*x"', offset: 0 });
    return { functions, labels: [], derivativeLabels: null };
  }
  const parts = pieces(source, ';');
  if (parts.length > MAX_PLOT_FUNCTIONS) problems.push({ attribute: 'f', message: `at most ${MAX_PLOT_FUNCTIONS} functions on one plot, not ${parts.length}`, offset: 0 });
  for (const part of parts) {
    const parsed = parseDescentFunction(part.text);
    if ('message' in parsed) problems.push({ attribute: 'f', message: `in f, ${parsed.message}`, offset: part.offset + parsed.offset });
    else functions.push(parsed);
  }
  const names = (attribute: string): string[] | null => {
    const text = attributes[attribute];
    if (text === undefined) return null;
    const given = pieces(text, ';');
    if (given.length !== parts.length) {
      problems.push({ attribute, message: `${attribute} needs one name per function (${parts.length}), separated by ;, not ${given.length}`, offset: 0 });
      return null;
    }
    const empty = given.find((g) => !g.text);
    if (empty) problems.push({ attribute, message: 'a label is empty (two ; in a row, or one at an end)', offset: empty.offset });
    return given.map((g) => g.text);
  };
  const labels = names('labels') ?? functions.map((fn) => `f(x) = ${fn.source}`);
  const derivativeLabels = names('derivative-labels');
  return { functions, labels, derivativeLabels };
}

/** A list of `;`-separated items, each read by `read` (a value, or a problem message with its offset inside the item). */
function readList<T>(attribute: string, text: string | undefined, most: number, problems: Problems, read: (item: string) => T | { message: string; offset: number }): T[] {
  if (text === undefined || !text.trim()) return [];
  const items = pieces(text, ';');
  if (items.length > most) {
    problems.push({ attribute, message: `at most ${most} items in ${attribute}, not ${items.length}`, offset: 0 });
    return [];
  }
  const out: T[] = [];
  for (const item of items) {
    const value = read(item.text);
    if (value && typeof value === 'object' && 'message' in value) problems.push({ attribute, message: `in ${attribute}, ${value.message}`, offset: item.offset + value.offset });
    else out.push(value as T);
  }
  return out;
}

/** "low,high" as two numbers with low < high, or the problem (offset inside the text). */
function readPair(text: string, what: string, example: string): [number, number] | { message: string; offset: number } {
  const values = parseNumberList(text);
  if (!Array.isArray(values)) return values;
  if (values.length !== 2) return { message: `${what} needs two numbers, like "${example}", not "${text}"`, offset: 0 };
  return [values[0], values[1]];
}

/**
 * Read f= (functions separated by ;), labels=, domain=, range=, derivative=, at=, points=, lines=,
 * shade=; every problem at its attribute (and, where the reader knows it, the character inside).
 */
export function readPlotAttributes(attributes: Record<string, string | undefined>): { widget: PlotWidget | null; problems: DescentProblem[] } {
  const problems: Problems = [];
  const { functions, labels, derivativeLabels } = readFunctions(attributes, problems);
  const readOrProblem = readDomain(attributes.domain);
  const domain: [number, number] = Array.isArray(readOrProblem) ? readOrProblem : [-10, 10];
  if (!Array.isArray(readOrProblem)) problems.push(readOrProblem);

  let range: [number, number] | null = null;
  if (attributes.range !== undefined) {
    const pair = readPair(attributes.range, 'range', '-1,1');
    if (!Array.isArray(pair)) problems.push({ attribute: 'range', message: `in range, ${pair.message}`, offset: pair.offset });
    else if (!(pair[0] < pair[1])) problems.push({ attribute: 'range', message: `range needs the lowest y first, then the highest, like range="-1,1", not "${attributes.range}"`, offset: 0 });
    else range = pair;
  }

  const derivative = attributes.derivative === undefined ? false : attributes.derivative === 'true' ? true : attributes.derivative === 'false' ? false : null;
  if (derivative === null) problems.push({ attribute: 'derivative', message: `derivative must be true or false, not "${attributes.derivative}"`, offset: 0 });
  const at = attributeNumber(attributes.at) ?? (domain[0] + domain[1]) / 2;
  if (!Number.isFinite(at)) problems.push({ attribute: 'at', message: `at must be a number, not "${attributes.at}"`, offset: 0 });
  else if (at < domain[0] || at > domain[1]) problems.push({ attribute: 'at', message: `at ${at} is outside the domain ${domain[0]} to ${domain[1]}`, offset: 0 });

  const inDomain = (x: number) => x >= domain[0] && x <= domain[1];
  const points = readList<CurvePoint>('points', attributes.points, MAX_PLOT_POINTS, problems, (item) => {
    const pair = readPair(item, 'a point', '0,0.5');
    if (!Array.isArray(pair)) return pair;
    if (!inDomain(pair[0])) return { message: `the point (${pair[0]}, ${pair[1]}) is outside the domain ${domain[0]} to ${domain[1]}`, offset: 0 };
    return { x: pair[0], y: pair[1] };
  });
  const lines = readList<PlotLine>('lines', attributes.lines, MAX_PLOT_LINES, problems, (item) => {
    const m = /^([xy])\s*=\s*(.+)$/.exec(item);
    const value = m ? attributeNumber(m[2]) : undefined;
    if (!m || value === undefined || !Number.isFinite(value)) return { message: `"${item}" is not a line: write x=number (vertical) or y=number (horizontal)`, offset: 0 };
    if (m[1] === 'x' && !inDomain(value)) return { message: `the line x = ${value} is outside the domain ${domain[0]} to ${domain[1]}`, offset: 0 };
    return { axis: m[1] as 'x' | 'y', value };
  });
  const shades = readList<[number, number]>('shade', attributes.shade, MAX_PLOT_SHADES, problems, (item) => {
    const pair = readPair(item, 'a shaded interval', '-10,-4');
    if (!Array.isArray(pair)) return pair;
    if (!(pair[0] < pair[1])) return { message: `a shaded interval needs its low end first, like "-10,-4", not "${item}"`, offset: 0 };
    if (!inDomain(pair[0]) || !inDomain(pair[1])) return { message: `the interval ${pair[0]} to ${pair[1]} goes outside the domain ${domain[0]} to ${domain[1]}`, offset: 0 };
    return pair;
  });
  if (derivativeLabels && attributes.derivative !== 'true') problems.push({ attribute: 'derivative-labels', message: 'derivative-labels names the derivatives, but derivative=true is not set', offset: 0 });
  if (attributes['shade-label'] !== undefined && !shades.length) problems.push({ attribute: 'shade-label', message: 'shade-label names the shaded intervals, but there is no shade="low,high"', offset: 0 });

  return { widget: problems.length ? null : { functions, labels, derivativeLabels, domain, range, derivative: derivative!, at, points, lines, shades }, problems };
}

/**
 * The name of a derivative from its function's name: a name applied to its argument gets the prime
 * on the name ("σ(z)" → "σ′(z)", "L(ŷ), y = 1" → "L′(ŷ), y = 1"), a bare word gets it at the end
 * ("MAE" → "MAE′"), and anything else is put in brackets ("½(y − ŷ)²" → "(½(y − ŷ)²)′").
 */
export function primed(label: string): string {
  const call = /^([^\s()]+)(\([^()]*\))(,.*)?$/.exec(label);
  if (call) return `${call[1]}′${call[2]}${call[3] ?? ''}`;
  return /^[^\s()]+$/.test(label) ? `${label}′` : `(${label})′`;
}

export interface PlotCurve {
  name: string;
  points: CurvePoint[];
  /** The derivative of function `of`, or the function itself. */
  derivativeOf: number | null;
}

/** The name the derivative of function i gets on the chart. */
export function derivativeName(widget: PlotWidget, i: number): string {
  const fn = widget.functions[i];
  if (widget.derivativeLabels) return widget.derivativeLabels[i];
  if (widget.labels[i] !== `f(x) = ${fn.source}`) return primed(widget.labels[i]);
  return widget.functions.length === 1 ? 'f′(x)' : `(${fn.source})′`;
}

/**
 * The samples of `e` with a gap ({x, y: NaN}) wherever it jumps between two samples: the gap between
 * them is halved until it is a billionth of the domain, and a jump that is still there (at least half
 * its size) is a discontinuity (step(x) at 0, ReLU′ at 0, the slope of |x|), which a steep but
 * continuous curve is not. So a chart draws a step as two flat pieces, not as a steep segment.
 */
export function sampleWithJumps(e: Expr, domain: [number, number], count = 201): CurvePoint[] {
  const points = sampleCurve(e, domain, count);
  const tiny = (domain[1] - domain[0]) * 1e-9;
  const out: CurvePoint[] = [];
  points.forEach((p, i) => {
    const next = points[i + 1];
    out.push(p);
    if (!next) return;
    const jump = Math.abs(next.y - p.y);
    if (jump === 0) return;
    let [a, b] = [p.x, next.x];
    let [fa, fb] = [p.y, next.y];
    while (b - a > tiny) {
      const mid = (a + b) / 2;
      const fm = evaluateAt(e, mid);
      if (!Number.isFinite(fm)) return;
      if (Math.abs(fm - fa) >= Math.abs(fb - fm)) [b, fb] = [mid, fm];
      else [a, fa] = [mid, fm];
    }
    if (Math.abs(fb - fa) >= jump / 2) out.push({ x: (a + b) / 2, y: Number.NaN });
  });
  return out;
}

/** The curves to draw: each function, then (with derivative=true) each derivative; jumps left as gaps. */
export function plotCurves(widget: PlotWidget): PlotCurve[] {
  const curves: PlotCurve[] = widget.functions.map((fn, i) => ({ name: widget.labels[i], points: sampleWithJumps(fn.expr, widget.domain), derivativeOf: null }));
  if (widget.derivative) {
    widget.functions.forEach((fn, i) => curves.push({ name: derivativeName(widget, i), points: sampleWithJumps(fn.derivative, widget.domain), derivativeOf: i }));
  }
  return curves;
}

/** The read-out at x: each function's value and slope there (null where not defined). */
export function readOut(widget: PlotWidget, x: number): { source: string; value: number | null; slope: number | null }[] {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return widget.functions.map((fn) => ({ source: fn.source, value: finite(evaluateAt(fn.expr, x)), slope: finite(evaluateAt(fn.derivative, x)) }));
}

/** Whether x lies in one of the plot's shaded intervals (the read-out says so). */
export const inShade = (widget: PlotWidget, x: number) => widget.shades.some(([low, high]) => x >= low && x <= high);
