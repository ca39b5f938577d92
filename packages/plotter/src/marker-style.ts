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
