/**
 * What the per-run activity charts (clusters over time, latency CDF) share: one stepped
 * line per method in its format's colour, a bold panel title and the legend below.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatFor } from '../formatting.js';

type LineChart = ChartConfiguration<'line'>;
type LineDataset = LineChart['data']['datasets'][number];
type LinePlugins = NonNullable<NonNullable<LineChart['options']>['plugins']>;

/** A method's step line: chart.js 'before' holds each value until the next point, then steps. */
export function stepLineDataset(
  method: { readonly label: string; readonly formattingId: string },
  data: { x: number; y: number }[],
): LineDataset {
  const { format } = formatFor(method.formattingId);
  return {
    label: method.label,
    data,
    borderColor: format.color,
    backgroundColor: format.color,
    borderWidth: 2.5,
    pointRadius: 0,
    stepped: 'before' as const,
  };
}

/** The panel title (hidden when there is none), the legend at the bottom, no tooltips. */
export function stepChartPlugins(title: string | null | undefined): LinePlugins {
  return {
    title: { display: !!title, text: title ?? '', font: { size: 14, weight: 'bold' } },
    legend: { position: 'bottom', labels: { boxHeight: 3 } },
    tooltip: { enabled: false },
  };
}
