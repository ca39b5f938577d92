/**
 * Per-point extras on a scatter: a text annotation up and right of a marker (the cluster size)
 * and a black outline around markers left of a value.
 */
import type { Plugin } from 'chart.js';

export interface PointNote {
  readonly datasetIndex: number;
  readonly text?: string | null;
  readonly color: string;
  readonly outline: boolean;
}

export function pointNotesPlugin(notes: readonly PointNote[]): Plugin {
  return {
    id: 'autosloPointNotes',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      for (const note of notes) {
        const el = chart.getDatasetMeta(note.datasetIndex).data[0];
        if (!el) continue;
        const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
        ctx.save();
        if (note.outline) {
          ctx.strokeStyle = '#000000';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.arc(x, y, 10, 0, Math.PI * 2);
          ctx.stroke();
        }
        if (note.text) {
          ctx.fillStyle = note.color;
          ctx.font = '13px DejaVu Sans';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'bottom';
          ctx.fillText(note.text, x + 8, y - 8);
        }
        ctx.restore();
      }
    },
  };
}
