// N gradient-descent steps on a lesson's graph, for the workbench's "train N steps": each step is
// the graph's own one-step update (Solution.updated, the same numbers the update pass shows).
// This is the one call to swap for the core's N-step optimizer API once it exists.
import type { Graph } from '../../core/graph.ts';

export interface Descent {
  /** The cost before any step, then after each step. */
  costs: number[];
  /** The params the last step reached (to put in the workbench). */
  params: Record<string, number>;
  /** Set when a step left the numbers non-finite: the run stopped there. */
  diverged?: number;
}

export function descend(graph: Graph, start: Record<string, number>, steps: number): Descent {
  let overrides = { ...start };
  const costs: number[] = [];
  for (let k = 0; ; k++) {
    const solution = graph.solve(overrides);
    costs.push(solution.loss);
    if (!Number.isFinite(solution.loss)) return { costs, params: overrides, diverged: k };
    if (k === steps) return { costs, params: overrides };
    overrides = { ...overrides, ...solution.updated };
  }
}
