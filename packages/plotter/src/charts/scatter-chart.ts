/**
 * The cost-versus-violation scatter of one panel: x = aggregated violation under the panel's
 * metric (log scale for absolute seconds), y = total cost from 0, one marker per method in its
 * formatting colour and shape, plus threshold lines, target region, improvement arrow and notes.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { formatFor } from '../formatting.js';
import { legendLocation } from '../legend-placement.js';
import { markerRadius, pointStyleFor } from '../marker-style.js';
import { metricAxis } from '../metric-axis.js';
import type { PlottedPanel } from '../plotted-panel.js';
import { axesLegendPlugin } from '../plugins/axes-legend-plugin.js';
import { cornerNotePlugin } from '../plugins/corner-note-plugin.js';
import { filledStarsPlugin } from '../plugins/filled-stars-plugin.js';
import { improvementArrowPlugin } from '../plugins/improvement-arrow-plugin.js';
import { pointNotesPlugin } from '../plugins/point-notes-plugin.js';
import { targetRegionPlugin } from '../plugins/target-region-plugin.js';
import { thresholdLinesPlugin } from '../plugins/threshold-lines-plugin.js';

export interface AxisLimits {
  readonly min: number;
  readonly max: number;
}

/** Relative padding right of the largest violation. */
const X_PAD = 0.05;

/**
 * The panel's own axis ranges: x from 0 to the largest value (or threshold line) plus 5% of the
 * spread, log x from min/f to max*f with f = (max/min)^0.05; y from 0 to 1.1 x the largest cost.
 */
export function scatterLimits(panel: PlottedPanel): { x: AxisLimits; y: AxisLimits } {
  const xs = panel.points.map((p) => p.x);
  const ys = panel.points.map((p) => p.y);
  const yMax = ys.length > 0 ? Math.max(...ys) * 1.1 : 0.1;
  const y = { min: 0, max: yMax > 0 ? yMax : 0.1 };
  if (metricAxis(panel.metric).scale === 'logarithmic') {
    const positive = xs.filter((v) => v > 0);
    if (positive.length === 0) return { x: { min: 0.01, max: 1 }, y };
    const lo = Math.min(...positive);
    const hi = Math.max(...positive);
    const f = hi > lo ? (hi / lo) ** X_PAD : 2;
    return { x: { min: lo / f, max: hi * f }, y };
  }
  const all = [...xs, ...panel.thresholdLines.map((t) => t.value)];
  if (all.length === 0) return { x: { min: 0, max: 0.1 }, y };
  const hi = Math.max(...all);
  const lo = Math.min(...all);
  const max = hi + (hi - lo) * X_PAD;
  return { x: { min: 0, max: max > 0 ? max : 0.1 }, y };
}

/**
 * Grid panels share one range: 0 to the largest panel maximum plus 5% of the spread. A log
 * axis cannot start at 0, so it spans the smallest minimum to the largest maximum instead.
 */
export function sharedLimits(
  limits: readonly AxisLimits[],
  scale: 'linear' | 'logarithmic' = 'linear',
): AxisLimits | undefined {
  if (limits.length === 0) return undefined;
  const max = Math.max(...limits.map((l) => l.max));
  const min = Math.min(...limits.map((l) => l.min));
  if (scale === 'logarithmic') return { min, max };
  return { min: 0, max: max + (max - min) * 0.05 };
}

export interface ScatterChartOptions {
  /** Live runs get no "[Simulated]" note. */
  readonly live: boolean;
  readonly xLimits?: AxisLimits;
  readonly yLimits?: AxisLimits;
  readonly showTitle?: boolean;
  readonly warn?: (message: string) => void;
}

