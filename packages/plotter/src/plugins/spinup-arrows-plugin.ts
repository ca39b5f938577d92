/** Timeline extras: an arrow from each spin-up decision to its ready marker, and the RPU above. */
import type { Plugin } from 'chart.js';

export interface SpinupMark {
  /** Lane index on the y axis. */
  readonly lane: number;
  readonly decisionMin: number | null;
  readonly readyMin: number;
  readonly rpu: number;
  readonly color: string;
}

export function spinupArrowsPlugin(marks: readonly SpinupMark[]): Plugin {
  return {
    id: 'autosloSpinupArrows',
    beforeDatasetsDraw(chart) {
      const xs = chart.scales.x;
      const ys = chart.scales.y;
      if (!xs || !ys) return;
      const ctx = chart.ctx;
      for (const m of marks) {
        if (m.decisionMin === null) continue;
        const x0 = xs.getPixelForValue(m.decisionMin);
        const x1 = xs.getPixelForValue(m.readyMin);
        const y = ys.getPixelForValue(m.lane);
        ctx.save();
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x0, y);
        ctx.lineTo(x1 - 6, y);
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x1 - 2, y);
        ctx.lineTo(x1 - 10, y - 4);
        ctx.lineTo(x1 - 10, y + 4);
        ctx.closePath();
        ctx.fill();
        ctx.restore();
      }
    },
    afterDatasetsDraw(chart) {
      const xs = chart.scales.x;
      const ys = chart.scales.y;
      if (!xs || !ys) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = 'bold 11px DejaVu Sans';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      for (const m of marks) {
        ctx.fillStyle = m.color;
        ctx.fillText(
          String(m.rpu),
          xs.getPixelForValue(m.readyMin),
          ys.getPixelForValue(m.lane) - 9,
        );
      }
      ctx.restore();
    },
  };
}
