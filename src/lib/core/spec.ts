// Graph specs as instructors write them (equations or a layered network), checked and turned
// into one normal form: ordered params, inputs and nodes, each node an expression tree. Every
// mistake becomes a diagnostic at its file:line:col; nothing here throws at an author.
import type { Reporter } from './diagnostics.ts';
import type { Located, PathSegment } from './source.ts';
import { constant, flatOps, ref, refsOf, type Expr } from './expr.ts';
import { ops } from './ops.ts';
import { authorCall, parseToExpr } from './math-tree.ts';
import { expandNetwork, type NetworkSpec } from './network.ts';
import { nearestName } from './suggest.ts';
import { readOptimizerSpec, type OptimizerSettings } from './optimizers.ts';

export interface NodeSpec {
  name: string;
  expr: Expr;
  /** The expression as the author wrote it. */
  source: string;
}

export interface GraphSpec {
  params: Record<string, number>;
  inputs: Record<string, number>;
  nodes: NodeSpec[];
  loss: string;
  learningRate: number;
  /** Display names in TeX; names without one get a default (w1 → w_{1}). */
  tex: Record<string, string>;
  /** Present when the spec was written as a layered network: sizes and node names per layer. */
  network?: NetworkSpec;
  /** `optimizer:` as written, for training N steps (absent: gradient descent at learningRate). */
  optimizer?: OptimizerSettings;
}

const identifier = /^[A-Za-z][A-Za-z0-9_]*$/;
const reserved = new Set(['grad', 'updated', 'e', 'pi', ...Object.keys(ops)]);

/** Parse a node's expression; returns the tree, or an error message with a character offset. */
export function parseExpression(source: string, resolve: (name: string) => Expr | string): Expr | { message: string; offset: number } {
  const parsed = parseToExpr(source, { maxNodes: 10_000, maxPowerTower: 4, symbol: resolve, func: (name, args, walk) => authorCall(name, args, walk) });
  if ('expr' in parsed) return parsed.expr;
  return { message: parsed.syntax ? `cannot read "${source}": ${parsed.message}` : parsed.message, offset: parsed.offset };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read the graph spec of a document: `graph:` (equations) or `network:` (layers), or a bare spec
 * at the top of a .yaml/.json file. Returns null when there are errors (all of them reported).
 */
export function readGraphSpec(src: Located, reporter: Reporter, options: { required?: boolean } = {}): GraphSpec | null {
  const root = src.data;
  if (!isRecord(root)) {
    if (options.required !== false) reporter.error('expected a mapping with a "graph:" or "network:" spec', src.locate([]));
    return null;
  }
  if (isRecord(root.graph)) return readEquations(src, ['graph'], root.graph, reporter);
  if (isRecord(root.network)) return readNetwork(src, ['network'], root.network, reporter);
  if ('graph' in root || 'network' in root) {
    const key = 'graph' in root ? 'graph' : 'network';
    reporter.error(`"${key}" must be a mapping`, src.locate([key]));
    return null;
  }
  if ('nodes' in root) return readEquations(src, [], root, reporter);
  if ('layers' in root) return readNetwork(src, [], root, reporter);
  if (options.required !== false) reporter.error('no graph spec: add a "graph:" (equations) or "network:" (layers) section', src.locate([]));
  return null;
}

function readNumbers(src: Located, path: PathSegment[], value: unknown, reporter: Reporter, what: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (value === undefined || value === null) return out;
  if (!isRecord(value)) {
    reporter.error(`${what} must be a mapping of names to numbers`, src.locate(path));
    return out;
  }
  for (const [name, v] of Object.entries(value)) {
    if (!identifier.test(name) || reserved.has(name)) {
      reporter.error(`"${name}" cannot be a name (use letters, digits and _, starting with a letter; not a function name)`, src.locate([...path, name], 'key'));
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      reporter.error(`${what.replace(/s$/, '')} "${name}" must be a finite number, not ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`, src.locate([...path, name]));
      continue;
    }
    out[name] = v;
  }
  return out;
}

function readLearningRate(src: Located, path: PathSegment[], spec: Record<string, unknown>, reporter: Reporter): number {
  const lr = spec.learning_rate ?? 0.1;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    reporter.error(`learning_rate must be a positive number, not ${JSON.stringify(lr)}`, src.locate([...path, 'learning_rate']));
    return 0.1;
  }
  return lr;
}

