/**
 * Horizontal violation bars of one panel: one bar per method in manifest order from the top,
 * its length the violation, its tip labelled "violation, $cost", with the threshold lines.
 */
import type { ChartConfiguration } from 'chart.js';
import { formatFor } from '../formatting.js';
import { metricAxis } from '../metric-axis.js';
import { PALETTE } from '../palette.js';
import type { PlottedPanel } from '../plotted-panel.js';
import { barLabelsPlugin } from '../plugins/bar-labels-plugin.js';
import { cornerNotePlugin } from '../plugins/corner-note-plugin.js';
import { thresholdLinesPlugin } from '../plugins/threshold-lines-plugin.js';
import { panelNotes } from './scatter-chart.js';

export interface BarsChartOptions {
  readonly live: boolean;
  /** Method names on the y axis; grids show them in the leftmost column only. */
  readonly showMethodNames?: boolean;
  readonly showTitle?: boolean;
}

/** The tip label of a bar. */
export function barLabel(x: number, cost: number): string {
  return `${x.toFixed(3)},  $${cost.toFixed(2)}`;
}

/** CSS pixel height that fits n bars. */
export function barsChartHeight(n: number): number {
  return Math.max(160, 46 * n + 110);
}

export function barsChartConfig(
  panel: PlottedPanel,
  options: BarsChartOptions,
): ChartConfiguration<'bar'> {
  const xs = panel.points.map((p) => p.x);
  const thresholds = panel.thresholdLines.map((t) => t.value);
  const xMax = Math.max(xs.length > 0 ? Math.max(...xs) : 0.1, ...thresholds);
  const colors = panel.points.map((p) => formatFor(p.formattingId).format.color);
  return {
    type: 'bar',
    data: {
      labels: panel.points.map((p) => p.label),
      datasets: [
        {
          data: xs,
          backgroundColor: colors,
          borderColor: PALETTE.gray,
          borderWidth: 0.5,
          barPercentage: 0.55,
          categoryPercentage: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: 8 },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: (xMax > 0 ? xMax : 0.1) * 1.6,
          title: { display: true, text: metricAxis(panel.metric).label, font: { size: 14 } },
          grid: { color: '#EEEEEE' },
          ticks: { includeBounds: false },
        },
        y: {
          ticks: { display: options.showMethodNames ?? true, font: { size: 13 } },
          grid: { display: false },
        },
      },
      plugins: {
        title: {
          display: (options.showTitle ?? true) && !!panel.title,
          text: panel.title ?? '',
          font: { size: 15, weight: 'bold' },
        },
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [
      thresholdLinesPlugin(panel.thresholdLines),
      barLabelsPlugin(panel.points.map((p) => barLabel(p.x, p.y))),
      cornerNotePlugin(panelNotes(panel, options.live)),
    ],
  };
}
