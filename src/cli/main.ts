// Entry point of the `backstep` command: dispatches to one module per subcommand, and turns
// every failure into a message and an exit status, never a stack trace.
import { CliError, type Command } from './command.ts';

/**
 * Each subcommand lives in its own module, loaded only when used (so `solve` never loads the
 * trainer, and `--help` loads none). Its one-line summary is here, for the list.
 */
const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  solve: { summary: 'forward values, gradients and one update step of a graph spec', load: () => import('./commands/solve.ts') },
  steps: { summary: 'the forward, backward and update steps of a graph, as text or TeX', load: () => import('./commands/steps.ts') },
  lint: { summary: 'check lessons, exercises and specs; report file:line:col errors', load: () => import('./commands/lint.ts') },
  test: { summary: "run exercises' marking tests (reference answers, expect: cases)", load: () => import('./commands/test.ts') },
  variants: { summary: "signed per-student seeds, codes and links for an exercise's variants", load: () => import('./commands/variants.ts') },
  key: { summary: "every roster student's exact answers (the instructor's answer key)", load: () => import('./commands/key.ts') },
  grade: { summary: 'grade submissions of an exercise (JSON, CSV, Gradescope results.json)', load: () => import('./commands/grade.ts') },
  gradescope: { summary: 'write a Gradescope autograder (autograder.zip) for an exercise', load: () => import('./commands/gradescope.ts') },
  train: { summary: 'train an MLP on MNIST digits (cpu or webgpu); JSON summary on stdout', load: () => import('./commands/train.ts') },
  bench: { summary: 'benchmark training: backstep cpu/webgpu vs TensorFlow.js cpu/wasm/webgpu', load: () => import('./commands/bench.ts') }
};

function help(): string {
  const lines = ['Usage: backstep <command> [options]', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${summary}`);
  lines.push('', 'Run `backstep <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  if (name === '--version') {
    console.log('backstep 0.1.0');
    return 0;
  }
  const load = commands[name]?.load;
  if (!load) {
    console.error(`backstep: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    // An unexpected failure is still reported in one line; set BACKSTEP_DEBUG=1 for the stack.
    console.error(`backstep ${name}: internal error: ${(err as Error)?.message ?? err}`);
    if (process.env.BACKSTEP_DEBUG) console.error(err);
    return 70;
  }
}