export function scatterChartConfig(
  panel: PlottedPanel,
  options: ScatterChartOptions,
): ChartConfiguration<'scatter'> {
  const axis = metricAxis(panel.metric);
  const own = scatterLimits(panel);
  const xLimits = options.xLimits ?? own.x;
  const yLimits = options.yLimits ?? own.y;
  const stars: { datasetIndex: number; color: string; radius: number }[] = [];
  const datasets = panel.points.map((p, i) => {
    const { format, known } = formatFor(p.formattingId);
    if (!known) {
      options.warn?.(`unknown formatting_id '${p.formattingId}' for '${p.label}': drawn grey`);
    }
    const radius = markerRadius(format.marker);
    if (format.marker === 'star') stars.push({ datasetIndex: i, color: format.color, radius });
    return {
      label: p.label,
      data: [{ x: p.x, y: p.y }],
      pointStyle: pointStyleFor(format.marker),
      // Stars are painted whole by the filled-star plugin; chart.js would only stroke them.
      pointRadius: format.marker === 'star' ? 0 : radius,
      pointBackgroundColor: format.color,
      pointBorderColor: format.color,
      pointBorderWidth: format.marker === 'cross' || format.marker === 'star' ? 3 : 1,
      backgroundColor: format.color,
      borderColor: format.color,
      // A marker at violation 0 sits on the y axis: drawn whole, not cut in half.
      clip: false as const,
    };
  });

  const plugins: Plugin[] = [];
  if (panel.showTargetRegion && panel.sloThreshold > 0) {
    plugins.push(targetRegionPlugin(panel.sloThreshold));
  }
  plugins.push(thresholdLinesPlugin(panel.thresholdLines));
  const arrow = panel.improvementArrow;
  if (arrow) {
    const base = panel.points.find((p) => p.label === arrow.baseLabel);
    const target = panel.points.find((p) => p.label === arrow.targetLabel);
    if (base && target) plugins.push(improvementArrowPlugin({ base, target }));
    else {
      const missing = base ? arrow.targetLabel : arrow.baseLabel;
      options.warn?.(`improvement_arrow label '${missing}' has no point: arrow left out`);
    }
  }
  plugins.push(filledStarsPlugin(stars));
  const notes = panel.points.map((p, i) => ({
    datasetIndex: i,
    text: p.annotation ?? null,
    color: formatFor(p.formattingId).format.color,
    outline: panel.outlineLeftOf !== null && p.x < panel.outlineLeftOf,
  }));
  if (notes.some((n) => n.text || n.outline)) plugins.push(pointNotesPlugin(notes));
  plugins.push(cornerNotePlugin(panelNotes(panel, options.live)));
  const legend = legendLocation(panel.showLegend);
  if (legend !== null) {
    const entries = panel.points.map((p) => {
      const { format } = formatFor(p.formattingId);
      return { label: p.label, color: format.color, shape: format.marker };
    });
    plugins.push(axesLegendPlugin(entries, legend));
  }
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      layout: { padding: 8 },
      scales: {
        x: {
          type: axis.scale,
          min: xLimits.min,
          max: xLimits.max,
          title: { display: true, text: axis.label, font: { size: 14 } },
          grid: { color: '#E5E5E5' },
          ticks: { includeBounds: false },
        },
        y: {
          type: 'linear',
          min: yLimits.min,
          max: yLimits.max,
          title: { display: true, text: 'Cost ($)', font: { size: 14 } },
          grid: { color: '#E5E5E5' },
          ticks: { includeBounds: false },
        },
      },
      plugins: {
        title: {
          display: (options.showTitle ?? true) && !!panel.title,
          text: panel.title ?? '',
          font: { size: 15, weight: 'bold' },
        },
        // Drawn inside the plot area by the axes-legend plugin instead.
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins,
  };
}

/** "[Simulated]" for simulator runs, "[Viol. over last N%]" for a tail window. */
export function panelNotes(panel: PlottedPanel, live: boolean): string[] {
  const lines: string[] = [];
  if (!live) lines.push('[Simulated]');
  if (panel.tailFraction < 1)
    lines.push(`[Viol. over last ${(panel.tailFraction * 100).toFixed(0)}%]`);
  return lines;
}
