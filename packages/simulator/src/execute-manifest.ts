/**
 * `execute --execution-manifest` in simulator mode: the plan (core's `planExecution`), then
 * the runs, grouped by workload and spread over worker threads.
 */
import { DataDir } from '@autoslo/config';
import type { ExecutionPlan, PlannedRun } from '@autoslo/core';
import type { LoadedWorkload } from '@autoslo/workload';
import { type BatchExecutor, evaluateBatch } from './evaluate-batch.js';
import type { SimulationSummary } from './run-summary.js';
import type { SimulationConfig } from './simulation-types.js';

export type {
  ExecutionPlan,
  PlanAction,
  PlannedRun,
  PlanOptions,
} from '@autoslo/core';
export { planExecution } from '@autoslo/core';

export interface ExecutedRun {
  readonly run: PlannedRun;
  readonly summary: SimulationSummary;
}

/** Runs every `run` entry of a plan, one batch per workload, on worker threads (or `executor`). */
export async function runPlan(
  plan: ExecutionPlan,
  options: {
    dataDir: string;
    threads?: number;
    /** Modules registering custom policies (see `EvaluateBatchOptions.policyModules`). */
    policyModules?: readonly string[];
    /** Runs each batch (default: `evaluateBatch` on local worker threads). */
    executor?: BatchExecutor;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ExecutedRun[]> {
  const execute = options.executor ?? evaluateBatch;
  const toRun = plan.runs.filter((r) => r.action === 'run');
  const byWorkload = new Map<string, PlannedRun[]>();
  for (const r of toRun) byWorkload.set(r.workloadId, [...(byWorkload.get(r.workloadId) ?? []), r]);
  const dir = new DataDir(options.dataDir);
  const out: ExecutedRun[] = [];
  let done = 0;
  for (const group of byWorkload.values()) {
    const workload = (group[0] as PlannedRun).workload as LoadedWorkload;
    const results = await execute({
      configs: group.map((r) => r.config as SimulationConfig),
      workloads: [workload],
      dataDir: options.dataDir,
      outRoot: dir.simulatorRunsDir,
      configIds: group.map((r) => r.configLabel),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.policyModules !== undefined ? { policyModules: options.policyModules } : {}),
      onProgress: () => options.onProgress?.(++done, toRun.length),
    });
    group.forEach((r, i) => {
      out.push({ run: r, summary: (results[i] as SimulationSummary[])[0] as SimulationSummary });
    });
  }
  return out;
}
