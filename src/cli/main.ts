// Entry point of the `backstep` command: dispatches to one module per subcommand, and turns
// every failure into a message and an exit status, never a stack trace.
import { CliError, type Command } from './command.ts';

/** Each subcommand lives in its own module, loaded only when used (so `solve` never loads the trainer). */
const commands: Record<string, () => Promise<{ command: Command }>> = {
  solve: () => import('./commands/solve.ts'),
  steps: () => import('./commands/steps.ts'),
  lint: () => import('./commands/lint.ts'),
  train: () => import('./commands/train.ts'),
  bench: () => import('./commands/bench.ts'),
  grade: () => import('./commands/grade.ts'),
  variants: () => import('./commands/variants.ts'),
  test: () => import('./commands/test.ts')
};

async function help(): Promise<string> {
  const lines = ['Usage: backstep <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const summary = await load().then(({ command }) => command.summary, () => '(not available in this build)');
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Run `backstep <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 1;
  }
  if (name === '--version') {
    console.log('backstep 0.1.0');
    return 0;
  }
  const load = commands[name];
  if (!load) {
    console.error(`backstep: unknown command "${name}"\n\n${await help()}`);
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
