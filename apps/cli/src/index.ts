export type { Command, CommandContext, CommandEntry, ParsedArgs } from './command.js';
export { UsageError } from './command.js';
export { type MainIO, main, normalizeFlags } from './main.js';
