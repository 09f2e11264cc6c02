// The shape every `backstep` subcommand shares, and the error type that becomes a clean message.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** An error meant for the user: printed as is, with an exit status, no stack trace. */
export class CliError extends Error {
  constructor(message: string, public exitCode = 1) {
    super(message);
  }
}

/** node:util parseArgs, with unknown options reported as a CliError naming the usage. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`, 2);
  }
}

/**
 * JSON for numbers from the engine: full float64 precision, and Infinity, -Infinity and NaN as
 * the strings "Infinity", "-Infinity" and "NaN" (JSON has no such numbers; JSON.stringify would
 * write null, which reads back as 0 in too many tools).
 */
export function numbersToJson(data: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(
    data,
    (key, value) => {
      const v = replacer ? replacer(key, value) : value;
      return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    },
    2
  );
}
