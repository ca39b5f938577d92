/** Text just right of each horizontal bar's tip ("0.063,  $57.01"). */
import type { Plugin } from 'chart.js';
import { PALETTE } from '../palette.js';

export function barLabelsPlugin(labels: readonly string[]): Plugin {
  return {
    id: 'autosloBarLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const bars = chart.getDatasetMeta(0).data;
      ctx.save();
      ctx.fillStyle = PALETTE.gray;
      ctx.font = '12px DejaVu Sans';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      bars.forEach((bar, i) => {
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        const text = labels[i];
        if (text) ctx.fillText(text, x + 6, y);
      });
      ctx.restore();
    },
  };
}
