/** Messages between a worker process and its simulation threads. */
import type { SimulationConfig, SimulationSummary } from '@autoslo/simulator';
import type { FileEntries } from './file-bundle.js';

export interface SimulationThreadData {
  /** Modules registering custom policies, imported before the first task. */
  readonly policyModules: readonly string[];
}

export interface ThreadTask {
  readonly id: number;
  readonly config: SimulationConfig;
  /** sha256 of the encoded workload; the thread keeps decoded workloads by it. */
  readonly workloadHash: string;
  /** The encoded workload, sent when the thread asked for it (`need`). */
  readonly workloadBytes?: Uint8Array;
  /** A data dir holding the run's input files. */
  readonly dataDir: string;
  /** Write the run here, return its files and remove it. */
  readonly outDir?: string;
}

export type ThreadReply =
  | { readonly id: number; readonly summary: SimulationSummary; readonly files?: FileEntries }
  | { readonly id: number; readonly need: string }
  | { readonly id: number; readonly error: string };
