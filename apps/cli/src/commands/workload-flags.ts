/** Flag parsing shared by the `workload` commands. */

import type { ParsedArgs } from '../command.js';
import { UsageError } from '../command.js';

type Values = ParsedArgs['values'];

export function stringFlag(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function numberFlag(values: Values, name: string, integer = false): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} expects ${integer ? 'an integer' : 'a number'}, got '${text}'`);
  }
  return n;
}

export function intFlag(values: Values, name: string): number | undefined {
  return numberFlag(values, name, true);
}

/** Writes one JSON document to stdout (the `--json` contract). */
export function printJson(stdout: NodeJS.WritableStream, value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
