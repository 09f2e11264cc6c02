// The step script a student walks: forward steps in topological order, backward steps in
// reverse (the chain rule at each name, with numbers), then the update. Steps are plain data
// (ids, TeX, numbers) shared by the lesson page, the answer checker and the CLI.
import { formatNumber, toTex } from './expr.ts';
import type { Edge, Graph, Role, Solution } from './graph.ts';
import { texCommands } from './ops.ts';
import { texIn } from './numbers.ts';
import { baseLang, type Lang } from './lang.ts';

export type Pass = 'forward' | 'backward' | 'update';

export interface ChainTerm {
  /** The node that reads this name (the term's upstream). */
  via: string;
  /** ∂loss/∂via, already known when this step is reached. */
  upstream: number;
  /** ∂via/∂name: symbolic TeX, substituted TeX and value. */
  localTex: string;
  localSubstitutedTex: string;
  local: number;
  /** ∂via/∂name written as a fraction, e.g. \frac{\partial z^{(L)}}{\partial W^{(L)}}. */
  partialTex: string;
}

export interface Step {
  /** Stable id: `forward:z1`, `backward:w3`, `update:w3`. */
  id: string;
  index: number;
  pass: Pass;
  name: string;
  role: Role;
  /** The quantity this step computes, in TeX (z^{(L)}, \frac{\partial C_0}{\partial W^{(L)}}, W^{(L)}_{new}). */
  targetTex: string;
  /** Symbolic formula, the same with numbers substituted, and the result. */
  formulaTex: string;
  substitutedTex: string;
  value: number;
  /** Backward steps: one term per node that reads this name (the sum over paths). */
  terms?: ChainTerm[];
}

export interface ChainFactor {
  edge: Edge;
  partialTex: string;
  localTex: string;
  value: number;
}

export interface ChainExpansion {
  name: string;
  /** One product per path from `name` to the loss; the gradient is their sum. */
  paths: { factors: ChainFactor[]; product: number }[];
  truncated: boolean;
  tex: string;
  substitutedTex: string;
  value: number;
}

export const partialTex = (graph: Graph, of: string, wrt: string) =>
  `\\frac{\\partial ${graph.tex(of)}}{\\partial ${graph.tex(wrt)}}`;

export const gradTex = (graph: Graph, name: string) => partialTex(graph, graph.spec.loss, name);

const num = (v: number) => {
  const t = formatNumber(v);
  return v < 0 || t.includes('\\times') ? `\\left(${t}\\right)` : t;
};

/** Terms joined by +, a term that starts with a minus sign joined by − instead (a − y, not a + −y). */
const plus = (terms: string[]) => terms.reduce((sum, t, i) => (i === 0 ? t : t.startsWith('-') ? `${sum} - ${t.slice(1)}` : `${sum} + ${t}`), '');

/** The steps with every TeX field's numbers written in `lang` (0{,}5793 in Spanish). */
export function stepsIn(steps: Step[], lang: Lang): Step[] {
  if (lang === baseLang) return steps;
  const t = (tex: string) => texIn(tex, lang);
  return steps.map((s) => ({
    ...s,
    targetTex: t(s.targetTex),
    formulaTex: t(s.formulaTex),
    substitutedTex: t(s.substitutedTex),
    ...(s.terms ? { terms: s.terms.map((c) => ({ ...c, localTex: t(c.localTex), localSubstitutedTex: t(c.localSubstitutedTex), partialTex: t(c.partialTex) })) } : {})
  }));
}

/** The step script; `lang` writes its numbers the language's way (TeX 0{,}5793 in Spanish). */
export function buildSteps(graph: Graph, solution: Solution = graph.solve(), lang: Lang = baseLang): Step[] {
  return stepsIn(buildEnglishSteps(graph, solution), lang);
}

