/**
 * PNG tests need node-canvas. Where it cannot load they still run, print why and check
 * nothing about pixels; everywhere else they are ordinary tests.
 */
import { loadRenderer, type Renderer, rendererStatus } from '../src/renderer.js';

const status = await rendererStatus();
if (!status.ok) console.warn(`PNG tests skipped: ${status.reason}`);

export const canRender = status.ok;

export function pngTest(name: string, fn: (renderer: Renderer) => Promise<void>): void {
  test(name, async () => {
    if (!status.ok) {
      console.warn(`skipped '${name}': canvas cannot load`);
      return;
    }
    await fn(await loadRenderer());
  });
}

/** True when two RGB colours are within `tol` on every channel. */
export function near(rgba: readonly number[], hex: string, tol = 6): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return rgb.every((c, i) => Math.abs(c - (rgba[i] ?? -999)) <= tol);
}
