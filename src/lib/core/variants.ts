// Per-student variants: params and inputs drawn from a seed, so each student has their own
// numbers and the grader can regenerate them. Each name is drawn from its own stream (seed, name),
// so the order of the block changes nothing; `where:` conditions are met by redrawing
// deterministically. A seed code "<seed>.<fingerprint>-<signature>" carries a fingerprint of the
// block, so a grader can tell that the block changed after the codes went out. Signing (HMAC)
// happens in the CLI with the instructor's secret — this module is pure and only encodes.
import type { Reporter } from './diagnostics.ts';
import { evaluate, type Expr } from './expr.ts';
import { parseQuantity } from './quantity.ts';
import type { Located, PathSegment } from './source.ts';
import type { GraphSpec } from './spec.ts';
import { Random } from './random.ts';

/** Moved to random.ts (the project's one seeded generator); re-exported for older imports. */
export { random32 } from './random.ts';

export type Draw =
  | { name: string; kind: 'uniform'; low: number; high: number; decimals: number }
  | { name: string; kind: 'integer'; low: number; high: number }
  | { name: string; kind: 'choice'; values: number[] };

/** A condition every variant must meet, e.g. `abs(x) >= 0.1`: left op right. */
export interface Condition {
  source: string;
  left: Expr;
  op: '<' | '<=' | '>' | '>=' | '!=' | '==';
  right: Expr;
}

export interface VariantSpec {
  draws: Draw[];
  where: Condition[];
  /** The spec's own params and inputs, for names a condition uses but the block does not draw. */
  fixed: Record<string, number>;
}

/** How often a variant is redrawn to meet `where:` before giving up (lint checks it is never near). */
export const MAX_REDRAWS = 1000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const comparison = /(<=|>=|!=|==|<|>)/;

/** Read `variants:` (name → { uniform: [lo, hi], decimals } | { choice: [...] } | { integer: [lo, hi] }, where: [...]). */
export function readVariants(src: Located, path: PathSegment[], value: unknown, spec: GraphSpec, reporter: Reporter): VariantSpec | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    reporter.error('variants must be a mapping of param or input names to draws, e.g. x: { uniform: [0.5, 1.5], decimals: 2 }', src.locate(path));
    return null;
  }
  const draws: Draw[] = [];
  const where: Condition[] = [];
  const fixed = { ...spec.inputs, ...spec.params };
  for (const [name, raw] of Object.entries(value)) {
    const at = [...path, name];
    if (name === 'where' && !(name in fixed)) {
      readWhere(src, at, raw, fixed, reporter, where);
      continue;
    }
    if (!(name in spec.params) && !(name in spec.inputs)) {
      reporter.error(`variants: "${name}" is not a param or an input of the graph`, src.locate(at, 'key'));
      continue;
    }
    if (!isRecord(raw)) {
      reporter.error(`variants.${name} must be a mapping like { uniform: [0.5, 1.5], decimals: 2 } or { choice: [0.23, 0.27] }`, src.locate(at));
      continue;
    }
    const kinds = ['uniform', 'choice', 'integer'].filter((k) => k in raw);
    const unknown = Object.keys(raw).filter((k) => !['uniform', 'choice', 'integer', 'decimals'].includes(k));
    for (const k of unknown) reporter.error(`variants.${name}: unknown key "${k}" (known: uniform, decimals, choice, integer)`, src.locate([...at, k], 'key'));
    if (kinds.length !== 1) {
      reporter.error(`variants.${name} needs exactly one of uniform, choice or integer`, src.locate(at));
      continue;
    }
    const kind = kinds[0];
    const v = raw[kind];
    if (kind === 'choice') {
      if (!Array.isArray(v) || v.length === 0 || !v.every(isNum)) reporter.error(`variants.${name}.choice must be a non-empty list of numbers`, src.locate([...at, kind]));
      else draws.push({ name, kind, values: v });
      continue;
    }
    if (!Array.isArray(v) || v.length !== 2 || !v.every(isNum) || v[0] > v[1]) {
      reporter.error(`variants.${name}.${kind} must be [low, high] with low ≤ high`, src.locate([...at, kind]));
      continue;
    }
    if (kind === 'integer') {
      if (!Number.isInteger(v[0]) || !Number.isInteger(v[1])) reporter.error(`variants.${name}.integer bounds must be integers`, src.locate([...at, kind]));
      else draws.push({ name, kind, low: v[0], high: v[1] });
      continue;
    }
    const decimals = raw.decimals ?? 2;
    if (!Number.isInteger(decimals) || (decimals as number) < 0 || (decimals as number) > 12) {
      reporter.error(`variants.${name}.decimals must be a whole number from 0 to 12`, src.locate([...at, 'decimals']));
      continue;
    }
    draws.push({ name, kind: 'uniform', low: v[0], high: v[1], decimals: decimals as number });
  }
  const variants: VariantSpec = { draws, where, fixed };
  if (where.length && draws.length) {
    // Conditions that almost nothing meets would make students wait on redraws, or fail: refuse them.
    const tries = 400;
    let met = 0;
    for (let seed = 0; seed < tries; seed++) if (meets(variants, drawOnce(variants, seed, 0))) met++;
    if (met === 0) reporter.error(`variants.where: no variant meets these conditions (0 of ${tries} draws)`, src.locate([...path, 'where']));
    else if (met < tries / 100) reporter.error(`variants.where: too few variants meet these conditions (${met} of ${tries} draws); widen the ranges or relax the conditions`, src.locate([...path, 'where']));
  }
  return variants;
}

