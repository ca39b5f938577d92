/** Paints a filled star over every point of the given datasets (chart.js only strokes stars). */
import type { Plugin } from 'chart.js';
import { traceStar } from '../marker-style.js';

export function filledStarsPlugin(
  stars: readonly { datasetIndex: number; color: string; radius: number }[],
): Plugin {
  return {
    id: 'autosloFilledStars',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      for (const star of stars) {
        for (const el of chart.getDatasetMeta(star.datasetIndex).data) {
          const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
          ctx.save();
          ctx.fillStyle = star.color;
          traceStar(ctx, x, y, star.radius);
          ctx.fill();
          ctx.restore();
        }
      }
    },
  };
}
