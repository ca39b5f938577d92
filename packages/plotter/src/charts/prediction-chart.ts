/**
 * Predicted against measured latency, one point per query, on log axes with the diagonal
 * y = x: the calibration report's picture of the latency model's error.
 */
import type { ChartConfiguration } from 'chart.js';
import { PALETTE } from '../palette.js';

export interface PredictionSeries {
  readonly label: string;
  readonly measuredS: ArrayLike<number>;
  readonly predictedS: ArrayLike<number>;
}

export function predictionChartConfig(
  series: readonly PredictionSeries[],
  title: string,
): ChartConfiguration {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  const colors: string[] = [
    PALETTE.dark_blue,
    PALETTE.dark_orange,
    PALETTE.dark_green,
    PALETTE.dark_purple,
  ];
  const datasets = series.map((s, k) => {
    const data: { x: number; y: number }[] = [];
    for (let i = 0; i < s.measuredS.length; i++) {
      const x = s.measuredS[i] as number;
      const y = s.predictedS[i] as number;
      if (!(x > 0 && y > 0)) continue;
      data.push({ x, y });
      lo = Math.min(lo, x, y);
      hi = Math.max(hi, x, y);
    }
    return {
      type: 'scatter' as const,
      label: s.label,
      data,
      pointRadius: 1.5,
      backgroundColor: `${colors[k % colors.length] ?? '#1f77b4'}99`,
      borderWidth: 0,
    };
  });
  if (!Number.isFinite(lo)) {
    lo = 0.01;
    hi = 1;
  }
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...datasets,
        {
          type: 'line' as const,
          label: 'predicted = measured',
          data: [
            { x: lo, y: lo },
            { x: hi, y: hi },
          ],
          borderColor: '#444444',
          borderDash: [4, 4],
          borderWidth: 1,
          pointRadius: 0,
        },
      ],
    },
    options: {
      animation: false,
      plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
      scales: {
        x: {
          type: 'logarithmic',
          min: lo,
          max: hi,
          title: { display: true, text: 'measured latency (s)' },
        },
        y: {
          type: 'logarithmic',
          min: lo,
          max: hi,
          title: { display: true, text: 'predicted latency (s)' },
        },
      },
    },
  } as ChartConfiguration;
}