function buildEnglishSteps(graph: Graph, solution: Solution): Step[] {
  const steps: Step[] = [];
  const push = (step: Omit<Step, 'index'>) => steps.push({ ...step, index: steps.length });
  const { values, gradients, partials } = solution;
  const lossName = graph.spec.loss;

  for (const name of graph.order) {
    if (graph.roles.get(name) !== 'node') continue;
    push({
      id: `forward:${name}`,
      pass: 'forward',
      name,
      role: 'node',
      targetTex: graph.tex(name),
      formulaTex: `${graph.tex(name)} = ${graph.equationTex(name)}`,
      substitutedTex: `${graph.tex(name)} = ${graph.equationTex(name, values)} = ${formatNumber(values[name])}`,
      value: values[name]
    });
  }

  for (const name of [...graph.order].reverse()) {
    const role = graph.roles.get(name)!;
    // A node the loss does not read (a softmax output when the loss comes from the logits) has no gradient to find.
    if (role === 'node' && !graph.reachesLoss.has(name)) continue;
    const target = gradTex(graph, name);
    if (name === lossName) {
      push({ id: `backward:${name}`, pass: 'backward', name, role, targetTex: target, formulaTex: `${target} = 1`, substitutedTex: `${target} = 1`, value: 1, terms: [] });
      continue;
    }
    const terms: ChainTerm[] = (graph.consumers.get(name) ?? []).filter((edge) => graph.reachesLoss.has(edge.to)).map((edge) => ({
      via: edge.to,
      upstream: gradients[edge.to],
      localTex: toTex(edge.partial, (n) => graph.tex(n)),
      localSubstitutedTex: toTex(edge.partial, (n) => graph.tex(n), (n) => values[n]),
      local: partials[edge.index],
      partialTex: partialTex(graph, edge.to, name)
    }));
    const value = gradients[name];
    // Upstream × local for each reader; when the reader is the loss itself, upstream is 1 and omitted.
    const upstreamTex = (t: ChainTerm) => (t.via === lossName ? '' : `${gradTex(graph, t.via)}\\,`);
    const grouped = (tex: string) => (/ [+-] /.test(tex) ? `\\left(${tex}\\right)` : tex);
    const symbolic = terms.length ? terms.map((t) => `${upstreamTex(t)}${t.partialTex}`).join(' + ') : '0';
    const expanded = terms.length ? plus(terms.map((t) => `${upstreamTex(t)}${t.via === lossName ? t.localTex : grouped(t.localTex)}`)) : '';
    const substituted = plus(terms.map((t) => (t.via === lossName ? t.localSubstitutedTex : `${num(t.upstream)} \\cdot ${num(t.local)}`)));
    push({
      id: `backward:${name}`,
      pass: 'backward',
      name,
      role,
      targetTex: target,
      formulaTex: [target, symbolic, expanded].filter((t, i, all) => t && all.indexOf(t) === i).join(' = '),
      substitutedTex: `${target} = ${substituted || '0'} = ${formatNumber(value)}`,
      value,
      terms
    });
  }

  for (const name of Object.keys(graph.spec.params)) {
    const lr = graph.spec.learningRate;
    const next = solution.updated[name];
    push({
      id: `update:${name}`,
      pass: 'update',
      name,
      role: 'param',
      targetTex: `{${graph.tex(name)}}_{\\text{new}}`,
      formulaTex: `{${graph.tex(name)}}_{\\text{new}} = ${graph.tex(name)} - \\alpha\\,${gradTex(graph, name)}`,
      substitutedTex: `{${graph.tex(name)}}_{\\text{new}} = ${formatNumber(values[name])} - ${formatNumber(lr)} \\cdot ${num(gradients[name])} = ${formatNumber(next)}`,
      value: next
    });
  }
  return steps;
}

/**
 * The full chain for one name, expanded along every path to the loss, written as on the course
 * slide: ∂C₀/∂W^{(L-1)} = ∂z^{(L-1)}/∂W^{(L-1)} · ∂a^{(L-1)}/∂z^{(L-1)} · ∂z^{(L)}/∂a^{(L-1)} · … .
 * Paths are capped (`maxPaths`) because their number grows exponentially with depth. The walk
 * only follows edges into nodes the loss depends on, so every branch it takes ends in a path and
 * the cap bounds the work (dead nodes, even a lattice of them, cost nothing).
 */
