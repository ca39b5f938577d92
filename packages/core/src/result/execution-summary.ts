/** What one run scores: violations under an SLO resolver, and its cost. */
import type { QueryLatencies } from './query-latencies.js';

/** The reference's `ExecutionResult` fields; the tuner and the plotter compare these. */
export interface ExecutionSummary {
  /** Fraction of the window's completed queries over their SLO (binary mean). */
  readonly violation_rate: number;
  /** Mean overshoot max(0, L − S), seconds. */
  readonly violation_amount_s: number;
  /** Mean relative overshoot max(0, (L − S)/S). */
  readonly violation_relative_mean: number;
  /** Dollars: billed cost of every cluster (simulated), or charged RPU-seconds (live). */
  readonly total_cost: number;
  /** Completed queries in the window. */
  readonly num_queries: number;
  /** The last completion time, seconds since the run started. */
  readonly total_rel_time_s: number;
  readonly tail_fraction: number;
  readonly min_cluster_index: number | null;
}

/** A loaded run: its summary plus what it was computed from. */
export interface ExecutionResult extends ExecutionSummary {
  readonly execution_dir: string;
  readonly kind: 'simulated' | 'live';
  /** The window's completed queries, by arrival. */
  readonly queries: QueryLatencies;
  /** Things a reader should know (an open-loop run, aborted queries, an empty window). */
  readonly warnings: readonly string[];
}
