/**
 * An execution manifest run live, entry after entry: core's plan, where "exists" means a
 * complete live run of the pair in the run index, every query's SQL checked before anything
 * is created, then `runLive` per entry with shared clients. The CLI only wires flags to it.
 */
import { type PlannedRun, planExecution } from '@autoslo/core';
import { createLiveClients, type LiveClients } from './live-clients.js';
import {
  type LiveExecutionConfig,
  type LiveRunOptions,
  type LiveRunOutcome,
  runLive,
} from './live-run.js';
import { latestCompleteRun } from './run-index.js';
import { SqlCatalog } from './sql-catalog.js';

export type LiveEntryAction = 'run' | 'skip-exists' | 'skip-missing' | 'skip-split';

export interface LiveEntry {
  readonly planned: PlannedRun;
  readonly action: LiveEntryAction;
  /** The run id of the pair's newest complete live run, if any. */
  readonly previous: string | null;
}

export interface LivePlan {
  readonly manifestFile: string;
  readonly entries: readonly LiveEntry[];
}

/**
 * Plans a manifest's live runs: an entry whose (config, workload) pair has a complete live
 * run is skipped unless `force`.
 * @throws InputError on a bad manifest, or listing every query text without SQL.
 */
export async function planLiveExecution(
  manifest: string,
  options: { dataDir: string; force?: boolean; splits?: number; splitIndex?: number },
): Promise<LivePlan> {
  // force: true for the plan, as "exists" means a complete live run, not a simulator run.
  const plan = await planExecution(manifest, { ...options, force: true });
  const entries: LiveEntry[] = [];
  for (const planned of plan.runs) {
    if (planned.action !== 'run') {
      entries.push({ planned, action: planned.action, previous: null });
      continue;
    }
    const previous = await latestCompleteRun(
      options.dataDir,
      planned.configLabel,
      planned.workloadId,
    );
    const skip = previous !== null && options.force !== true;
    entries.push({ planned, action: skip ? 'skip-exists' : 'run', previous });
  }
  // Every query's SQL must exist before any money is spent.
  await SqlCatalog.load(
    options.dataDir,
    entries
      .filter((e) => e.action === 'run')
      .flatMap((e) => e.planned.workload?.trace.queryTextId ?? []),
  );
  return { manifestFile: plan.manifestFile, entries };
}

export interface LivePlanOptions
  extends Omit<LiveRunOptions, 'executionConfigId' | 'runId' | 'clients' | 'onProgress'> {
  /** Shared by every run (default: the standard chain's, destroyed at the end). */
  readonly clients?: LiveClients;
  /** Called as a run starts; returns its progress callback. */
  readonly onRunStart?: (entry: LiveEntry) => ((done: number, total: number) => void) | undefined;
  /** Called as a run ends (stopped or not). */
  readonly onRunEnd?: (entry: LiveEntry) => void;
  /** Awaited after each complete run, before the next starts. */
  readonly onRunDone?: (entry: LiveEntry, outcome: LiveRunOutcome) => Promise<void> | void;
}

/**
 * Runs every `run` entry of `plan` in order.
 * @throws LiveRunAborted from the first run that is stopped (the later ones do not start).
 */
export async function runLivePlan(
  plan: LivePlan,
  options: LivePlanOptions,
): Promise<{ entry: LiveEntry; outcome: LiveRunOutcome }[]> {
  const { onRunStart, onRunEnd, onRunDone, clients: given, ...runOptions } = options;
  const clients = given ?? createLiveClients();
  const out: { entry: LiveEntry; outcome: LiveRunOutcome }[] = [];
  try {
    for (const entry of plan.entries) {
      if (entry.action !== 'run') continue;
      const { planned } = entry;
      const onProgress = onRunStart?.(entry);
      try {
        const outcome = await runLive(
          planned.config as LiveExecutionConfig,
          planned.workload as NonNullable<PlannedRun['workload']>,
          {
            ...runOptions,
            executionConfigId: planned.configLabel,
            clients,
            ...(onProgress ? { onProgress } : {}),
          },
        );
        onRunEnd?.(entry);
        out.push({ entry, outcome });
        await onRunDone?.(entry, outcome);
      } catch (error) {
        onRunEnd?.(entry);
        throw error;
      }
    }
  } finally {
    if (given === undefined) clients.destroy();
  }
  return out;
}
