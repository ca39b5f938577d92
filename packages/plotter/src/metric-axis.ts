/** What the x axis shows for each SLO metric: the summary field, the label and the scale. */

/** The SLO metric names a manifest may give (`slo_objective_config.slo_metric`). */
export type PlotMetric = 'binary' | 'absolute_s' | 'relative' | 'relative_unconstrained';

export const PLOT_METRICS: readonly PlotMetric[] = [
  'binary',
  'absolute_s',
  'relative',
  'relative_unconstrained',
];

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

export function isPlotMetric(value: unknown): value is PlotMetric {
  return typeof value === 'string' && (PLOT_METRICS as readonly string[]).includes(value);
}

/** The three violation aggregates every execution summary carries. */
export interface ViolationFields {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
}

/**
 * The x value of a run under a metric. `relative_unconstrained` reuses the relative mean, as
 * the reference does (its summaries hold no separate unconstrained field).
 */
export function violationFor(summary: ViolationFields, metric: PlotMetric): number {
  switch (metric) {
    case 'binary':
      return summary.violation_rate;
    case 'absolute_s':
      return summary.violation_amount_s;
    case 'relative':
    case 'relative_unconstrained':
      return summary.violation_relative_mean;
  }
}