function readTex(src: Located, path: PathSegment[], spec: Record<string, unknown>, known: Set<string>, reporter: Reporter) {
  const tex: Record<string, string> = {};
  if (spec.tex === undefined) return tex;
  if (!isRecord(spec.tex)) {
    reporter.error('tex must be a mapping of names to TeX strings', src.locate([...path, 'tex']));
    return tex;
  }
  for (const [name, t] of Object.entries(spec.tex)) {
    if (!known.has(name)) reporter.error(`tex names "${name}", which is not a param, input or node`, src.locate([...path, 'tex', name], 'key'));
    else if (typeof t !== 'string' || !t.trim()) reporter.error(`tex for "${name}" must be a non-empty string`, src.locate([...path, 'tex', name]));
    else tex[name] = t;
  }
  return tex;
}

const knownKeys = {
  equations: ['params', 'inputs', 'nodes', 'loss', 'learning_rate', 'optimizer', 'tex'],
  network: ['input', 'target', 'inputs', 'targets', 'cost', 'layers', 'loss', 'learning_rate', 'optimizer', 'tex']
};

function checkKeys(src: Located, path: PathSegment[], spec: Record<string, unknown>, form: keyof typeof knownKeys, reporter: Reporter) {
  for (const key of Object.keys(spec)) {
    if (!knownKeys[form].includes(key)) {
      reporter.error(`unknown key "${key}" in the ${form} spec (known: ${knownKeys[form].join(', ')})`, src.locate([...path, key], 'key'));
    }
  }
}

