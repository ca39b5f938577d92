/**
 * Spin-up timeline of one panel: a lane per method (first at the top), x in minutes; for each
 * cluster a ▼ at the decision, an arrow to the ready marker (the method's shape) and the RPU
 * above it; dashed verticals at the last arrival and last completion across methods.
 */
import type { ChartConfiguration, LegendItem } from 'chart.js';
import { formatFor } from '../formatting.js';
import { markerRadius, pointStyleFor } from '../marker-style.js';
import type { PanelActivity } from '../method-activity.js';
import { filledStarsPlugin } from '../plugins/filled-stars-plugin.js';
import { type SpinupMark, spinupArrowsPlugin } from '../plugins/spinup-arrows-plugin.js';
import { thresholdLinesPlugin } from '../plugins/threshold-lines-plugin.js';

const LAST_ARRIVAL = '#888888';
const LAST_COMPLETION = '#444444';

export function timelineChartHeight(lanes: number): number {
  return Math.max(200, 56 * lanes + 150);
}

export function timelineChartConfig(
  panel: PanelActivity,
  sharedDurationS: number,
): ChartConfiguration<'scatter'> {
  const marks: SpinupMark[] = [];
  const stars: { datasetIndex: number; color: string; radius: number }[] = [];
  const datasets = panel.methods.flatMap((m, lane) => {
    const { format } = formatFor(m.formattingId);
    const spinups = m.activity.spinups;
    const readyRadius = Math.min(7, markerRadius(format.marker));
    // Stars filled as on the scatter (chart.js only strokes them); ready is the lane's 2nd dataset.
    if (format.marker === 'star') {
      stars.push({ datasetIndex: 2 * lane + 1, color: format.color, radius: readyRadius + 2 });
    }
    for (const s of spinups) {
      marks.push({
        lane,
        decisionMin: s.decisionS === null ? null : s.decisionS / 60,
        readyMin: s.readyS / 60,
        rpu: s.rpu,
        color: format.color,
      });
    }
    return [
      {
        label: `${m.label} trigger`,
        data: spinups
          .filter((s) => s.decisionS !== null)
          .map((s) => ({ x: (s.decisionS ?? 0) / 60, y: lane })),
        pointStyle: 'triangle' as const,
        rotation: 180,
        pointRadius: 6,
        clip: false as const,
        backgroundColor: format.color,
        borderColor: format.color,
      },
      {
        label: `${m.label} ready`,
        data: spinups.map((s) => ({ x: s.readyS / 60, y: lane })),
        pointStyle: pointStyleFor(format.marker),
        pointRadius: readyRadius,
        // Initial clusters sit on the y axis at t = 0: draw their markers whole.
        clip: false as const,
        backgroundColor: format.color,
        borderColor: format.color,
      },
    ];
  });
  const arrivals = panel.methods.flatMap((m) => m.activity.lastArrivalS ?? []);
  const completions = panel.methods.flatMap((m) => m.activity.lastCompletionS ?? []);
  const verticals = [
    ...(arrivals.length > 0 ? [{ value: Math.max(...arrivals) / 60, color: LAST_ARRIVAL }] : []),
    ...(completions.length > 0
      ? [{ value: Math.max(...completions) / 60, color: LAST_COMPLETION }]
      : []),
  ];
  const legendItems: LegendItem[] = [
    {
      text: 'Trigger',
      pointStyle: 'triangle',
      rotation: 180,
      fillStyle: '#555555',
      strokeStyle: '#555555',
      lineWidth: 1,
    },
    {
      text: 'Ready',
      pointStyle: 'circle',
      fillStyle: '#555555',
      strokeStyle: '#555555',
      lineWidth: 1,
    },
    {
      text: 'Last arrival',
      pointStyle: 'line',
      fillStyle: LAST_ARRIVAL,
      strokeStyle: LAST_ARRIVAL,
      lineWidth: 2,
    },
    {
      text: 'Last completion',
      pointStyle: 'line',
      fillStyle: LAST_COMPLETION,
      strokeStyle: LAST_COMPLETION,
      lineWidth: 2,
    },
  ];
  const n = panel.methods.length;
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      layout: { padding: 10 },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: (sharedDurationS / 60) * 1.03,
          title: { display: true, text: 'Time (min)', font: { size: 13 } },
          ticks: { includeBounds: false },
        },
        y: {
          type: 'linear',
          reverse: true,
          min: -0.65,
          max: Math.max(n - 0.35, 0.35),
          afterBuildTicks: (axis) => {
            axis.ticks = panel.methods.map((_, i) => ({ value: i }));
          },
          ticks: { callback: (v) => panel.methods[Number(v)]?.label ?? '', font: { size: 12 } },
          grid: { color: '#DDDDDD' },
        },
      },
      plugins: {
        title: {
          display: !!panel.title,
          text: panel.title ?? '',
          font: { size: 14, weight: 'bold' },
        },
        legend: {
          position: 'bottom',
          labels: { usePointStyle: true, generateLabels: () => legendItems },
        },
        tooltip: { enabled: false },
      },
    },
    plugins: [thresholdLinesPlugin(verticals), filledStarsPlugin(stars), spinupArrowsPlugin(marks)],
  };
}
