/** Hand-made panels shared by the tests. */
import type { PlottedPanel, PlottedPoint } from '../src/plotted-panel.js';

export function point(label: string, formattingId: string, x: number, y: number): PlottedPoint {
  return { label, formattingId, x, y, runId: null, runDir: `/runs/${label}` };
}

export function panel(
  overrides: Partial<PlottedPanel> & Pick<PlottedPanel, 'points'>,
): PlottedPanel {
  return {
    row: null,
    col: null,
    title: null,
    metric: 'binary',
    sloThreshold: 0,
    thresholdLines: [],
    improvementArrow: null,
    showLegend: false,
    showTargetRegion: false,
    tailFraction: 1,
    outlineLeftOf: null,
    ...overrides,
  };
}
