/** The run's score, accumulated as queries complete (reference `ExecutionResult` fields). */

export interface SimulationSummary {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
  readonly total_cost: number;
  readonly num_queries: number;
  readonly total_rel_time_s: number;
  readonly tail_fraction: number;
  readonly min_cluster_index: number | null;
}

export class SummaryAccumulator {
  private violations = 0;
  private overshootS = 0;
  private relative = 0;
  count = 0;
  lastCompletionS = 0;

  add(latencyS: number, sloS: number, completionS: number): void {
    this.count++;
    if (latencyS > sloS) {
      this.violations++;
      this.overshootS += latencyS - sloS;
      this.relative += (latencyS - sloS) / sloS;
    }
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
