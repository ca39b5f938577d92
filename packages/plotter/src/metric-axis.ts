/** What the x axis shows for each SLO metric: the summary field, the label and the scale. */
import {
  type ExecutionSummary,
  isSloMetricName,
  SLO_METRIC_NAMES,
  type SloMetricName,
  violationForMetric,
} from '@autoslo/core';

/** The SLO metric names a manifest may give (`slo_objective_config.slo_metric`): core's. */
export type PlotMetric = SloMetricName;

export const PLOT_METRICS: readonly PlotMetric[] = SLO_METRIC_NAMES;

export interface MetricAxis {
  readonly label: string;
  readonly scale: 'linear' | 'logarithmic';
  /** Short name for bar labels and tables. */
  readonly short: string;
}

const AXES: Record<PlotMetric, MetricAxis> = {
  binary: { label: 'SLO Violation Rate', scale: 'linear', short: 'rate' },
  absolute_s: { label: 'Mean SLO Violation Amount (s)', scale: 'logarithmic', short: 'amount' },
  relative: { label: 'Mean Relative SLO Violation', scale: 'linear', short: 'relative' },
  relative_unconstrained: {
    label: 'Mean Relative SLO Violation (Unconstrained)',
    scale: 'linear',
    short: 'relative',
  },
};

export function metricAxis(metric: PlotMetric): MetricAxis {
  return AXES[metric];
}

export const isPlotMetric: (value: unknown) => value is PlotMetric = isSloMetricName;

/** The three violation aggregates every execution summary carries. */
export type ViolationFields = Pick<
  ExecutionSummary,
  'violation_rate' | 'violation_amount_s' | 'violation_relative_mean'
>;

/**
 * The x value of a run under a metric (core's `violationForMetric`): `relative_unconstrained`
 * reuses the relative mean, as the reference does (its summaries hold no separate field).
 */
export const violationFor: (summary: ViolationFields, metric: PlotMetric) => number =
  violationForMetric;
