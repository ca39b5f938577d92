/**
 * A dashed arrow from a base method's point to a target method's point, and in the lower-left
 * corner the relative and absolute change on both axes ("Violation ← 42.0% (0.08)",
 * "Cost ↓ 12.5% ($7.10)"), red when the violation got worse.
 */
import type { Plugin } from 'chart.js';
import { PALETTE } from '../palette.js';

export interface ArrowEnds {
  readonly base: { x: number; y: number };
  readonly target: { x: number; y: number };
}

/** The text lines the reference writes for a base -> target change, and whether it regressed. */
export function improvementText(ends: ArrowEnds): { lines: string[]; regression: boolean } {
  const { base, target } = ends;
  const lines: string[] = [];
  let regression = false;
  if (base.x !== 0) {
    const dx = target.x - base.x;
    regression = dx > 0;
    lines.push(
      `Violation ${dx < 0 ? '←' : '→'} ${Math.abs((dx / Math.abs(base.x)) * 100).toFixed(1)}% (${Math.abs(dx).toFixed(2)})`,
    );
  }
  if (base.y !== 0) {
    const dy = target.y - base.y;
    lines.push(
      `Cost ${dy < 0 ? '↓' : '↑'} ${Math.abs((dy / Math.abs(base.y)) * 100).toFixed(1)}% ($${Math.abs(dy).toFixed(2)})`,
    );
  }
  return { lines, regression };
}

export function improvementArrowPlugin(ends: ArrowEnds): Plugin {
  return {
    id: 'autosloImprovementArrow',
    beforeDatasetsDraw(chart) {
      const xs = chart.scales.x;
      const ys = chart.scales.y;
      if (!xs || !ys) return;
      const x0 = xs.getPixelForValue(ends.base.x);
      const y0 = ys.getPixelForValue(ends.base.y);
      const x1 = xs.getPixelForValue(ends.target.x);
      const y1 = ys.getPixelForValue(ends.target.y);
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = PALETTE.gray;
      ctx.fillStyle = PALETTE.gray;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      // Open arrow head at the target, stopping short of the marker.
      const angle = Math.atan2(y1 - y0, x1 - x0);
      const tipX = x1 - Math.cos(angle) * 9;
      const tipY = y1 - Math.sin(angle) * 9;
      ctx.setLineDash([]);
      ctx.beginPath();
      for (const side of [-1, 1]) {
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(
          tipX - Math.cos(angle + (side * Math.PI) / 7) * 12,
          tipY - Math.sin(angle + (side * Math.PI) / 7) * 12,
        );
      }
      ctx.stroke();
      ctx.restore();
    },
    afterDraw(chart) {
      const { lines, regression } = improvementText(ends);
      if (lines.length === 0) return;
      const { left, right, bottom, top } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = regression ? PALETTE.dark_red : PALETTE.gray;
      ctx.font = '13px DejaVu Sans';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      const x = left + (right - left) * 0.05;
      const yBase = bottom - (bottom - top) * 0.05;
      lines.forEach((text, i) => {
        ctx.fillText(text, x, yBase - (lines.length - 1 - i) * 16);
      });
      ctx.restore();
    },
  };
}
