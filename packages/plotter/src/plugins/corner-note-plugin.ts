/** Red lines of text in the lower-right corner of the plot area ("[Simulated]"). */
import type { Plugin } from 'chart.js';

export function cornerNotePlugin(lines: readonly string[], color = '#D62728'): Plugin {
  return {
    id: 'autosloCornerNote',
    afterDraw(chart) {
      if (lines.length === 0) return;
      const { right, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = color;
      ctx.font = '13px DejaVu Sans';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      const lineHeight = 16;
      lines.forEach((text, i) => {
        ctx.fillText(text, right - 6, bottom - 4 - (lines.length - 1 - i) * lineHeight);
      });
      ctx.restore();
    },
  };
}
