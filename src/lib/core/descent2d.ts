// Optimizers on a function of two variables, for the ::descent2d widget and the optimizers lesson.
// The surface is written in the graph engine's expression language (f="x^2 + 10*y^2"), becomes a
// two-param graph (x, y; loss f) and each optimizer's path is run by optimize() with a row of the
// one optimizer table, so what the contours show is what is differentiated and stepped, and every
// step keeps its optimizer state (velocity, m, v, m̂, v̂) for the step walk. Words are left to the
// caller (the widget's messages): this module returns numbers and kinds.
import { derivative, evaluate, toSource, type Expr } from './expr.ts';
import { Graph } from './graph.ts';
import { optimize, type Trajectory } from './optimize.ts';
import { HYPERPARAMETERS, OPTIMIZERS, OPTIMIZER_NAMES, hyperparameterError, optimizerSettings, type HyperparameterField, type OptimizerName, type OptimizerSettings } from './optimizers.ts';
import { parseExpression } from './spec.ts';
import { parseNumberList, type TextProblem } from './perceptron.ts';
import { attributeNumber, readDomain, type DescentProblem } from './descent.ts';

/** The two variables a surface is written in (the params of its graph). */
export const SURFACE_VARIABLES = ['x', 'y'] as const;
export type Coordinate = (typeof SURFACE_VARIABLES)[number];
/** Most steps one path runs (lint checks the same bound). */
export const MAX_PATH_STEPS = 1000;
/** Most optimizers overlaid on one plot. */
export const MAX_PATHS = 6;

export interface Surface {
  expr: Expr;
  /** ∂f/∂x and ∂f/∂y (the engine's symbolic derivatives), for the arrows and the lint check. */
  dx: Expr;
  dy: Expr;
  source: string;
}

/** Read f(x, y) as the graph engine reads a node; a problem's offset is inside `source`. */
export function parseSurface(source: string): Surface | TextProblem {
  if (!source.trim()) return { message: 'the function is empty: write one of x and y, like f="x^2 + 10*y^2"', offset: 0 };
  const parsed = parseExpression(source, (name) =>
    (SURFACE_VARIABLES as readonly string[]).includes(name) ? { kind: 'ref', name } : `unknown name "${name}": the function may only use x and y (and numbers, e, pi)`
  );
  if ('message' in parsed) return parsed;
  return { expr: parsed, dx: derivative(parsed, 'x'), dy: derivative(parsed, 'y'), source };
}

export const surfaceAt = (e: Expr, x: number, y: number) => evaluate(e, (name) => (name === 'x' ? x : y));

/** One iterate of a path: where it is, f there, the gradient there and the state after update n. */
export interface PathStep {
  n: number;
  x: number;
  y: number;
  f: number;
  gx: number;
  gy: number;
  /** Each state key of the optimizer (velocity, m, v, m_hat, v_hat, …) for x and for y. */
  state: Record<string, { x: number; y: number }>;
  /** α_t of update n (Adam folds its bias corrections into it); absent at n = 0. */
  stepSize?: number;
}

export type PathVerdict =
  /** From step `step` on, every iterate is within `within` of the minimum the author named. */
  | { kind: 'reached'; step: number }
  /** Every gradient from step `step` on is below 1e-6 (no minimum named, or a flat spot). */
  | { kind: 'settled'; step: number }
  | { kind: 'moving' }
  /** The iterates left every sensible range (|x| or |y| above the bound, or f stopped being finite). */
  | { kind: 'diverging'; step: number }
  /** A step landed where f or its gradient is not a number (log of a negative number): cut there. */
  | { kind: 'stopped'; step: number };

export interface OptimizerPath {
  settings: OptimizerSettings;
  steps: PathStep[];
  verdict: PathVerdict;
  trajectory: Trajectory;
}

export interface PathGoal {
  /** The minimum the author names (the surface's, or a valley's), for "reached". */
  minimum?: [number, number];
  /** How close counts as reached (default 0.05). */
  within?: number;
  /** Past this |x| or |y| a path is cut and called diverging (default 1e12). */
  bound?: number;
}

