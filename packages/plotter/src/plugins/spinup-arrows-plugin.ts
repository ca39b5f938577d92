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

export interface RpuLabel {
  readonly lane: number;
  readonly readyMin: number;
  readonly text: string;
  readonly color: string;
}

/**
 * The RPU text above each ready marker. Clusters of one lane ready at the same time share a
 * marker, so their sizes are written once, with a count ("2×32" for Round Robin 32+32).
 */
export function rpuLabels(marks: readonly SpinupMark[]): RpuLabel[] {
  const groups = new Map<string, { mark: SpinupMark; counts: Map<number, number> }>();
  for (const m of marks) {
    const key = `${m.lane}@${m.readyMin}`;
    const g = groups.get(key) ?? { mark: m, counts: new Map<number, number>() };
    g.counts.set(m.rpu, (g.counts.get(m.rpu) ?? 0) + 1);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ mark, counts }) => ({
    lane: mark.lane,
    readyMin: mark.readyMin,
    color: mark.color,
    text: [...counts].map(([rpu, n]) => (n > 1 ? `${n}×${rpu}` : String(rpu))).join('+'),
  }));
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
      for (const label of rpuLabels(marks)) {
        ctx.fillStyle = label.color;
        ctx.fillText(
          label.text,
          xs.getPixelForValue(label.readyMin),
          ys.getPixelForValue(label.lane) - 9,
        );
      }
      ctx.restore();
    },
  };
}
