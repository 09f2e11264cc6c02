// `backstep steps FILE`: the step script a lesson walks, as text or TeX.
import { parseOptions, CliError, numbersToJson, type Command } from '../command.ts';
import type { Edge } from '../../lib/core/graph.ts';
import { loadGraph, studentOptions, studentUsage } from '../load.ts';
import { buildSteps, expandChain, stepsAsText, texToPlain } from '../../lib/core/steps.ts';

const usage = `Usage: backstep steps FILE [--tex] [--pass forward|backward|update] [--chain NAME] [--json]
                      [--student ID --secret-file KEY]

Prints the step script of the graph in FILE: forward steps in topological order, backward steps
(the chain rule at each name, with numbers) in reverse, then the update of every param.

  --tex          print the TeX of each step instead of plain text
  --pass P       only the forward, backward or update steps
  --chain NAME   the full chain rule for NAME, expanded along every path to the loss
  --json         the steps as JSON data
${studentUsage}`;

export const command: Command = {
  usage,
  async run(argv) {
    const { values: opts, positionals } = parseOptions(
      argv,
      { tex: { type: 'boolean' }, pass: { type: 'string' }, chain: { type: 'string' }, json: { type: 'boolean' }, ...studentOptions },
      usage
    );
    if (positionals.length !== 1) throw new CliError(usage, 2);
    const { graph } = loadGraph(positionals[0], { student: opts.student, secretFile: opts['secret-file'] });
    const solution = graph.solve();
    if (opts.chain !== undefined) {
      if (!graph.roles.has(opts.chain)) throw new CliError(`--chain: "${opts.chain}" is not a name in ${positionals[0]} (names: ${graph.order.join(', ')})`, 2);
      const chain = expandChain(graph, opts.chain, solution);
      if (opts.json) console.log(numbersToJson(chain, (k, v) => (k === 'edge' ? `${(v as Edge).from}→${(v as Edge).to}` : v)));
      else if (opts.tex) console.log(`${chain.tex}\n${chain.substitutedTex}`);
      else console.log(`${texToPlain(chain.tex)}\n${texToPlain(chain.substitutedTex)}${chain.truncated ? '\n(only the first paths are shown)' : ''}`);
      return 0;
    }
    if (opts.pass && !['forward', 'backward', 'update'].includes(opts.pass)) throw new CliError(`--pass must be forward, backward or update, not "${opts.pass}"`, 2);
    const steps = buildSteps(graph, solution).filter((s) => !opts.pass || s.pass === opts.pass);
    console.log(opts.json ? numbersToJson(steps) : stepsAsText(steps, opts.tex));
    return 0;
  }
};
