/** The CSV of plotted points, in the reference's columns and number formatting. */

import { pythonFloatRepr } from '@autoslo/config';
import type { PlottedPanel } from './plotted-panel.js';

export const POINTS_CSV_HEADER = [
  'row',
  'col',
  'panel_title',
  'x_metric',
  'label',
  'x',
  'y',
  'run_id',
];

/** Quote a field only when it must be (comma, quote, line break), doubling inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One row per plotted point, panels in manifest order; `run_id` is empty for simulator runs. */
export function pointsCsv(panels: readonly PlottedPanel[]): string {
  const lines = [POINTS_CSV_HEADER.join(',')];
  for (const panel of panels) {
    for (const point of panel.points) {
      lines.push(
        [
          panel.row === null ? '' : String(panel.row),
          panel.col === null ? '' : String(panel.col),
          panel.title ?? '',
          panel.metric,
          point.label,
          pythonFloatRepr(point.x),
          pythonFloatRepr(point.y),
          point.runId ?? '',
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
