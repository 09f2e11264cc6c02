// A worked solution for one question: the steps of the step engine (steps.ts) that lead to the
// quantity it asks for, with one student's numbers in them. Shown after an exam is finished, so
// a student sees how their own exact value comes about, not only what it is.
import { refsOf, type Expr } from './expr.ts';
import type { Graph } from './graph.ts';
import type { Step } from './steps.ts';
import { quantityKey } from './quantity.ts';

/** Every name `start` reaches by following `next` (not including `start`). */
function reach(start: string, next: (name: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    for (const n of next(stack.pop()!)) {
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(n);
    }
  }
  return seen;
}

/**
 * The steps, in walking order, that compute what `target` reads:
 * - a node's value: the forward steps of the node and of every node it is computed from;
 * - grad(name): the backward steps from the loss down to `name`, along every path between them;
 * - updated(name): those backward steps, then the update of `name`.
 * Params and inputs need no step (their values are given).
 */
export function workedSteps(graph: Graph, steps: Step[], target: Expr): Step[] {
  const wanted = new Set<string>();
  const sources = (n: string) => (graph.dependencies.get(n) ?? []).map((e) => e.from);
  const readers = (n: string) => (graph.consumers.get(n) ?? []).map((e) => e.to);
  for (const key of refsOf(target)) {
    const { kind, name } = quantityKey(key);
    if (kind === 'value') {
      for (const n of [name, ...reach(name, sources)]) if (graph.roles.get(n) === 'node') wanted.add(`forward:${n}`);
      continue;
    }
    // Downstream of `name` and upstream of the loss: the names whose gradients feed ∂loss/∂name.
    const onPaths = reach(name, readers);
    for (const n of [name, ...onPaths]) wanted.add(`backward:${n}`);
    if (kind === 'updated') wanted.add(`update:${name}`);
  }
  return steps.filter((s) => wanted.has(s.id));
}
