// Words and TeX around a step that the core's step script leaves to the page: pass titles, what
// a step asks for, and the substituted formula with its result hidden (practice mode).
import { formatNumber } from '../../core/expr.ts';
import type { Pass, Step } from '../../core/steps.ts';

export const passTitle: Record<Pass | 'all', string> = {
  forward: 'Forward pass',
  backward: 'Backward pass',
  update: 'Update',
  all: 'Forward, backward, update'
};

export function stepVerb(step: Step): string {
  if (step.pass === 'forward') return 'Compute';
  if (step.pass === 'backward') return 'Chain rule for';
  return 'Take one descent step for';
}

/** Said after the target of a backward step whose name is read by more than one node. */
export function stepNote(step: Step): string {
  const readers = step.terms?.length ?? 0;
  return step.pass === 'backward' && readers > 1 ? `, summed over the ${readers} paths through the nodes that read it` : '';
}

/** The substituted formula without its final "= result", so a student can work it out. */
export function withoutResult(step: Step): string {
  const suffix = ` = ${formatNumber(step.value)}`;
  const tex = step.substitutedTex;
  return tex.endsWith(suffix) ? `${tex.slice(0, -suffix.length)} = \\;?` : tex;
}
