// The numbers a lesson widget lets the student choose (the start and the rate of a ::descent),
// published under the widget's id so a question can read them: ::descent{#bowl …} and a question
// answer="start(bowl) * 0.8^3". Lint, `backstep test` and the page read the same definitions, so a
// question that depends on the student's choice is checked by the one checker everywhere.
import { refsOf, type Expr } from './expr.ts';
import type { Solution } from './graph.ts';

export interface WidgetState {
  /** The directive that publishes it, e.g. "descent". */
  widget: string;
  /** Each value as the widget starts (from its attributes). */
  values: Record<string, number>;
  /** The range the student can move each value over (`backstep test` samples it). */
  ranges: Record<string, [number, number]>;
  /** A slider's step: sampled values are snapped to low + k·step (whole epochs, say). */
  steps?: Record<string, number>;
  /** Values picked from a list rather than a range (a batch size of 1, 2, 4 or 8): all are tried. */
  choices?: Record<string, number[]>;
}

/** Every widget with an id in a lesson, by id. */
export type WidgetStates = Record<string, WidgetState>;

/** The values the student has chosen now, by widget id, then value name. */
export type WidgetValues = Record<string, Record<string, number>>;

/** How a widget value is written in an answer and stored in a quantity: start(bowl). */
export const widgetKey = (name: string, id: string) => `${name}(${id})`;

const keyPattern = /^(\w+)\(([A-Za-z][\w-]*)\)$/;

/** The widget ids an expression reads (start(bowl) → bowl); grad(…) and updated(…) are not widgets. */
export function widgetsRead(expr: Expr, states: WidgetStates): string[] {
  const ids = new Set<string>();
  for (const ref of refsOf(expr)) {
    const m = keyPattern.exec(ref);
    if (m && m[2] in states && m[1] in states[m[2]].values) ids.add(m[2]);
  }
  return [...ids];
}

/** The values each widget starts with. */
export const initialWidgetValues = (states: WidgetStates): WidgetValues =>
  Object.fromEntries(Object.entries(states).map(([id, s]) => [id, { ...s.values }]));

/** A solution with the widgets' values added as named values, so evaluateQuantity reads start(bowl). */
export function withWidgetValues(solution: Solution, values: WidgetValues): Solution {
  const extra: Record<string, number> = {};
  for (const [id, named] of Object.entries(values)) for (const [name, v] of Object.entries(named)) extra[widgetKey(name, id)] = v;
  return { ...solution, values: { ...solution.values, ...extra } };
}

/**
 * The widget values `backstep test` checks a question at: as the widget starts, then each value
 * of each widget the question reads moved to the low end, a quarter, the middle, three quarters
 * and the high end of its range (on its step), or to each of its choices (the others left as they
 * start).
 */
export function sampleWidgetValues(states: WidgetStates, ids: string[]): WidgetValues[] {
  const start = initialWidgetValues(states);
  const out: WidgetValues[] = [start];
  for (const id of ids) {
    const { ranges, steps = {}, choices = {} } = states[id];
    for (const [name, [low, high]] of Object.entries(ranges)) {
      const step = steps[name];
      const values = choices[name] ?? [0, 0.25, 0.5, 0.75, 1].map((t) => low + (high - low) * t).map((v) => (step ? Math.min(high, low + Math.round((v - low) / step) * step) : v));
      for (const v of new Set(values.map((v) => Number(v.toPrecision(6))))) out.push({ ...start, [id]: { ...start[id], [name]: v } });
    }
  }
  return out;
}
