// `backstep solve FILE`: every value, gradient and updated param of a graph, as a table or JSON.
import { parseOptions, CliError, numbersToJson, type Command } from '../command.ts';
import { loadGraph, studentOptions, studentUsage } from '../load.ts';
import { printTrajectory } from '../trajectory.ts';
import { MAX_STEPS } from '../../lib/core/optimize.ts';

const usage = `Usage: backstep solve FILE [--json] [--steps N] [--student ID --secret-file KEY]

Runs the forward pass, the backward pass and one gradient-descent step on the graph spec in FILE
(a lesson or exercise .md with front matter, or a .yaml/.json spec).

  --json      print { values, gradients, updated } as JSON (full float64 precision; a value
              that is not finite is written "Infinity", "-Infinity" or "NaN")
  --steps N   train instead: N steps of the spec's optimizer (optimizer: in the spec; default
              gradient descent at its learning_rate), printing the loss and every param from
              step 0 (the start) to N; with --json also the gradients and the optimizer's state
              (velocity, m, v, m_hat, v_hat, …) at every step. Exit status 1 if the run diverges.
${studentUsage}`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(argv, { json: { type: 'boolean' }, steps: { type: 'string' }, ...studentOptions }, usage);
    if (positionals.length !== 1) throw new CliError(usage, 2);
    const steps = opts.steps === undefined ? undefined : Number(opts.steps);
    if (steps !== undefined && !(/^\d+$/.test(opts.steps!) && steps <= MAX_STEPS)) {
      throw new CliError(`--steps must be a whole number from 0 to ${MAX_STEPS}, not "${opts.steps}"`, 2);
    }
    const { graph } = loadGraph(positionals[0], { student: opts.student, secretFile: opts['secret-file'] });
    if (steps !== undefined) return printTrajectory(graph, steps, opts.json === true);
    const solution = graph.solve();
    if (opts.json) {
      const { values, gradients, updated, loss } = solution;
      console.log(numbersToJson({ values, gradients, updated, loss, learning_rate: graph.spec.learningRate }));
      return 0;
    }
    const rows = graph.order.map((name) => [
      name,
      graph.roles.get(name)!,
      fmt(solution.values[name]),
      fmt(solution.gradients[name]),
      name in solution.updated ? fmt(solution.updated[name]) : ''
    ]);
    const head = ['name', 'role', 'value', `∂${graph.spec.loss}/∂name`, 'updated'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(head));
    console.log(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    console.log(`\nloss ${graph.spec.loss} = ${fmt(solution.loss)}, learning rate α = ${graph.spec.learningRate}`);
    return 0;
  }
};

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(12).replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1') : String(v));
