/** chart.js point styles for the reference's marker shapes. */
import type { PointStyle } from 'chart.js';
import type { MarkerShape } from './formatting.js';

const STYLES: Record<MarkerShape, PointStyle> = {
  circle: 'circle',
  square: 'rect',
  diamond: 'rectRot',
  triangle: 'triangle',
  // chart.js draws its star as strokes; the filled-star plugin paints the body over it.
  star: 'star',
  cross: 'crossRot',
};

export function pointStyleFor(shape: MarkerShape): PointStyle {
  return STYLES[shape];
}

/** Marker radius in CSS pixels (matplotlib's s=100 is about a 10 pt wide marker). */
export function markerRadius(shape: MarkerShape): number {
  return shape === 'star' ? 13 : shape === 'diamond' ? 9 : 8;
}

/** Trace a filled five-pointed star centred on (x, y). */
export function traceStar(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const px = x + Math.cos(a) * radius;
    const py = y + Math.sin(a) * radius;
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
}

/** Trace a marker of the given shape centred on (x, y): filled, except the cross (stroked). */
export function traceMarker(
  ctx: CanvasRenderingContext2D,
  shape: MarkerShape,
  x: number,
  y: number,
  r: number,
): void {
  ctx.beginPath();
  switch (shape) {
    case 'star':
      traceStar(ctx, x, y, r);
      return;
    case 'circle':
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case 'diamond':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r * 0.8);
      ctx.lineTo(x - r, y + r * 0.8);
      break;
    case 'cross':
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      return;
  }
  ctx.closePath();
}
