/** Active clusters over time of one panel: a step line per method, x in minutes. */
import type { ChartConfiguration } from 'chart.js';
import type { PanelActivity } from '../method-activity.js';
import { stepChartPlugins, stepLineDataset } from './step-lines.js';

/** Vertical spacing between methods' lines, in clusters. */
const LINE_OFFSET = 0.05;

export function clustersChartConfig(
  panel: PanelActivity,
  sharedDurationS: number,
): ChartConfiguration<'line'> {
  const endMin = (sharedDurationS / 60) * 1.03;
  const maxClusters = Math.max(
    1,
    ...panel.methods.flatMap((m) => m.activity.clusterSteps.map((s) => s.clusters)),
  );
  return {
    type: 'line',
    data: {
      datasets: panel.methods.map((m, i) => {
        // Methods often hold the same count: a small vertical offset keeps every line visible.
        const offset = (i - (panel.methods.length - 1) / 2) * LINE_OFFSET;
        const steps = m.activity.clusterSteps.map((s) => ({ x: s.t / 60, y: s.clusters + offset }));
        const last = steps[steps.length - 1];
        if (last && last.x < endMin) steps.push({ x: endMin, y: last.y });
        return stepLineDataset(m, steps);
      }),
    },
    options: {
      parsing: false,
      layout: { padding: 10 },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: endMin,
          title: { display: true, text: 'Time (min)', font: { size: 13 } },
          ticks: { includeBounds: false },
        },
        y: {
          type: 'linear',
          min: 0,
          max: maxClusters + 1,
          ticks: { stepSize: 1, callback: (v) => (Number.isInteger(v) ? String(v) : '') },
          title: { display: true, text: 'Active clusters', font: { size: 13 } },
        },
      },
      plugins: stepChartPlugins(panel.title),
    },
  };
}
