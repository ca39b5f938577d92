/**
 * The scatter legend inside the plot area at a matplotlib location, on a translucent white box:
 * chart.js only places legends outside the plot area, which shrinks that one panel of a grid.
 * Markers are drawn in their real shape (stars filled, as on the plot).
 */
import type { Plugin } from 'chart.js';
import type { MarkerShape } from '../formatting.js';
import { BEST_CANDIDATES, type LegendLocation } from '../legend-placement.js';
import { traceMarker } from '../marker-style.js';

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly shape: MarkerShape;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const FONT = '12px DejaVu Sans';
const ROW = 18;
const PAD = 6;
const MARKER_COLUMN = 20;
/** Gap between the legend box and the plot area's edges. */
const INSET = 8;

/** Where a box of this size goes in the plot area for a location. */
export function legendBox(
  area: { left: number; top: number; right: number; bottom: number },
  size: { width: number; height: number },
  loc: LegendLocation,
): Box {
  const x =
    loc.horizontal === 'left'
      ? area.left + INSET
      : loc.horizontal === 'right'
        ? area.right - INSET - size.width
        : (area.left + area.right - size.width) / 2;
  const y =
    loc.vertical === 'upper'
      ? area.top + INSET
      : loc.vertical === 'lower'
        ? area.bottom - INSET - size.height
        : (area.top + area.bottom - size.height) / 2;
  return { x, y, ...size };
}

export function axesLegendPlugin(
  entries: readonly LegendEntry[],
  location: LegendLocation | 'best',
): Plugin {
  return {
    id: 'autosloAxesLegend',
    afterDraw(chart) {
      if (entries.length === 0) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = FONT;
      const textWidth = Math.max(...entries.map((e) => ctx.measureText(e.label).width));
      const size = {
        width: PAD * 2 + MARKER_COLUMN + textWidth,
        height: PAD * 2 + ROW * entries.length,
      };
      const area = chart.chartArea;
      let loc = location;
      if (loc === 'best') {
        // The first candidate covering the fewest markers, as matplotlib's 'best'.
        const points = chart.data.datasets.flatMap((_, i) =>
          chart
            .getDatasetMeta(i)
            .data.map((el) => el.getProps(['x', 'y'], true) as { x: number; y: number }),
        );
        const covered = (c: LegendLocation) => {
          const b = legendBox(area, size, c);
          return points.filter(
            (p) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height,
          ).length;
        };
        loc = BEST_CANDIDATES.reduce((best, c) => (covered(c) < covered(best) ? c : best));
      }
      const box = legendBox(area, size, loc);
      ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
      ctx.strokeStyle = '#CCCCCC';
      ctx.lineWidth = 1;
      ctx.fillRect(box.x, box.y, box.width, box.height);
      ctx.strokeRect(box.x, box.y, box.width, box.height);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      entries.forEach((e, i) => {
        const cy = box.y + PAD + ROW * i + ROW / 2;
        const cx = box.x + PAD + MARKER_COLUMN / 2;
        ctx.fillStyle = e.color;
        ctx.strokeStyle = e.color;
        traceMarker(ctx, e.shape, cx, cy, e.shape === 'star' ? 8 : 6);
        if (e.shape === 'cross') {
          ctx.lineWidth = 2;
          ctx.stroke();
        } else ctx.fill();
        ctx.fillStyle = '#222222';
        ctx.fillText(e.label, box.x + PAD + MARKER_COLUMN, cy);
      });
      ctx.restore();
    },
  };
}
