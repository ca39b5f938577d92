/**
 * Across-scenario aggregation: each metric and the cost aggregated independently (mean, max
 * or pNN), so a p95 envelope may pair one scenario's violation with another's cost.
 */
import { aggregateAcross, type Scored, type SloMetricName } from '@autoslo/core';
import type { ScenarioSummary } from './types.js';

/** The reference's `AggregatedExecutionResults`, as written to `*_summary.yml`. */
export interface AggregatedResults {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
  readonly cost: number;
  readonly scenario_results: readonly ScenarioSummary[];
}

export function aggregateResults(
  summaries: readonly ScenarioSummary[],
  method: string,
): AggregatedResults {
  const column = (pick: (s: ScenarioSummary) => number) =>
    aggregateAcross(summaries.map(pick), method);
  return {
    violation_rate: column((s) => s.violation_rate),
    violation_amount_s: column((s) => s.violation_amount_s),
    violation_relative_mean: column((s) => s.violation_relative_mean),
    cost: column((s) => s.total_cost),
    scenario_results: summaries,
  };
}

/** The aggregated violation that matches the objective's metric. */
export function primaryViolation(results: AggregatedResults, metric: SloMetricName): number {
  switch (metric) {
    case 'binary':
      return results.violation_rate;
    case 'absolute_s':
      return results.violation_amount_s;
    case 'relative':
    case 'relative_unconstrained':
      return results.violation_relative_mean;
  }
}

/** The (violation, cost) pair the comparator ranks. */
export function scoredOf(results: AggregatedResults, metric: SloMetricName): Scored {
  return { violation: primaryViolation(results, metric), cost: results.cost };
}
