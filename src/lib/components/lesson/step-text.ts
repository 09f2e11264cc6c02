// Words and TeX around a step that the core's step script leaves to the page: pass titles, what
// a step asks for, and the substituted formula with its result hidden (practice mode).
import { texNum } from '../../page-lang.ts';
import type { Pass, Step } from '../../core/steps.ts';
import { m } from '../../paraglide/messages.js';

const passTitles: Record<Pass | 'all', () => string> = {
  forward: m.lesson_pass_forward,
  backward: m.lesson_pass_backward,
  update: m.lesson_pass_update,
  all: m.lesson_pass_all
};
/** A pass's title in the page's language. */
export const passTitle = (pass: Pass | 'all') => passTitles[pass]();

export function stepVerb(step: Step): string {
  if (step.pass === 'forward') return m.lesson_verb_forward();
  if (step.pass === 'backward') return m.lesson_verb_backward();
  return m.lesson_verb_update();
}

/** Said after the target of a backward step whose name is read by more than one node. */
export function stepNote(step: Step): string {
  const readers = step.terms?.length ?? 0;
  return step.pass === 'backward' && readers > 1 ? m.lesson_summed_paths({ count: readers }) : '';
}

/** The substituted formula without its final "= result", so a student can work it out. */
export function withoutResult(step: Step): string {
  const suffix = ` = ${texNum(step.value)}`;
  const tex = step.substitutedTex;
  return tex.endsWith(suffix) ? `${tex.slice(0, -suffix.length)} = \\;?` : tex;
}

/** A factor of a backward step a student gives in "try it first": the gradient from above or a local partial. */
export interface Piece {
  key: string;
  kind: 'upstream' | 'local';
  term: number;
  via: string;
  value: number;
  valueTex: string;
}

const factor = (v: number) => {
  const t = texNum(v);
  return v < 0 || t.includes('\\times') ? `\\left(${t}\\right)` : t;
};

/** The pieces of a backward step, term by term (no "from above" when the reader is the loss: it is 1). */
export function piecesOf(step: Step, loss: string): Piece[] {
  return (step.terms ?? []).flatMap((t, term) => [
    ...(t.via === loss ? [] : [{ key: `${t.via}:upstream`, kind: 'upstream' as const, term, via: t.via, value: t.upstream, valueTex: texNum(t.upstream) }]),
    { key: `${t.via}:local`, kind: 'local' as const, term, via: t.via, value: t.local, valueTex: texNum(t.local) }
  ]);
}

export const pieceKey = (step: Step, piece: Piece) => `${step.id}|${piece.key}`;

/** The formula with numbers, each factor a "?" until the student has given it, and no result. */
export function withHiddenPieces(step: Step, loss: string, given: Record<string, boolean>): string {
  const known = (kind: 'upstream' | 'local', via: string) => given[`${step.id}|${via}:${kind}`];
  const terms = (step.terms ?? []).map((t) => {
    const local = known('local', t.via) ? (t.via === loss ? t.localSubstitutedTex : factor(t.local)) : '?';
    return t.via === loss ? local : `${known('upstream', t.via) ? factor(t.upstream) : '?'} \\cdot ${local}`;
  });
  return `${step.targetTex} = ${terms.join(' + ') || '0'} = \\;?`;
}
