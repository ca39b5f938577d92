/** The run's score, accumulated as queries complete (reference `ExecutionResult` fields). */
import { type ExecutionSummary, perQueryViolation, roundDecimals } from '@autoslo/core';

/**
 * Latency rounded to milliseconds as the run's log is read back (`extractQueryLatencies`),
 * so the in-memory summary equals the one loaded from the run directory. Python-style
 * rounding only matters at exact ties; elsewhere the fast path gives the same double.
 */
export function roundLatency(x: number): number {
  const y = x * 1000;
  const frac = y - Math.floor(y);
  if (Math.abs(frac - 0.5) < 1e-6) return roundDecimals(x, 3);
  return Math.round(y) / 1000;
}

/** A simulation's summary: core's `ExecutionSummary`, the one the run directory loads back to. */
export type SimulationSummary = ExecutionSummary;

/**
 * The summary `loadExecutionResult` computes from the run directory (core's
 * `summarizeViolations`), built as queries complete: the same per-query violations, summed
 * in completion order.
 */
export class SummaryAccumulator {
  private violations = 0;
  private overshootS = 0;
  private relative = 0;
  count = 0;
  lastCompletionS = 0;

  add(rawLatencyS: number, sloS: number, completionS: number): void {
    const latencyS = roundLatency(rawLatencyS);
    this.count++;
    this.violations += perQueryViolation('binary', latencyS, sloS);
    this.overshootS += perQueryViolation('absolute_s', latencyS, sloS);
    this.relative += perQueryViolation('relative', latencyS, sloS);
    if (completionS > this.lastCompletionS) this.lastCompletionS = completionS;
  }

  summary(totalCost: number): SimulationSummary {
    const n = this.count;
    return {
      violation_rate: n === 0 ? 0 : this.violations / n,
      violation_amount_s: n === 0 ? 0 : this.overshootS / n,
      violation_relative_mean: n === 0 ? 0 : this.relative / n,
      total_cost: totalCost,
      num_queries: n,
      total_rel_time_s: this.lastCompletionS,
      tail_fraction: 1,
      min_cluster_index: null,
    };
  }
}
