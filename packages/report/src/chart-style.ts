/** Small shared pieces of the report's chart.js JSON: marker shapes, axes, number formats. */
import { formatFor, type MarkerShape } from '@autoslo/plotter';

const POINT_STYLE: Readonly<Record<MarkerShape, string>> = {
  circle: 'circle',
  square: 'rect',
  diamond: 'rectRot',
  triangle: 'triangle',
  star: 'star',
  cross: 'crossRot',
};

/** The colour and chart.js point style of a plotting manifest's `formatting_id`. */
export function methodStyle(formattingId: string): { color: string; pointStyle: string } {
  const { format } = formatFor(formattingId);
  return { color: format.color, pointStyle: POINT_STYLE[format.marker] };
}

/** A chart.js axis with a title. */
export function axis(
  title: string,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return { title: { display: true, text: title }, ...extra };
}

/** Options shared by every chart: legend at the bottom, nearest-point hover. */
export function baseOptions(
  scales: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    scales,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8 } } },
    ...extra,
  };
}

export const money = (dollars: number): string => `$${dollars.toFixed(2)}`;
export const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** At most `max` evenly spaced items (first and last kept), so long series stay light. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))]!);
  return out;
}

/** Seconds of a run to hours, for time axes. */
export const hours = (seconds: number): number => round(seconds / 3600, 4);
