/**
 * The shapes the tuner works on. Configs are the execution-config documents of
 * `@autoslo/config` (snake_case); the tuner only needs the parts named here, so any
 * `ExecutionConfig` fits.
 */
import type { SloObjective } from '@autoslo/core';
import type { Recorder } from './recorder.js';

/** A scheduled spin-up: at `rel_time_s`, start one cluster of `rpu`. */
export interface ScheduledSpinupEntry {
  rel_time_s: number;
  rpu: number;
}

/** The parts of an execution config the tuner reads or rewrites. */
export interface TunableConfig {
  managed_cluster_pool_config: { initial_rpus: number[]; max_clusters?: number | null };
  scheduled_spinups?: ScheduledSpinupEntry[] | null;
}

/** Per-scenario metrics of one simulation (the fields of core's `ExecutionSummary` used here). */
export interface ScenarioSummary {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
  readonly total_cost: number;
}

/**
 * Per-query outcome of one scenario run: arrival and completion (seconds, relative) and the
 * violation under the tuning metric. Completed queries only.
 */
export interface QueryTimeline {
  readonly arrivalS: Float64Array;
  readonly completionS: Float64Array;
  readonly violation: Float64Array;
}

/** One simulated (config, scenario) pair. */
export interface ScenarioRun {
  readonly summary: ScenarioSummary;
  /** The run directory, when the evaluator wrote one. */
  readonly dir: string | null;
  /** Per-query outcomes, read lazily (only the spin-up optimizer needs them). */
  timeline(): Promise<QueryTimeline>;
}

export type ScenarioSetName = 'train' | 'val';

/**
 * Runs configs on the tuner's scenario sets. Results are indexed
 * `[configIndex][scenarioIndex]`. `scenarios` restricts to a subset of the set's indices
 * (adaptive sweeps); results then follow that subset's order.
 */
export interface ScenarioSetEvaluator<C> {
  scenarioCount(set: ScenarioSetName): number;
  evaluate(request: EvaluationRequest<C>): Promise<ScenarioRun[][]>;
}

export interface EvaluationRequest<C> {
  readonly set: ScenarioSetName;
  readonly configs: readonly C[];
  /** One directory-safe label per config (`config_0`, `c0_a1_rpu32`, ...). */
  readonly labels: readonly string[];
  /** Where the runs go, config-first: `<outDir>/<label>/<workload id>/`. */
  readonly outDir: string;
  readonly scenarios?: readonly number[];
  /**
   * The caller will read per-query timelines of these runs (the spin-up optimizer's training
   * batches). Evaluators that only keep them in run directories write those.
   */
  readonly needTimelines?: boolean;
}

/** What every search phase (spin-up optimizer, parameter sweeps) takes besides its settings. */
export interface TuningPhaseOptions<C> {
  readonly evaluator: ScenarioSetEvaluator<C>;
  /** The tuning objective (the tuner config's, not the execution config's). */
  readonly objective: SloObjective;
  /** How a metric is aggregated across scenarios (`mean`, `max`, `pNN`). */
  readonly aggregation: string;
  /** Phase directory: the phase's simulations and artifacts go below it. */
  readonly outDir: string;
  readonly record?: Recorder;
  /** Called after each batch of simulations with the number of runs it held. */
  readonly onBatch?: (runs: number) => void;
}
