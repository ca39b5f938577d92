/** Dashed vertical lines at x values (the violation budget), with an optional rotated label. */
import type { Plugin } from 'chart.js';
import { resolveColor } from '../palette.js';
import type { ThresholdLine } from '../plotted-panel.js';

export function thresholdLinesPlugin(lines: readonly ThresholdLine[], scaleId = 'x'): Plugin {
  return {
    id: 'autosloThresholdLines',
    beforeDatasetsDraw(chart) {
      const scale = chart.scales[scaleId];
      if (!scale || lines.length === 0) return;
      const { top, bottom, left, right } = chart.chartArea;
      const ctx = chart.ctx;
      for (const line of lines) {
        const x = scale.getPixelForValue(line.value);
        if (!Number.isFinite(x) || x < left - 0.5 || x > right + 0.5) continue;
        const color = resolveColor(line.color);
        ctx.save();
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        if (line.label) {
          ctx.translate(x - 4, top + 6);
          ctx.rotate(-Math.PI / 2);
          ctx.fillStyle = color;
          ctx.font = '12px DejaVu Sans';
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(line.label, 0, 0);
        }
        ctx.restore();
      }
    },
  };
}