const FLAT = 1e-6;

/** The graph a surface becomes: params x and y from `start`, one node f, the loss. */
export function surfaceGraph(surface: Surface, start: [number, number], learningRate = 0.1): Graph {
  return new Graph({
    params: { x: start[0], y: start[1] },
    inputs: {},
    nodes: [{ name: 'f', expr: surface.expr, source: toSource(surface.expr) }],
    loss: 'f',
    learningRate,
    tex: { f: 'f' }
  });
}

/**
 * `steps` updates of one optimizer of the table from `start`, through the graph engine. A path
 * that leaves [−bound, bound] is cut at the first iterate beyond it, so nothing downstream sees
 * Infinity or NaN.
 */
export function runPath(surface: Surface, settings: OptimizerSettings, start: [number, number], steps: number, goal: PathGoal = {}): OptimizerPath {
  if (!start.every(Number.isFinite)) throw new RangeError(`the start must be two finite numbers, not ${start.join(', ')}`);
  const bound = goal.bound ?? 1e12;
  const count = Math.min(Math.max(0, Math.floor(steps)), MAX_PATH_STEPS);
  const trajectory = optimize(surfaceGraph(surface, start, settings.learningRate), settings, count);
  const all: PathStep[] = trajectory.steps.map((s) => ({
    n: s.step,
    x: s.params.x,
    y: s.params.y,
    f: s.loss,
    gx: s.gradients.x,
    gy: s.gradients.y,
    state: Object.fromEntries(Object.entries(s.state).map(([key, byParam]) => [key, { x: byParam.x, y: byParam.y }])),
    ...(s.stepSize === undefined ? {} : { stepSize: s.stepSize })
  }));
  const out = all.findIndex((s) => Math.abs(s.x) > bound || Math.abs(s.y) > bound || Math.abs(s.f) > bound * bound);
  const kept = out === -1 ? all : all.slice(0, out + 1);
  return { settings, steps: kept, verdict: judge(kept, trajectory, out !== -1 ? out : null, goal, bound), trajectory };
}

function judge(steps: PathStep[], trajectory: Trajectory, cutAt: number | null, goal: PathGoal, bound: number): PathVerdict {
  if (cutAt !== null) return { kind: 'diverging', step: cutAt };
  if (trajectory.diverged) {
    // Not finite because it ran away, or because a modest step landed outside f's domain?
    const last = steps.at(-1);
    const far = !last || Math.abs(last.x) > bound / 1e6 || Math.abs(last.y) > bound / 1e6 || Math.abs(last.f) > 1e200;
    return { kind: far ? 'diverging' : 'stopped', step: trajectory.diverged.step };
  }
  if (goal.minimum) {
    const [mx, my] = goal.minimum;
    const within = goal.within ?? 0.05;
    const near = (s: PathStep) => Math.hypot(s.x - mx, s.y - my) <= within;
    const from = firstFromWhichAll(steps, near);
    if (from !== -1) return { kind: 'reached', step: steps[from].n };
  } else {
    const from = firstFromWhichAll(steps, (s) => Math.hypot(s.gx, s.gy) < FLAT);
    if (from !== -1) return { kind: 'settled', step: steps[from].n };
  }
  return { kind: 'moving' };
}

/** The first index from which every later element passes, or −1 (the last one fails). */
function firstFromWhichAll<T>(items: readonly T[], pass: (item: T) => boolean): number {
  let from = -1;
  for (let i = items.length - 1; i >= 0 && pass(items[i]); i--) from = i;
  return from;
}

/** Of several paths, the one that reached the minimum in the fewest steps (null: none did). */
export function firstToReach(paths: readonly OptimizerPath[]): OptimizerPath | null {
  let best: OptimizerPath | null = null;
  for (const p of paths) {
    if (p.verdict.kind !== 'reached') continue;
    if (!best || p.verdict.step < (best.verdict as { step: number }).step) best = p;
  }
  return best;
}

