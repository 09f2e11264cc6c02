// Which steps a lesson walks and which values its questions ask for. The core's step script has a
// backward step for every name; a lesson walks the ones for inputs and targets (∂C/∂x, ∂C/∂y)
// only when a question or a :value on the page asks for that gradient.
import type { Root, RootContent, ElementContent } from 'hast';
import { refsOf, type Expr } from '../core/expr.ts';
import type { Graph } from '../core/graph.ts';
import type { Step } from '../core/steps.ts';
import type { LessonModel } from './lesson.ts';

/** The step that computes a quantity reference (`a3`, `grad(w3)`, `updated(w3)`); none for a given number. */
export function stepOfReference(graph: Graph, reference: string): string | null {
  const wrapped = /^(grad|updated)\((\w+)\)$/.exec(reference);
  if (wrapped) return `${wrapped[1] === 'grad' ? 'backward' : 'update'}:${wrapped[2]}`;
  return graph.roles.get(reference) === 'node' ? `forward:${reference}` : null;
}

/** The steps an expression needs to have been walked before its value may be shown. */
export const stepsOfExpr = (graph: Graph, expr: Expr): string[] =>
  refsOf(expr)
    .map((r) => stepOfReference(graph, r))
    .filter((id): id is string => id !== null);

function valueExprs(nodes: (RootContent | ElementContent)[], into: Expr[] = []): Expr[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'bs-value' && node.properties?.expr) into.push(node.properties.expr as unknown as Expr);
    valueExprs(node.children, into);
  }
  return into;
}

/** Step ids the lesson's questions ask for, question by question. */
export function askedSteps(model: LessonModel, graph: Graph | null): Map<string, string[]> {
  const asked = new Map<string, string[]>();
  if (!graph) return asked;
  for (const q of model.questions) if (q.kind === 'number') asked.set(q.id, stepsOfExpr(graph, q.expr));
  return asked;
}

/** The walk: the core's steps, less the backward steps of inputs nobody asks about, renumbered. */
export function walkedSteps(all: Step[], graph: Graph, model: Pick<LessonModel, 'questions'> & { body: Root }): Step[] {
  const wanted = new Set<string>();
  const exprs = [...model.questions.flatMap((q) => (q.kind === 'number' ? [q.expr] : [])), ...valueExprs(model.body.children)];
  for (const e of exprs) for (const id of stepsOfExpr(graph, e)) wanted.add(id);
  return all.filter((s) => !(s.pass === 'backward' && s.role === 'input' && !wanted.has(s.id))).map((s, index) => ({ ...s, index }));
}
