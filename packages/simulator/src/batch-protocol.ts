/** Messages between `evaluateBatch` and its worker threads. */
import type { SimulationSummary } from './run-summary.js';
import type { SimulationConfig, SimulationWorkload } from './simulation-types.js';

export interface BatchWorkerData {
  readonly dataDir: string;
  readonly workloads: readonly SimulationWorkload[];
  /** Modules registering custom policies, imported before the first task. */
  readonly policyModules: readonly string[];
}

export interface BatchTask {
  readonly id: number;
  readonly config: SimulationConfig;
  readonly workload: number;
  readonly outDir?: string;
}

export type BatchReply =
  | { readonly id: number; readonly summary: SimulationSummary }
  | { readonly id: number; readonly error: string };
