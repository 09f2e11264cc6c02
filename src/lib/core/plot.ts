// ::plot — functions of one variable and their derivatives, read with the graph engine's
// expression language (the same reader as ::descent), so what is plotted is what is differentiated.
// The page draws the curves on the shared LineChart; a read-out gives f(x) and f′(x) at a chosen x.
import { attributeNumber, evaluateAt, parseDescentFunction, readDomain, sampleCurve, type CurvePoint, type DescentFunction, type DescentProblem } from './descent.ts';

/** Most functions on one plot. */
export const MAX_PLOT_FUNCTIONS = 4;

export interface PlotWidget {
  functions: DescentFunction[];
  domain: [number, number];
  /** Draw each function's derivative (dashed) beside it. */
  derivative: boolean;
  /** Where the read-out starts. */
  at: number;
}

/** Read f= (functions separated by ;), domain=, derivative=, at=; every problem at its attribute. */
export function readPlotAttributes(attributes: Record<string, string | undefined>): { widget: PlotWidget | null; problems: DescentProblem[] } {
  const problems: DescentProblem[] = [];
  const functions: DescentFunction[] = [];
  const source = attributes.f;
  if (source === undefined) problems.push({ attribute: 'f', message: 'needs f=…: one function of x, or several separated by ;, like f="x^2; 2*x"', offset: 0 });
  else {
    let offset = 0;
    const parts = source.split(';');
    if (parts.length > MAX_PLOT_FUNCTIONS) problems.push({ attribute: 'f', message: `at most ${MAX_PLOT_FUNCTIONS} functions on one plot, not ${parts.length}`, offset: 0 });
    for (const part of parts) {
      const lead = part.length - part.trimStart().length;
      const parsed = parseDescentFunction(part.trim());
      if ('message' in parsed) problems.push({ attribute: 'f', message: `in f, ${parsed.message}`, offset: offset + lead + parsed.offset });
      else functions.push(parsed);
      offset += part.length + 1;
    }
  }
  const readOrProblem = readDomain(attributes.domain);
  const domain: [number, number] = Array.isArray(readOrProblem) ? readOrProblem : [-10, 10];
  if (!Array.isArray(readOrProblem)) problems.push(readOrProblem);
  const derivative = attributes.derivative === undefined ? false : attributes.derivative === 'true' ? true : attributes.derivative === 'false' ? false : null;
  if (derivative === null) problems.push({ attribute: 'derivative', message: `derivative must be true or false, not "${attributes.derivative}"`, offset: 0 });
  const at = attributeNumber(attributes.at) ?? (domain[0] + domain[1]) / 2;
  if (!Number.isFinite(at)) problems.push({ attribute: 'at', message: `at must be a number, not "${attributes.at}"`, offset: 0 });
  else if (at < domain[0] || at > domain[1]) problems.push({ attribute: 'at', message: `at ${at} is outside the domain ${domain[0]} to ${domain[1]}`, offset: 0 });
  return { widget: problems.length ? null : { functions, domain, derivative: derivative!, at }, problems };
}

export interface PlotCurve {
  name: string;
  points: CurvePoint[];
  /** The derivative of function `of`, or the function itself. */
  derivativeOf: number | null;
}

/** The curves to draw: each function, then (with derivative=true) each derivative. */
export function plotCurves(widget: PlotWidget): PlotCurve[] {
  const curves: PlotCurve[] = widget.functions.map((fn) => ({ name: `f(x) = ${fn.source}`, points: sampleCurve(fn.expr, widget.domain), derivativeOf: null }));
  if (widget.derivative) {
    widget.functions.forEach((fn, i) => {
      const name = widget.functions.length === 1 ? 'f′(x)' : `(${fn.source})′`;
      curves.push({ name, points: sampleCurve(fn.derivative, widget.domain), derivativeOf: i });
    });
  }
  return curves;
}

/** The read-out at x: each function's value and slope there (null where not defined). */
export function readOut(widget: PlotWidget, x: number): { source: string; value: number | null; slope: number | null }[] {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return widget.functions.map((fn) => ({ source: fn.source, value: finite(evaluateAt(fn.expr, x)), slope: finite(evaluateAt(fn.derivative, x)) }));
}
