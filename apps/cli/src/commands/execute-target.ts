/** `--execution-manifest` and `--splits N --split-index K`, read the same way by both modes of `execute`. */
import { UsageError } from '../command.js';
import { intFlag, stringFlag } from './workload-flags.js';

type Values = Parameters<typeof stringFlag>[0];

export interface ExecuteTarget {
  readonly manifest: string;
  /** Spread into `planExecution`'s options: empty, or this process's share of the entries. */
  readonly split: { readonly splits: number; readonly splitIndex: number } | Record<string, never>;
}

/** @throws UsageError for a missing manifest or an incomplete or out-of-range split. */
export function executeTarget(values: Values): ExecuteTarget {
  const manifest = stringFlag(values, 'execution-manifest');
  if (!manifest) throw new UsageError('--execution-manifest is required');
  const splits = intFlag(values, 'splits');
  const splitIndex = intFlag(values, 'split-index');
  if ((splits === undefined) !== (splitIndex === undefined))
    throw new UsageError('--splits and --split-index go together');
  if (splits === undefined || splitIndex === undefined) return { manifest, split: {} };
  if (splits < 1 || splitIndex < 0 || splitIndex >= splits)
    throw new UsageError('--split-index must be in 0..N-1 with --splits N >= 1');
  return { manifest, split: { splits, splitIndex } };
}