// ── The contours ───────────────────────────────────────────────────────────────────────────────

export interface SurfaceGrid {
  /** Row-major values, `columns` across (x) and `rows` down (y from its low end), as d3-contour reads them. */
  values: Float64Array;
  columns: number;
  rows: number;
  xDomain: [number, number];
  yDomain: [number, number];
}

/** f sampled on a grid over the plot, for d3-contour; a value that is not finite stays NaN (no line there). */
export function sampleSurface(surface: Surface, xDomain: [number, number], yDomain: [number, number], columns = 81, rows = 61): SurfaceGrid {
  const values = new Float64Array(columns * rows);
  for (let j = 0; j < rows; j++) {
    const y = yDomain[0] + ((yDomain[1] - yDomain[0]) * j) / (rows - 1);
    for (let i = 0; i < columns; i++) {
      const x = xDomain[0] + ((xDomain[1] - xDomain[0]) * i) / (columns - 1);
      const v = surfaceAt(surface.expr, x, y);
      values[j * columns + i] = Number.isFinite(v) ? v : NaN;
    }
  }
  return { values, columns, rows, xDomain, yDomain };
}

/**
 * The levels to draw: quantiles of the sampled values (so a long flat valley and steep walls both
 * get lines where the student looks), each rounded to 3 significant digits, no two equal.
 */
export function contourLevels(grid: SurfaceGrid, count = 14): number[] {
  const sorted = Array.from(grid.values).filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const levels: number[] = [];
  for (let k = 1; k <= count; k++) {
    // Quantiles squeezed towards the low end, where the minimum and the valleys are.
    const q = (k / (count + 1)) ** 2;
    const v = Number(sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))].toPrecision(3));
    if (!levels.includes(v) && v > sorted[0] && v < sorted.at(-1)!) levels.push(v);
  }
  return levels;
}

// ── One ::descent2d widget, from its attributes ────────────────────────────────────────────────

export interface PathSpec {
  name: OptimizerName;
  settings: OptimizerSettings;
}

export interface Descent2dWidget {
  surface: Surface;
  xDomain: [number, number];
  yDomain: [number, number];
  start: [number, number];
  steps: number;
  paths: PathSpec[];
  /** The optimizer whose table and step walk show first. */
  table: OptimizerName;
  minimum?: [number, number];
  within: number;
}

/** The hyperparameters a widget's slider may move (ε and Adagrad's G₀ stay as written). */
export const SLIDER_FIELDS: readonly HyperparameterField[] = ['learningRate', 'momentum', 'rho', 'beta1', 'beta2'];

const keyToField = Object.fromEntries(Object.values(HYPERPARAMETERS).map((h) => [h.key, h.field])) as Record<string, HyperparameterField>;

/** `lr=0.1 momentum=0.9` (spaces or commas between): the settings of one optimizer, each problem at its offset. */
export function readSettingsText(name: OptimizerName, text: string, defaults: Partial<OptimizerSettings>): { settings: OptimizerSettings; problems: TextProblem[] } {
  const settings = optimizerSettings(name, defaults);
  const problems: TextProblem[] = [];
  const rule = OPTIMIZERS[name];
  const reads = rule.reads.map((f) => HYPERPARAMETERS[f].key).join(', ');
  for (const match of text.matchAll(/[^\s,]+/g)) {
    const token = match[0];
    const at = match.index!;
    const eq = token.indexOf('=');
    if (eq <= 0) {
      problems.push({ message: `"${token}" is not key=value (${name} reads: ${reads}), like lr=0.1`, offset: at });
      continue;
    }
    const key = token.slice(0, eq);
    const field = keyToField[key];
    if (!field) problems.push({ message: `unknown setting "${key}" (${name} reads: ${reads})`, offset: at });
    else if (!rule.reads.includes(field)) problems.push({ message: `${name} does not use "${key}" (it reads: ${reads})`, offset: at });
    else {
      const value = attributeNumber(token.slice(eq + 1));
      const problem = hyperparameterError(HYPERPARAMETERS[field], value);
      if (problem) problems.push({ message: `${key} ${problem.replace(/not NaN$/, `not "${token.slice(eq + 1)}"`)}`, offset: at + eq + 1 });
      else settings[field] = value!;
    }
  }
  return { settings, problems };
}