function readEquations(src: Located, path: PathSegment[], spec: Record<string, unknown>, reporter: Reporter): GraphSpec | null {
  const before = reporter.diagnostics.filter((d) => d.severity === 'error').length;
  checkKeys(src, path, spec, 'equations', reporter);
  const params = readNumbers(src, [...path, 'params'], spec.params, reporter, 'params');
  const inputs = readNumbers(src, [...path, 'inputs'], spec.inputs, reporter, 'inputs');
  for (const name of Object.keys(inputs)) {
    if (name in params) reporter.error(`"${name}" is both a param and an input`, src.locate([...path, 'inputs', name], 'key'));
  }

  const nodes: NodeSpec[] = [];
  if (!isRecord(spec.nodes) || Object.keys(spec.nodes).length === 0) {
    reporter.error('nodes must be a non-empty mapping of names to expressions', src.locate([...path, 'nodes']));
    return null;
  }
  const nodeNames = Object.keys(spec.nodes);
  const declaredAt = new Map(nodeNames.map((n, i) => [n, i]));
  // node → names it reads as written, before any simplification: `w*x + 0*a` still reads a, so a
  // cycle or an out-of-order name hidden behind 0* is caught here, not later in the solver.
  const uses = new Map<string, string[]>();
  const reads = new Map<string, string[]>(); // node → names its simplified expression reads (the graph's edges)
  nodeNames.forEach((name, index) => {
    const where = [...path, 'nodes', name];
    if (!identifier.test(name) || reserved.has(name)) {
      reporter.error(`"${name}" cannot be a node name (use letters, digits and _; not a function name)`, src.locate(where, 'key'));
      return;
    }
    if (name in params || name in inputs) {
      reporter.error(`node "${name}" has the same name as a ${name in params ? 'param' : 'input'}`, src.locate(where, 'key'));
      return;
    }
    const raw = (spec.nodes as Record<string, unknown>)[name];
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      reporter.error(`node "${name}" must be an expression, like "w1*x + b1"`, src.locate(where));
      return;
    }
    const source = String(raw);
    const written = new Set<string>();
    const parsed = parseExpression(source, (n) => {
      if (n in params || n in inputs) return ref(n);
      const at = declaredAt.get(n);
      if (at === undefined) {
        if (n === 'e') return constant(Math.E);
        if (n === 'pi') return constant(Math.PI);
        const near = nearestName(n, [...Object.keys(params), ...Object.keys(inputs), ...nodeNames]);
        return `unknown name "${n}" (not a param, an input or a node${near === null ? '' : `; did you mean "${near}"?`})`;
      }
      written.add(n);
      return ref(n);
    });
    if ('message' in parsed) {
      reporter.error(`node "${name}": ${parsed.message}`, src.locateInside(where, parsed.offset));
      return;
    }
    uses.set(name, [...written]);
    const refs = refsOf(parsed);
    reads.set(name, refs.filter((n) => declaredAt.has(n)));
    // step() and friends have a zero derivative: say so once per node, naming what stops learning.
    const flats = flatOps(parsed);
    const blocked = refs.filter((n) => flats.has(n));
    if (blocked.length) {
      reporter.warn(
        `node "${name}": the gradient through ${flats.get(blocked[0])}() is 0 almost everywhere, so nothing learns through ${blocked.map((n) => `"${n}"`).join(', ')} here`,
        src.locate(where, 'key')
      );
    }
    nodes.push({ name, expr: parsed, source });
  });

  // A node that reads itself or a later node: either part of a cycle, or simply out of order.
  const reported = new Set<string>();
  for (const cycle of findCycles(nodeNames, uses)) {
    cycle.forEach((n) => reported.add(n));
    reporter.error(`cycle: ${[...cycle, cycle[0]].join(' → ')} (a node cannot depend on itself)`, src.locate([...path, 'nodes', cycle[0]], 'key'));
  }
  nodeNames.forEach((name, index) => {
    if (reported.has(name)) return;
    const later = (uses.get(name) ?? []).filter((n) => (declaredAt.get(n) ?? -1) >= index);
    if (later.length) {
      const laterName = later[0];
      const line = src.locate([...path, 'nodes', laterName], 'key').line;
      const offset = new RegExp(`(^|[^A-Za-z0-9_])${laterName}(?![A-Za-z0-9_])`).exec(String((spec.nodes as Record<string, unknown>)[name]));
      reporter.error(
        `node "${name}" uses "${laterName}" before it is defined (line ${line}); list nodes after the ones they use`,
        src.locateInside([...path, 'nodes', name], offset ? offset.index + offset[1].length : 0)
      );
    }
  });

  const loss = spec.loss;
  if (loss === undefined) reporter.error('missing "loss": name the node to minimise, e.g. loss: C', src.locate(path.length ? path : [], path.length ? 'key' : 'value'));
  else if (typeof loss !== 'string' || !declaredAt.has(loss)) reporter.error(`loss "${String(loss)}" is not a node`, src.locate([...path, 'loss']));

  const learningRate = readLearningRate(src, path, spec, reporter);
  const optimizer = readOptimizer(src, path, spec, learningRate, reporter);
  const tex = readTex(src, path, spec, new Set([...Object.keys(params), ...Object.keys(inputs), ...nodeNames]), reporter);
  if (Object.keys(params).length === 0) reporter.warn('no params: nothing to train', src.locate(path.length ? path : [], 'key'));
  const errors = reporter.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > before) return null;
  for (const dead of deadNodes(nodes, loss as string, reads)) {
    reporter.warn(
      `node "${dead}" does not reach the loss "${String(loss)}": the loss does not depend on it, so its gradient is always 0 (use it or remove it)`,
      src.locate([...path, 'nodes', dead], 'key')
    );
  }
  return { params, inputs, nodes, loss: loss as string, learningRate, tex, ...(optimizer ? { optimizer } : {}) };
}

function readOptimizer(src: Located, path: PathSegment[], spec: Record<string, unknown>, learningRate: number, reporter: Reporter) {
  return spec.optimizer === undefined ? null : readOptimizerSpec(src, [...path, 'optimizer'], spec.optimizer, learningRate, reporter);
}

