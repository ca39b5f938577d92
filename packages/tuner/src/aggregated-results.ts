/**
 * Across-scenario aggregation: each metric and the cost aggregated independently (mean, max
 * or pNN), so a p95 envelope may pair one scenario's violation with another's cost.
 */
import {
  aggregateSummaries,
  type Scored,
  type SloMetricName,
  violationForMetric,
} from '@autoslo/core';
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
  // Core's aggregation; the tuner's summary files name the method in the tuner config instead.
  const { aggregation_method: _method, ...results } = aggregateSummaries(summaries, method);
  return results;
}

/** The aggregated violation that matches the objective's metric. */
export function primaryViolation(results: AggregatedResults, metric: SloMetricName): number {
  return violationForMetric(results, metric);
}

/** The (violation, cost) pair the comparator ranks. */
export function scoredOf(results: AggregatedResults, metric: SloMetricName): Scored {
  return { violation: primaryViolation(results, metric), cost: results.cost };
}