/** A pair "x,y" (start=, minimum=), or the problem with it. */
function readPair(attribute: string, text: string): [number, number] | DescentProblem {
  const values = parseNumberList(text);
  if (!Array.isArray(values)) return { attribute, message: `in ${attribute}, ${values.message}`, offset: values.offset };
  if (values.length !== 2) return { attribute, message: `${attribute} needs two numbers, x then y, like ${attribute}="-4,2", not "${text}"`, offset: 0 };
  return [values[0], values[1]];
}

/** Every attribute ::descent2d takes; the optimizers' names are attributes too (their settings). */
export const DESCENT2D_ATTRIBUTES = ['f', 'x', 'y', 'start', 'optimizers', 'rate', 'steps', 'minimum', 'within', 'table', 'caption', ...OPTIMIZER_NAMES] as const;

/** Read every attribute; every problem found, each at its attribute (and inside the value where known). */
export function readDescent2dAttributes(attributes: Record<string, string | undefined>): { widget: Descent2dWidget | null; problems: DescentProblem[] } {
  const problems: DescentProblem[] = [];
  const problem = (attribute: string, message: string, offset = 0) => problems.push({ attribute, message, offset });

  let surface: Surface | null = null;
  if (attributes.f === undefined) problem('f', 'needs f=…: the function of x and y to descend, like f="x^2 + 10*y^2"');
  else {
    const parsed = parseSurface(attributes.f);
    if ('message' in parsed) problem('f', `in f, ${parsed.message}`, parsed.offset);
    else surface = parsed;
  }

  const domainOf = (axis: 'x' | 'y'): [number, number] => {
    const read = readDomain(attributes[axis]);
    if (Array.isArray(read)) return attributes[axis] === undefined ? [-5, 5] : read;
    problems.push({ ...read, attribute: axis, message: read.message.replace(/\bdomain\b/g, axis).replace(`${axis}="-10,10"`, `${axis}="-5,5"`) });
    return [-5, 5];
  };
  const xDomain = domainOf('x');
  const yDomain = domainOf('y');

  let start: [number, number] = [(xDomain[0] * 3 + xDomain[1]) / 4, (yDomain[0] + yDomain[1] * 3) / 4];
  if (attributes.start !== undefined) {
    const read = readPair('start', attributes.start);
    if (!Array.isArray(read)) problems.push(read);
    else if (read[0] < xDomain[0] || read[0] > xDomain[1] || read[1] < yDomain[0] || read[1] > yDomain[1]) problem('start', `start (${read.join(', ')}) is outside the plot (x ${xDomain.join(' to ')}, y ${yDomain.join(' to ')})`);
    else start = read;
  }

  let minimum: [number, number] | undefined;
  if (attributes.minimum !== undefined) {
    const read = readPair('minimum', attributes.minimum);
    if (Array.isArray(read)) minimum = read;
    else problems.push(read);
  }
  const within = attributeNumber(attributes.within) ?? 0.05;
  if (!(within > 0)) problem('within', `within must be a positive number (how close to the minimum counts as reaching it), not "${attributes.within}"`);

  const rate = attributeNumber(attributes.rate) ?? 0.1;
  const rateProblem = hyperparameterError(HYPERPARAMETERS.learningRate, rate);
  if (rateProblem) problem('rate', `rate ${rateProblem.replace(/not NaN$/, `not "${attributes.rate}"`)}`);

  const steps = attributes.steps === undefined ? 60 : /^\d+$/.test(attributes.steps.trim()) ? Number(attributes.steps) : NaN;
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_PATH_STEPS)) problem('steps', `steps must be a whole number from 1 to ${MAX_PATH_STEPS}, not "${attributes.steps}"`);

  const names: OptimizerName[] = [];
  const listed = attributes.optimizers ?? 'sgd,momentum,adam';
  for (const match of listed.matchAll(/[^\s,]+/g)) {
    const name = match[0];
    if (!(OPTIMIZER_NAMES as readonly string[]).includes(name)) problem('optimizers', `unknown optimizer "${name}" (known: ${OPTIMIZER_NAMES.join(', ')})`, match.index!);
    else if (names.includes(name as OptimizerName)) problem('optimizers', `"${name}" is listed twice`, match.index!);
    else names.push(name as OptimizerName);
  }
  if (!names.length && !problems.some((p) => p.attribute === 'optimizers')) problem('optimizers', `needs at least one optimizer, like optimizers="sgd,momentum,adam"`);
  if (names.length > MAX_PATHS) problem('optimizers', `at most ${MAX_PATHS} optimizers on one plot, not ${names.length}`);

  const paths: PathSpec[] = names.map((name) => {
    const text = attributes[name];
    const read = readSettingsText(name, text ?? '', { learningRate: rate > 0 ? rate : 0.1 });
    for (const p of read.problems) problems.push({ attribute: name, message: `in ${name}, ${p.message}`, offset: p.offset });
    return { name, settings: read.settings };
  });
  for (const name of OPTIMIZER_NAMES) {
    if (attributes[name] !== undefined && !names.includes(name)) problem(name, `${name}="…" sets an optimizer that optimizers="${listed}" does not list`);
  }

  const table = (attributes.table ?? names.at(-1) ?? 'sgd') as OptimizerName;
  if (attributes.table !== undefined && !names.includes(table)) problem('table', `table must be one of the listed optimizers (${names.join(', ')}), not "${attributes.table}"`);

  if (surface && !problems.length) {
    const f0 = surfaceAt(surface.expr, ...start);
    const g = [surfaceAt(surface.dx, ...start), surfaceAt(surface.dy, ...start)];
    if (![f0, ...g].every(Number.isFinite)) problem('start', `f or its gradient is not a number at the start (${start.join(', ')}): pick a start where both are defined`);
  }
  const ok = surface && !problems.length;
  return { widget: ok ? { surface: surface!, xDomain, yDomain, start, steps, paths, table, minimum, within } : null, problems };
}