function readWhere(src: Located, at: PathSegment[], raw: unknown, fixed: Record<string, number>, reporter: Reporter, out: Condition[]) {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list)) {
    reporter.error('variants.where must be a list of conditions like "abs(x) >= 0.1"', src.locate(at));
    return;
  }
  const names = { all: new Set(Object.keys(fixed)), params: new Set<string>() };
  list.forEach((c, i) => {
    const here = typeof raw === 'string' ? at : [...at, i];
    if (typeof c !== 'string') return reporter.error('variants.where: each condition is text like "abs(x) >= 0.1"', src.locate(here));
    const parts = c.split(comparison);
    if (parts.length !== 3) return reporter.error(`variants.where: "${c}" needs exactly one comparison (<, <=, >, >=, ==, !=)`, src.locate(here));
    const [l, op, r] = parts;
    const left = parseQuantity(l.trim(), names);
    const right = parseQuantity(r.trim(), names);
    for (const side of [left, right]) {
      if ('message' in side) return reporter.error(`variants.where: "${c}": ${side.message} (a condition may use the graph's params and inputs)`, src.locate(here));
    }
    out.push({ source: c.trim(), left: (left as { expr: Expr }).expr, op: op as Condition['op'], right: (right as { expr: Expr }).expr });
  });
}

/** One uniform number in [0, 1) for (seed, name, attempt): each name has its own stream. */
function uniformFor(seed: number, name: string, attempt: number): number {
  return new Random(hashSeed(`${seed >>> 0}\n${name}\n${attempt}`)).next();
}

function drawOnce(variants: VariantSpec, seed: number, attempt: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of variants.draws) {
    const u = uniformFor(seed, d.name, attempt);
    if (d.kind === 'choice') out[d.name] = d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))];
    else if (d.kind === 'integer') out[d.name] = d.low + Math.min(d.high - d.low, Math.floor(u * (d.high - d.low + 1)));
    else out[d.name] = Number((d.low + (d.high - d.low) * u).toFixed(d.decimals));
  }
  return out;
}

function meets(variants: VariantSpec, drawn: Record<string, number>): boolean {
  const value = (name: string) => (name in drawn ? drawn[name] : variants.fixed[name]);
  return variants.where.every((c) => {
    const l = evaluate(c.left, value);
    const r = evaluate(c.right, value);
    switch (c.op) {
      case '<': return l < r;
      case '<=': return l <= r;
      case '>': return l > r;
      case '>=': return l >= r;
      case '==': return l === r;
      case '!=': return l !== r;
    }
  });
}

/**
 * The params and inputs of the variant for `seed`. Each name is drawn from its own stream, so
 * listing the names in another order gives the same numbers; a draw that breaks a `where:`
 * condition is redrawn (attempt 1, 2, …), the same way for everyone.
 */
export function drawVariant(variants: VariantSpec | null, seed: number): Record<string, number> {
  if (!variants) return {};
  let drawn = drawOnce(variants, seed, 0);
  for (let attempt = 1; attempt < MAX_REDRAWS && variants.where.length && !meets(variants, drawn); attempt++) drawn = drawOnce(variants, seed, attempt);
  return drawn;
}

