// Per-student variants: params and inputs drawn from a seed, so each student has their own
// numbers and the grader can regenerate them. Seed codes are "<seed>-<signature>"; signing (HMAC)
// happens in the CLI with the instructor's secret — this module is pure and only encodes.
import type { Reporter } from './diagnostics.ts';
import type { Located, PathSegment } from './source.ts';
import type { GraphSpec } from './spec.ts';

export type Draw =
  | { name: string; kind: 'uniform'; low: number; high: number; decimals: number }
  | { name: string; kind: 'integer'; low: number; high: number }
  | { name: string; kind: 'choice'; values: number[] };

export interface VariantSpec {
  draws: Draw[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Read `variants:` (name → { uniform: [lo, hi], decimals } | { choice: [...] } | { integer: [lo, hi] }). */
export function readVariants(src: Located, path: PathSegment[], value: unknown, spec: GraphSpec, reporter: Reporter): VariantSpec | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    reporter.error('variants must be a mapping of param or input names to draws, e.g. x: { uniform: [0.5, 1.5], decimals: 2 }', src.locate(path));
    return null;
  }
  const draws: Draw[] = [];
  for (const [name, raw] of Object.entries(value)) {
    const at = [...path, name];
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
  return { draws };
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; the same in every JavaScript engine. */
export function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The params and inputs of the variant for `seed`, drawn in the order they are listed. */
export function drawVariant(variants: VariantSpec | null, seed: number): Record<string, number> {
  const out: Record<string, number> = {};
  if (!variants) return out;
  const next = random32(seed);
  for (const d of variants.draws) {
    const u = next();
    if (d.kind === 'choice') out[d.name] = d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))];
    else if (d.kind === 'integer') out[d.name] = d.low + Math.min(d.high - d.low, Math.floor(u * (d.high - d.low + 1)));
    else out[d.name] = Number((d.low + (d.high - d.low) * u).toFixed(d.decimals));
  }
  return out;
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

/** What the instructor's HMAC signs: the exercise, the student and the seed, together. */
export const seedMessage = (exercise: string, student: string, seed: number) => `backstep-seed\n${exercise}\n${student.trim()}\n${seed >>> 0}`;

/** What the instructor's HMAC derives a student's seed from (so `variants` is repeatable). */
export const seedDerivation = (exercise: string, student: string) => `backstep-variant\n${exercise}\n${student.trim()}`;

export interface SeedCode {
  seed: number;
  signature: string;
}

/** "<seed in base 36>-<signature>", e.g. "1x9ka2-Qm3v0b8cZ1pT". */
export function encodeSeedCode(seed: number, signature: string): string {
  return `${(seed >>> 0).toString(36)}-${signature}`;
}

/** Decode a code, or a bare seed number; null when it is neither. Verifies nothing. */
export function decodeSeedCode(code: unknown): SeedCode | null {
  if (typeof code === 'number') return Number.isInteger(code) && code >= 0 && code <= 0xffffffff ? { seed: code, signature: '' } : null;
  if (typeof code !== 'string') return null;
  const m = /^\s*([0-9a-z]{1,7})(?:-([A-Za-z0-9_-]{8,64}))?\s*$/.exec(code);
  if (!m) return null;
  const seed = parseInt(m[1], 36);
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) return null;
  return { seed, signature: m[2] ?? '' };
}
