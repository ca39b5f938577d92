/** Argument handling shared by every command: global flags, aliases, exit codes. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssue, isInputError } from '@autoslo/config';
import { type CommandContext, type CommandEntry, type OptionSpec, UsageError } from './command.js';
import { commands } from './commands/index.js';
import { createProgress } from './progress.js';
import { CLI_VERSION } from './version.js';

const GLOBAL_OPTIONS: OptionSpec = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
};

export interface MainIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The reference's snake_case flags (`--tuning_manifest_path`) are accepted as kebab-case aliases. */
export function normalizeFlags(argv: readonly string[]): string[] {
  return argv.map((arg) => {
    if (!arg.startsWith('--') || arg === '--') return arg;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const rest = eq === -1 ? '' : arg.slice(eq);
    return `--${name.replaceAll('_', '-')}${rest}`;
  });
}

function findCommand(argv: readonly string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const [first, second] = argv;
  const two = commands.find((c) => c.name === `${first} ${second}`);
  if (two) return { entry: two, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === first);
  if (one) return { entry: one, rest: argv.slice(1) };
  return undefined;
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  return [
    'Usage: autoslo <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR   data directory (default: $AUTOSLO_DATA_DIR or ./data)',
    '  --json           print a machine-readable summary',
    '  --yes, -y        never ask for confirmation',
    '  --help, -h       show help (also: autoslo help <command>)',
    '  --version, -V    print the version',
    '',
    'Exit codes: 0 success, 1 failure while running, 2 bad input.',
  ].join('\n');
}

/** The commands of a group (`autoslo workload --help` lists `workload generate`, ...). */
function groupHelpText(group: string): string | undefined {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  if (members.length === 0) return undefined;
  const width = Math.max(...members.map((c) => c.name.length));
  return [
    `Usage: autoslo ${group} <${members.map((c) => c.name.slice(group.length + 1)).join('|')}> [options]`,
    '',
    'Commands:',
    ...members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run 'autoslo ${group} <command> --help' for the options of one.`,
  ].join('\n');
}

/** Usage of the command `words` names, or of its group; undefined when neither exists. */
async function commandHelp(words: readonly string[]): Promise<string | undefined> {
  const found = findCommand(words);
  if (found?.rest.every((w) => w.startsWith('-'))) return (await found.entry.load()).usage;
  return words.length === 1 ? groupHelpText(words[0] as string) : undefined;
}

export async function main(rawArgv: readonly string[], io: MainIO): Promise<number> {
  const argv = normalizeFlags(rawArgv);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout.write(`${helpText()}\n`);
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  if (argv[0] === 'help') {
    // `autoslo help`, `autoslo help validate`, `autoslo help workload generate`.
    if (argv.length === 1) {
      io.stdout.write(`${helpText()}\n`);
      return 0;
    }
    const usage = await commandHelp(argv.slice(1));
    if (usage === undefined) {
      err(
        `autoslo help: unknown command '${argv.slice(1).join(' ')}'. Run 'autoslo --help' for the list.`,
      );
      return 2;
    }
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    // A group alone, or with --help: its commands (`autoslo workload --help`).
    const group = groupHelpText(argv[0] as string);
    if (group !== undefined) {
      const asked = argv.length === 1 || argv.slice(1).some((a) => a === '--help' || a === '-h');
      if (asked) {
        io.stdout.write(`${group}\n`);
        return 0;
      }
      err(`autoslo ${argv[0]}: unknown command '${argv[0]} ${argv[1]}'.`);
      err(group);
      return 2;
    }
    err(`autoslo: unknown command '${argv[0]}'. Run 'autoslo --help' for the list.`);
    return 2;
  }
  const { entry, rest } = found;
  const name = entry.name;
  try {
    const command = await entry.load();
    const parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    const values = parsed.values as Record<
      string,
      string | boolean | string[] | boolean[] | undefined
    >;
    if (values.help) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    const json = values.json === true;
    const dataDir = resolve(
      io.cwd,
      (values['data-dir'] as string | undefined) ?? io.env.AUTOSLO_DATA_DIR ?? 'data',
    );
    const ctx: CommandContext = {
      dataDir,
      cwd: io.cwd,
      json,
      assumeYes: values.yes === true || !io.stdinIsTTY,
      stdout: io.stdout,
      stderr: io.stderr,
      log: err,
      progress: (label, total) => createProgress(io.stderr, label, total),
    };
    return await command.run(ctx, { values, positionals: parsed.positionals });
  } catch (error) {
    if (isInputError(error)) {
      for (const issue of error.issues) err(`error: ${formatIssue(issue)}`);
      return 2;
    }
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      err(`autoslo ${name}: ${(error as Error).message}`);
      err(`Run 'autoslo ${name} --help' for usage.`);
      return 2;
    }
    err(`autoslo ${name} failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