/** One draw or the conditions, as canonical text: what a fingerprint is made of. */
function canonicalDraw(d: Draw): string {
  if (d.kind === 'choice') return `${d.name} choice ${d.values.join(' ')}`;
  if (d.kind === 'integer') return `${d.name} integer ${d.low} ${d.high}`;
  return `${d.name} uniform ${d.low} ${d.high} ${d.decimals}`;
}

const FINGERPRINT_PART = 3; // base-36 characters per variable: 46,656 values

const part = (text: string) => (hashSeed(`backstep-variant-fingerprint\n${text}`) % 36 ** FINGERPRINT_PART).toString(36).padStart(FINGERPRINT_PART, '0');

/** Each variable's (and the conditions') piece of the fingerprint, by name. */
export function fingerprintParts(variants: VariantSpec | null): Map<string, string> {
  const parts = new Map<string, string>();
  if (!variants) return parts;
  for (const d of variants.draws) parts.set(d.name, part(canonicalDraw(d)));
  if (variants.where.length) parts.set('where', part(`where ${variants.where.map((c) => c.source.replace(/\s+/g, '')).sort().join(' & ')}`));
  return parts;
}

/**
 * The fingerprint of a variants block: one short piece per variable (and one for `where:`),
 * sorted, so the order of the block does not matter and a change can be traced to its name.
 */
export function variantFingerprint(variants: VariantSpec | null): string {
  return [...fingerprintParts(variants).values()].sort().join('');
}

/**
 * What changed between the block a fingerprint was made from and this one: the names whose
 * draw is new or different, and how many of the old pieces are gone. Empty when nothing changed.
 */
export function changedVariants(variants: VariantSpec | null, fingerprint: string): { changed: string[]; removed: number } {
  const old = new Set<string>();
  for (let i = 0; i + FINGERPRINT_PART <= fingerprint.length; i += FINGERPRINT_PART) old.add(fingerprint.slice(i, i + FINGERPRINT_PART));
  const parts = fingerprintParts(variants);
  const changed = [...parts].filter(([, p]) => !old.has(p)).map(([name]) => name);
  const kept = new Set(parts.values());
  const removed = [...old].filter((p) => !kept.has(p)).length - changed.length;
  return { changed, removed: Math.max(0, removed) };
}

/** FNV-1a over UTF-16 code units, finished with a murmur mix: a public seed from text. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed a student gets without a code (the page and the grader agree on it; it is not secret). */
export const publicSeed = (exercise: string, student: string) => hashSeed(`backstep-public\n${exercise}\n${student.trim()}`);

/** What the instructor's HMAC signs: the exercise, the student, the seed and the variants' fingerprint, together. */
export const seedMessage = (exercise: string, student: string, seed: number, fingerprint = '') =>
  `backstep-seed\n${exercise}\n${student.trim()}\n${seed >>> 0}${fingerprint ? `\n${fingerprint}` : ''}`;

/** What the instructor's HMAC derives a student's seed from (so `variants` is repeatable). */
export const seedDerivation = (exercise: string, student: string) => `backstep-variant\n${exercise}\n${student.trim()}`;

export interface SeedCode {
  seed: number;
  /** The variants block's fingerprint when the code was made; '' for a bare seed. */
  fingerprint: string;
  signature: string;
}

/** "<seed in base 36>.<fingerprint>-<signature>", e.g. "1x9ka2.3fz0q1-Qm3v0b8cZ1pT". */
export function encodeSeedCode(seed: number, signature: string, fingerprint = ''): string {
  return `${(seed >>> 0).toString(36)}${fingerprint ? `.${fingerprint}` : ''}${signature ? `-${signature}` : ''}`;
}

/** Decode a code, or a bare seed number; null when it is neither. Verifies nothing. */
export function decodeSeedCode(code: unknown): SeedCode | null {
  if (typeof code === 'number') return Number.isInteger(code) && code >= 0 && code <= 0xffffffff ? { seed: code, fingerprint: '', signature: '' } : null;
  if (typeof code !== 'string') return null;
  const m = /^\s*([0-9a-z]{1,7})(?:\.([0-9a-z]{1,60}))?(?:-([A-Za-z0-9_-]{8,64}))?\s*$/.exec(code);
  if (!m) return null;
  const seed = parseInt(m[1], 36);
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) return null;
  return { seed, fingerprint: m[2] ?? '', signature: m[3] ?? '' };
}