/** Nodes the loss does not depend on, in spec order. */
function deadNodes(nodes: NodeSpec[], loss: string, reads: Map<string, string[]>): string[] {
  const live = upstreamOf(loss, (n) => reads.get(n) ?? []);
  return nodes.map((n) => n.name).filter((n) => !live.has(n));
}

/** `start` and every name it depends on, following `reads` (what a node reads) back once: linear. */
export function upstreamOf(start: string, reads: (name: string) => Iterable<string>): Set<string> {
  const found = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const n of reads(queue.pop()!)) {
      if (!found.has(n)) {
        found.add(n);
        queue.push(n);
      }
    }
  }
  return found;
}

/**
 * The cycles among nodes, one per strongly connected component that has one (Tarjan's algorithm,
 * linear in the spec), each written from its first node in spec order along the first path back.
 */
function findCycles(names: string[], uses: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let components = 0;
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of uses.get(v) ?? []) {
      if (!uses.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.set(w, components);
      } while (w !== v);
      components++;
    }
  };
  for (const name of names) if (uses.has(name) && !index.has(name)) connect(name);

  const cycles: string[][] = [];
  const done = new Set<number>();
  for (const start of names) {
    const c = component.get(start);
    if (c === undefined || done.has(c)) continue;
    done.add(c);
    const cycle = cycleThrough(start, (n) => (uses.get(n) ?? []).filter((m) => component.get(m) === c));
    if (cycle) cycles.push(cycle);
  }
  return cycles;
}

/** Depth-first search for a path from `start` back to itself; returns its nodes in order, or null. */
function cycleThrough(start: string, next: (n: string) => string[]): string[] | null {
  const path: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string): string[] | null => {
    if (n === start && path.length) return [...path];
    if (seen.has(n)) return null;
    seen.add(n);
    path.push(n);
    for (const m of next(n)) {
      const found = visit(m);
      if (found) return found;
    }
    path.pop();
    return null;
  };
  return visit(start);
}

function readNetwork(src: Located, path: PathSegment[], spec: Record<string, unknown>, reporter: Reporter): GraphSpec | null {
  checkKeys(src, path, spec, 'network', reporter);
  const learningRate = readLearningRate(src, path, spec, reporter);
  const optimizer = readOptimizer(src, path, spec, learningRate, reporter);
  const expanded = expandNetwork(spec, learningRate, (message, at, part) => reporter.error(message, src.locate([...path, ...at], part)));
  if (!expanded) return null;
  const known = new Set([...Object.keys(expanded.params), ...Object.keys(expanded.inputs), ...expanded.nodes.map((n) => n.name)]);
  const tex = readTex(src, path, spec, known, reporter);
  if (spec.optimizer !== undefined && !optimizer) return null;
  return { ...expanded, tex: { ...expanded.tex, ...tex }, ...(optimizer ? { optimizer } : {}) };
}

/** Default TeX for a name: w1 → w_{1}, z2_1 → z_{2,1}, alpha → \alpha, yhat → \hat{y}. */
export function defaultTex(name: string): string {
  const greek = /^(alpha|beta|gamma|delta|epsilon|eta|theta|lambda|mu|sigma|tau|phi|omega)(\d*)$/i.exec(name);
  if (greek) return `\\${greek[1]}${greek[2] ? `_{${greek[2]}}` : ''}`;
  if (/^[a-z]hat$/i.test(name)) return `\\hat{${name[0]}}`;
  const m = /^([A-Za-z]+?)_?(\d+(?:_\d+)*)$/.exec(name);
  if (m) return `${m[1].length > 1 ? `\\mathrm{${m[1]}}` : m[1]}_{${m[2].split('_').join(',')}}`;
  if (name.length === 1) return name;
  const parts = name.split('_');
  if (parts.length === 2 && parts[0].length === 1) return `${parts[0]}_{\\mathrm{${parts[1]}}}`;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** Every param, input and node name of a spec, in order. */
export function allNames(spec: GraphSpec): string[] {
  return [...Object.keys(spec.inputs), ...Object.keys(spec.params), ...spec.nodes.map((n) => n.name)];
}
