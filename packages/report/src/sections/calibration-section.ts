/**
 * Predicted against measured latency, for a calibrated latency model: one point per query
 * (or per template, as the caller has it), with the y = x line. The caller passes the pairs,
 * so any calibration source (a fitted model's held-out runs, a live run replayed in the
 * simulator) can fill it.
 */
import { axis, baseOptions, round } from '../chart-style.js';
import type { ReportSection } from '../report-document.js';

export interface CalibrationPoint {
  /** Template or query id the pair belongs to. */
  readonly label: string;
  readonly predictedS: number;
  readonly measuredS: number;
}

export interface CalibrationInput {
  readonly title?: string;
  /** Where the measurements and the model come from, one line each. */
  readonly notes?: readonly string[];
  readonly points: readonly CalibrationPoint[];
}

export function calibrationSection(input: CalibrationInput, id = 'calibration'): ReportSection {
  const max = Math.max(1, ...input.points.flatMap((p) => [p.predictedS, p.measuredS])) * 1.05;
  const errors = input.points.map(
    (p) => Math.abs(p.predictedS - p.measuredS) / Math.max(p.measuredS, 1e-9),
  );
  const mape = errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : 0;
  return {
    id,
    title: input.title ?? 'Calibration: predicted against measured latency',
    intro: [...(input.notes ?? [])],
    facts: [
      ['pairs', String(input.points.length)],
      ['mean absolute relative error', `${round(100 * mape, 1)}%`],
    ],
    charts: [
      {
        id: `${id}-scatter`,
        title: 'Predicted against measured latency',
        type: 'scatter',
        datasets: [
          {
            label: 'queries',
            role: 'data',
            data: input.points.map((p) => ({
              x: p.measuredS,
              y: p.predictedS,
              tip: [
                p.label,
                `measured ${round(p.measuredS, 3)} s`,
                `predicted ${round(p.predictedS, 3)} s`,
              ],
            })),
            backgroundColor: 'rgba(52, 102, 255, 0.6)',
            borderColor: 'rgba(52, 102, 255, 0.6)',
            pointRadius: 4,
          },
          {
            label: 'predicted = measured',
            role: 'guide',
            type: 'line',
            data: [
              { x: 0, y: 0 },
              { x: round(max, 3), y: round(max, 3) },
            ],
            borderColor: '#888888',
            borderDash: [6, 4],
            pointRadius: 0,
            pointHitRadius: 0,
            showLine: true,
          },
        ],
        options: baseOptions({
          x: axis('Measured latency (s)', { min: 0, max: round(max, 3) }),
          y: axis('Predicted latency (s)', { min: 0, max: round(max, 3) }),
        }),
      },
    ],
  };
}