/** Every path of a widget, from `start` with `settings` (the student's sliders) for each optimizer. */
export function runPaths(widget: Descent2dWidget, start: [number, number] = widget.start, settings: Partial<Record<OptimizerName, OptimizerSettings>> = {}): OptimizerPath[] {
  return widget.paths.map((p) => runPath(widget.surface, settings[p.name] ?? p.settings, start, widget.steps, { minimum: widget.minimum, within: widget.within }));
}

/**
 * Update `n` (from 1) of a path for one coordinate, as TeX lines with the numbers in (the table
 * row's `walk`): g, then each state line, then the new coordinate. Null when the path has no step n.
 */
export function walkStep(path: OptimizerPath, n: number, coordinate: Coordinate, num: (v: number) => string): string[] | null {
  const before = path.steps[n - 1];
  const after = path.steps[n];
  if (n < 1 || !before || !after) return null;
  const rule = OPTIMIZERS[path.settings.name];
  const g = coordinate === 'x' ? before.gx : before.gy;
  const gradient = coordinate === 'x' ? `g = \\dfrac{\\partial f}{\\partial x}` : `g = \\dfrac{\\partial f}{\\partial y}`;
  const lines = rule.walk(
    {
      t: n,
      w: before[coordinate],
      g,
      before: rule.slots.map((s) => before.state[s.key][coordinate]),
      after: rule.slots.map((s) => after.state[s.key][coordinate]),
      derived: rule.derived.map((d) => after.state[d.key][coordinate]),
      next: after[coordinate]
    },
    path.settings,
    num
  );
  // w in the table's rule is the coordinate being updated here.
  return [`${gradient} = ${num(g)}`, ...lines.map((line) => line.replace(/(^|[^\\a-z])w(?![a-z])/g, `$1${coordinate}`))];
}
