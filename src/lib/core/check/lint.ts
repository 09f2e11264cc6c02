// Author warnings that need the checker, not just the schema: questions that ask the same thing,
// questions worth nothing, and custom misconceptions that can never be reported because their
// answer is the right one.
import type { Position } from '../diagnostics.ts';
import type { Exercise } from '../exercise.ts';
import { Checker } from './checker.ts';
import { close } from './tolerance.ts';

export function exerciseWarnings(exercise: Exercise): { message: string; at: Position }[] {
  const out: { message: string; at: Position }[] = [];
  const byTarget = new Map<string, string>();
  for (const q of exercise.questions) {
    const key = JSON.stringify(q.target);
    const twin = byTarget.get(key);
    if (twin) out.push({ message: `question "${q.id}" asks for the same quantity as "${twin}"`, at: q.at });
    else byTarget.set(key, q.id);
    if (q.points === 0) out.push({ message: `question "${q.id}" is worth 0 points`, at: q.at });
    if (/significant/i.test(q.prompt) && q.precision?.sigFigs === undefined) {
      out.push({ message: `question "${q.id}": the prompt asks for significant figures but nothing enforces it; add sig_figs: N to the question`, at: q.at });
    }
  }
  const checker = new Checker(exercise);
  const variant = checker.variant(null);
  exercise.questions.forEach((q, i) => {
    q.misconceptions.forEach((m) => {
      const value = checker.graph.compileQuantity(m.expr)(variant.exact);
      if (!Number.isFinite(value)) out.push({ message: `question "${q.id}": misconception "${m.id}" has no finite value`, at: q.at });
      else if (close(value, variant.expected[i], q.tolerance)) {
        out.push({ message: `question "${q.id}": misconception "${m.id}" gives the right answer (${value}), so it can never be reported`, at: q.at });
      }
    });
  });
  return out;
}
