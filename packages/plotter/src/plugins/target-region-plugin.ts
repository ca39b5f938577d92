/** A shaded band over [0, threshold] on the x axis: the region where the SLO objective is met. */
import type { Plugin } from 'chart.js';
import { PALETTE } from '../palette.js';

export function targetRegionPlugin(threshold: number, color: string = PALETTE.light_green): Plugin {
  return {
    id: 'autosloTargetRegion',
    beforeDatasetsDraw(chart) {
      const scale = chart.scales.x;
      if (!scale) return;
      const { top, bottom, left, right } = chart.chartArea;
      const x0 = Math.max(left, scale.getPixelForValue(Math.max(0, scale.min)));
      const x1 = Math.min(right, scale.getPixelForValue(threshold));
      if (!(x1 > x0)) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.globalAlpha = 0.3;
      ctx.fillStyle = color;
      ctx.fillRect(x0, top, x1 - x0, bottom - top);
      ctx.restore();
    },
  };
}
