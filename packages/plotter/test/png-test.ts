/**
 * PNG tests run once per canvas backend. `@napi-rs/canvas` ships prebuilt and must always
 * load; node-canvas needs Cairo: where it cannot load its variant prints why and checks
 * nothing, unless `AUTOSLO_REQUIRE_CANVAS_BACKENDS=1` (set by .ci/run), which requires both.
 */
import type { CanvasBackendName } from '../src/canvas-backends.js';
import { loadRenderer, type Renderer, rendererStatus } from '../src/renderer.js';

const REQUIRED: readonly CanvasBackendName[] =
  process.env.AUTOSLO_REQUIRE_CANVAS_BACKENDS === '1' ? ['node-canvas', 'napi-rs'] : ['napi-rs'];

const statuses = await Promise.all(
  (['node-canvas', 'napi-rs'] as const).map(async (b) => [b, await rendererStatus(b)] as const),
);
for (const [backend, status] of statuses) {
  if (!status.ok && !REQUIRED.includes(backend)) {
    console.warn(`PNG tests on ${backend} skipped: ${status.reason}`);
  }
}

/** Backends whose PNG tests run here: the loadable ones, and the required ones (which then fail). */
export const BACKENDS: readonly CanvasBackendName[] = statuses
  .filter(([b, s]) => s.ok || REQUIRED.includes(b))
  .map(([b]) => b);

export function pngTest(name: string, fn: (renderer: Renderer) => Promise<void>): void {
  describe.each(BACKENDS)('%s', (backend) => {
    test(name, async () => {
      await fn(await loadRenderer(backend));
    });
  });
}

/** True when two RGB colours are within `tol` on every channel. */
export function near(rgba: readonly number[], hex: string, tol = 6): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return rgb.every((c, i) => Math.abs(c - (rgba[i] ?? -999)) <= tol);
}
