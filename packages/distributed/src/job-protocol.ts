/**
 * What travels in a BullMQ job and back. A job is small: the config as data, and hashes of
 * its inputs (uploaded once per run, see ContentStore). A result is the summary, plus, when
 * the run directory was asked for, a flag saying its files wait under `RedisKeys.result`.
 */
import type { SimulationConfig, SimulationSummary } from '@autoslo/simulator';

/** An input file of the run, placed at `path` (relative to the data dir) on the worker. */
export interface InputFileRef {
  readonly path: string;
  readonly hash: string;
}

export interface SimulationJobData {
  /** The submitting run: workers skip jobs whose run heartbeat has gone. */
  readonly runId: string;
  readonly config: SimulationConfig;
  /** sha256 of the encoded workload (workload-codec.ts). */
  readonly workload: string;
  readonly inputs: readonly InputFileRef[];
  /** Return the run directory's files (the submitter writes them). */
  readonly writeRun: boolean;
}

export type SimulationJobResult =
  | {
      readonly summary: SimulationSummary;
      /** The run directory's files are under `RedisKeys.result(jobId)`. */
      readonly files: boolean;
    }
  /** The job was dropped: its run's heartbeat had gone (the submitter stopped). */
  | { readonly discarded: true };
