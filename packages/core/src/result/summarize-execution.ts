/** Scores an in-memory run (the simulator's log and billing) without writing files. */
import type { StructuredLog } from '../log/structured-log.js';
import type { SloResolver } from '../slo/slo-resolver.js';
import type { ExecutionSummary } from './execution-summary.js';
import { extractQueryLatencies } from './query-latencies.js';
import { selectQueryWindow, type WindowOptions } from './query-window.js';
import { summarizeViolations } from './summarize-queries.js';

export interface SummarizeExecutionOptions extends WindowOptions {
  readonly resolver: SloResolver;
  /** Dollars, e.g. `totalBilledCost(buildBillingIntervalAnalysis(...))`. */
  readonly totalCost: number;
}

/** The same numbers `loadExecutionResult` gives for the run once written. */
export function summarizeExecution(
  log: StructuredLog,
  options: SummarizeExecutionOptions,
): ExecutionSummary {
  const all = extractQueryLatencies(log);
  const window = selectQueryWindow(all, log, options);
  let lastCompletion = 0;
  for (let i = 0; i < all.length; i++)
    lastCompletion = Math.max(lastCompletion, all.completionS[i] as number);
  return {
    ...summarizeViolations(window.queries, options.resolver),
    total_cost: options.totalCost,
    num_queries: window.queries.length,
    total_rel_time_s: lastCompletion,
    tail_fraction: options.tailFraction ?? 1,
    min_cluster_index: options.minClusterIndex ?? null,
  };
}
