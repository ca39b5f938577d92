/** Every command of `autoslo`, in the order `--help` lists them. One file per command. */
import type { Command } from '../command.js';

export const commands: readonly Command[] = [];