export function expandChain(graph: Graph, name: string, solution: Solution = graph.solve(), maxPaths = 64, lang: Lang = baseLang): ChainExpansion {
  const live = graph.reachesLoss;
  const paths: ChainExpansion['paths'] = [];
  let truncated = false;
  const factorOf = new Map<Edge, ChainFactor>();
  const factor = (edge: Edge): ChainFactor => {
    let f = factorOf.get(edge);
    if (!f) {
      f = {
        edge,
        partialTex: partialTex(graph, edge.to, edge.from),
        localTex: toTex(edge.partial, (n) => graph.tex(n)),
        value: solution.partials[edge.index]
      };
      factorOf.set(edge, f);
    }
    return f;
  };
  const factors: ChainFactor[] = [];
  const walk = (at: string) => {
    if (paths.length >= maxPaths) {
      truncated = true;
      return;
    }
    if (at === graph.spec.loss) {
      paths.push({ factors: [...factors], product: factors.reduce((p, f) => p * f.value, 1) });
      return;
    }
    for (const edge of graph.consumers.get(at) ?? []) {
      if (!live.has(edge.to)) continue;
      factors.push(factor(edge));
      walk(edge.to);
      factors.pop();
    }
  };
  if (live.has(name)) walk(name);
  const target = gradTex(graph, name);
  const product = (fs: ChainFactor[], f: (x: ChainFactor) => string) => (fs.length ? fs.map(f).join(' \\cdot ') : '1');
  const tex = `${target} = ${paths.map((p) => product(p.factors, (x) => x.partialTex)).join(' + ') || '0'}`;
  const substitutedTex = `${target} = ${paths.map((p) => product(p.factors, (x) => num(x.value))).join(' + ') || '0'} = ${formatNumber(solution.gradients[name])}`;
  return { name, paths, truncated, tex: texIn(tex, lang), substitutedTex: texIn(substitutedTex, lang), value: solution.gradients[name] };
}

/** The step script as plain text, one block per step (for `backstep steps`). */
export function stepsAsText(steps: Step[], tex = false): string {
  return steps
    .map((s) => {
      const head = `${String(s.index + 1).padStart(3)}. [${s.pass}] ${s.name}`;
      if (tex) return `${head}\n     ${s.formulaTex}\n     ${s.substitutedTex}`;
      return `${head} = ${s.value}\n     ${texToPlain(s.formulaTex)}\n     ${texToPlain(s.substitutedTex)}`;
    })
    .join('\n');
}

/** \tanh, \log, …: the TeX commands the op table names ops with. */
const opCommand = new RegExp(`\\\\(${texCommands.join('|')})(?![A-Za-z])`, 'g');

/** Every Greek letter TeX names, as the character a reader sees. */
const greekLetters: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ',
  sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω'
};
const greekCommand = new RegExp(`\\\\(${Object.keys(greekLetters).sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z])`, 'g');

/** A readable plain-text rendering of our own TeX (not a general TeX converter). */
export function texToPlain(tex: string): string {
  let s = tex;
  for (let i = 0; i < 4; i++) s = s.replace(/\\frac\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, '($1)/($2)');
  return s
    .replace(/\\left|\\right/g, '')
    .replace(/\\langle\s*/g, '⟨')
    .replace(/\s*\\rangle/g, '⟩')
    .replace(/\\partial\s*/g, '∂')
    .replace(/\\cdot/g, '·')
    .replace(/\\hat\{([A-Za-z])\}/g, '$1\u0302')
    .replace(greekCommand, (_, name: string) => greekLetters[name])
    .replace(/\\times/g, '×')
    .replace(/\\text\{([^}]*)\}/g, '$1')
    .replace(/\\operatorname\{([^}]*)\}/g, '$1')
    .replace(/\\mathrm\{([^}]*)\}/g, '$1')
    .replace(opCommand, '$1')
    .replace(/\\,/g, ' ')
    .replace(/\^\{([^{}]*)\}/g, '^$1')
    .replace(/_\{([^{}]*)\}/g, '_$1')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
