/** Latency CDF of one panel: per method, the share of completed queries at or under x seconds. */
import type { ChartConfiguration } from 'chart.js';
import type { PanelActivity } from '../method-activity.js';
import { stepChartPlugins, stepLineDataset } from './step-lines.js';

/** At most this many points per curve: quantiles, so the shape survives thinning. */
const MAX_POINTS = 400;

/** (latency, fraction) points of an ascending latency array, thinned to quantiles. */
export function cdfPoints(sortedLatenciesS: Float64Array): { x: number; y: number }[] {
  const n = sortedLatenciesS.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i += step) out.push({ x: sortedLatenciesS[i] ?? 0, y: (i + 1) / n });
  const last = out[out.length - 1];
  if (last && last.y < 1) out.push({ x: sortedLatenciesS[n - 1] ?? 0, y: 1 });
  return out;
}

/** Tick text without trailing zeros (0.2, 1, 20); on a log axis only the 1-2-5 series. */
function tickText(v: number, log: boolean): string {
  if (log && v > 0) {
    const mantissa = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
    if (mantissa !== 1 && mantissa !== 2 && mantissa !== 5) return '';
  }
  return Number(v.toPrecision(6)).toString();
}

export function latencyCdfChartConfig(panel: PanelActivity): ChartConfiguration<'line'> {
  const all = panel.methods.flatMap((m) => Array.from(m.activity.latenciesS));
  const positive = all.filter((v) => v > 0);
  const useLog = positive.length > 0 && Math.max(...positive) / Math.min(...positive) > 50;
  return {
    type: 'line',
    data: {
      datasets: panel.methods.map((m) => {
        const data = cdfPoints(m.activity.latenciesS).filter((p) => !useLog || p.x > 0);
        return stepLineDataset(m, data);
      }),
    },
    options: {
      parsing: false,
      layout: { padding: 10 },
      scales: {
        x: {
          type: useLog ? 'logarithmic' : 'linear',
          title: { display: true, text: 'Query latency (s)', font: { size: 13 } },
          ticks: {
            maxRotation: 0,
            autoSkipPadding: 12,
            callback: (v) => tickText(Number(v), useLog),
          },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 1,
          title: { display: true, text: 'Fraction of queries', font: { size: 13 } },
        },
      },
      plugins: stepChartPlugins(panel.title),
    },
  };
}
