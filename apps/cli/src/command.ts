/** The shape every `autoslo` command has; the CLI only wires flags to package calls. */
import type { ParseArgsConfig } from 'node:util';
import type { Progress } from './progress.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  /** Resolved data directory (`--data-dir`, `AUTOSLO_DATA_DIR`, or `./data`). */
  readonly dataDir: string;
  /** The working directory relative flag paths (`--policy-module`) are resolved against. */
  readonly cwd: string;
  /** `--json`: print one machine-readable summary to stdout and nothing else there. */
  readonly json: boolean;
  /** `--yes`, or stdin is not a terminal: never prompt. */
  readonly assumeYes: boolean;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Human-readable line to stderr (kept off stdout so `--json` output stays clean). */
  log(line: string): void;
  /** A progress bar on a terminal, plain lines otherwise. */
  progress(label: string, total: number): Progress;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** What `--help` lists; the command itself is loaded only when it runs. */
export interface CommandEntry {
  /** One or two words, e.g. `simulate` or `workload generate`. */
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export interface Command {
  /** Usage lines shown by `autoslo <name> --help`. */
  readonly usage: string;
  readonly options: OptionSpec;
  /** Returns the exit code. Throw `InputError` or `UsageError` for bad input (exit 2). */
  run(ctx: CommandContext, args: ParsedArgs): Promise<number>;
}

/** A wrong flag or argument; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
