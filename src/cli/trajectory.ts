// `backstep solve FILE --steps N`: the trajectory of N optimizer steps on a graph (core/optimize.ts)
// as a table (step, loss, every param) or as JSON with the gradients and the optimizer's state.
import { numbersToJson } from './command.ts';
import { optimize, type Trajectory } from '../lib/core/optimize.ts';
import { describeSettings, hyperparametersRead } from '../lib/core/optimizers.ts';
import type { Graph } from '../lib/core/graph.ts';

/** Print the trajectory; the exit status is 1 when the run diverged (its message goes to stderr). */
export function printTrajectory(graph: Graph, steps: number, json: boolean): number {
  const trajectory = optimize(graph, undefined, steps);
  if (json) console.log(numbersToJson(trajectoryJson(trajectory)));
  else printTable(graph, trajectory);
  if (trajectory.diverged) console.error(`error: ${trajectory.diverged.message}`);
  else if (trajectory.warning) console.error(`warning: ${trajectory.warning}`);
  return trajectory.diverged ? 1 : 0;
}

function trajectoryJson(t: Trajectory) {
  return {
    optimizer: { name: t.optimizer.name, ...hyperparametersRead(t.optimizer) },
    steps: t.steps.map((s) => ({ step: s.step, loss: s.loss, params: s.params, gradients: s.gradients, ...(s.stepSize === undefined ? {} : { step_size: s.stepSize }), state: s.state })),
    ...(t.diverged ? { diverged: t.diverged } : {}),
    ...(t.warning ? { warning: t.warning } : {})
  };
}

function printTable(graph: Graph, t: Trajectory) {
  const names = Object.keys(graph.spec.params);
  const head = ['step', graph.spec.loss, ...names];
  const rows = t.steps.map((s) => [String(s.step), fmt(s.loss), ...names.map((n) => fmt(s.params[n]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(`${describeSettings(t.optimizer)}, ${t.steps.length - 1} step${t.steps.length === 2 ? '' : 's'}`);
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const fmt = (v: number) => v.toPrecision(12).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
