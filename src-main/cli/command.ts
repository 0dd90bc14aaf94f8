import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One `styleinject <name>` subcommand; lives in its own file under commands/ and is listed in registry.ts. */
export interface Command {
  name: string;
  /** One line for `styleinject --help`. */
  summary: string;
  /** Arguments after the name, e.g. "[--json] [--backend <name>]". */
  usage: string;
  /** Flags, in node:util parseArgs form; unknown flags are a usage error. */
  options: OptionSpec;
  /** Whether it takes bare arguments (file names ...); when false, any is a usage error. */
  positionals?: boolean;
  /** Lines explaining the flags, for `styleinject <name> --help`. */
  help: string[];
  /** Does the work; resolves to the process exit code. */
  run(values: OptionValues, positionals: string[]): Promise<number>;
}

/** A mistake in how the command was called: reported with the usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
