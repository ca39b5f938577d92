/**
 * Aggregation of scenario results (the reference's `AggregatedExecutionResults`): each
 * metric and the cost aggregated independently, so a p95 violation and a p95 cost may
 * come from different scenarios (a pessimistic envelope).
 */
import {
  type AggregationMethod,
  aggregateAcross,
  parseAggregationMethod,
} from '../slo/aggregate-across.js';
import type { SloMetricName } from '../slo/slo-metric.js';
import type { ExecutionSummary } from './execution-summary.js';

/** The summary fields aggregation reads (the tuner's scenario summaries carry only these). */
export type AggregatableSummary = Pick<
  ExecutionSummary,
  'violation_rate' | 'violation_amount_s' | 'violation_relative_mean' | 'total_cost'
>;

export interface AggregatedExecutionResults<S extends AggregatableSummary = ExecutionSummary> {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
  readonly cost: number;
  readonly aggregation_method: AggregationMethod;
  readonly scenario_results: readonly S[];
}

/** Aggregates scenario summaries by `mean`, `max` or `pNN`; an empty list gives zeros. */
export function aggregateSummaries<S extends AggregatableSummary>(
  summaries: readonly S[],
  method: AggregationMethod | string,
): AggregatedExecutionResults<S> {
  const checked = parseAggregationMethod(method);
  const of = (pick: (s: S) => number) => aggregateAcross(summaries.map(pick), checked);
  return {
    violation_rate: of((s) => s.violation_rate),
    violation_amount_s: of((s) => s.violation_amount_s),
    violation_relative_mean: of((s) => s.violation_relative_mean),
    cost: of((s) => s.total_cost),
    aggregation_method: checked,
    scenario_results: summaries,
  };
}

/**
 * The violation matching an objective's metric. `relative_unconstrained` reuses the
 * relative mean, as the reference's plots do.
 */
export function violationForMetric(
  result: Pick<
    ExecutionSummary,
    'violation_rate' | 'violation_amount_s' | 'violation_relative_mean'
  >,
  metric: SloMetricName,
): number {
  switch (metric) {
    case 'binary':
      return result.violation_rate;
    case 'absolute_s':
      return result.violation_amount_s;
    case 'relative':
    case 'relative_unconstrained':
      return result.violation_relative_mean;
  }
}
