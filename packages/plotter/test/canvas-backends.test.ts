/**
 * node-canvas and @napi-rs/canvas draw the same figures: same size, same plot areas and
 * scales, and pixels that differ only by anti-aliasing. Tolerance: at most 3% of the pixels
 * differ by more than 64 (of 255) on some channel, and the mean per-pixel difference (largest
 * channel) is at most 6. Measured on the demo-like figures below: about 1% and 2.
 */
import type { PanelActivity } from '../src/method-activity.js';
import { renderFigures } from '../src/render-figures.js';
import { loadRenderer, rendererStatus } from '../src/renderer.js';
import { runActivity } from '../src/run-activity.js';
import { panel, point } from './fixtures.js';

const nodeCanvas = await rendererStatus('node-canvas');
const required = process.env.AUTOSLO_REQUIRE_CANVAS_BACKENDS === '1';
if (!nodeCanvas.ok && !required) {
  console.warn(`backend comparison skipped: node-canvas cannot load (${nodeCanvas.reason})`);
}

if (!nodeCanvas.ok && !required) {
  // Nothing to compare with on this machine; what it can check is that the reason is given.
  test('node-canvas does not load here, and says why', () => {
    expect(nodeCanvas.ok ? '' : nodeCanvas.reason).toMatch(/node-canvas: /);
  });
}
/** Declared only where node-canvas loads, or must (then a missing one fails the test). */
function compare(name: string, fn: () => Promise<void>): void {
  if (nodeCanvas.ok || required) test(name, fn);
}

const p = panel({
  title: 'May 27, κ=4',
  showLegend: 'upper right',
  thresholdLines: [{ value: 0.1, color: 'light_green' }],
  improvementArrow: { baseLabel: 'Single 32', targetLabel: 'AutoSLO' },
  points: [
    point('Single 16', 'base_16', 0.87, 29.9),
    point('Single 32', 'main_eval_32', 0, 45.7),
    point('Snowflake Standard', 'peer_snowflake_standard', 0.05, 40.1),
    point('AutoSLO', 'main_eval_chosen', 0.0095, 35.05),
  ],
});

const ev = (
  relTimeS: number,
  eventType: string,
  extra: Partial<Parameters<typeof runActivity>[0][number]> = {},
) => ({
  relTimeS,
  eventType,
  queryId: null,
  clusterName: null,
  details: null,
  ...extra,
});
const activity = runActivity([
  ev(0, 'run_start'),
  ev(0, 'cluster_ready', { clusterName: 'c0', details: { rpu: 16 } }),
  ev(600, 'spin_up_decision', { details: { rpu: 32 } }),
  ev(900, 'cluster_ready', { clusterName: 'c1', details: { rpu: 32 } }),
  ...Array.from({ length: 40 }, (_, i) => [
    ev(i * 60, 'arrival', { queryId: i }),
    ev(i * 60 + 5 + (i % 7) * 9, 'completion', { queryId: i }),
  ]).flat(),
  ev(2800, 'cluster_removed', { clusterName: 'c1' }),
  ev(3600, 'run_finish'),
]);
const panels: PanelActivity[] = [
  {
    row: null,
    col: null,
    title: p.title,
    methods: [
      { label: 'Single 32', formattingId: 'main_eval_32', activity },
      { label: 'AutoSLO', formattingId: 'main_eval_chosen', activity },
    ],
  },
];

compare('both backends draw every figure alike, within the tolerance', async () => {
  const options = {
    live: false,
    shape: { rows: 1, cols: 1 },
    figsize: null,
    sharedX: false,
    sharedY: false,
  };
  const a = await renderFigures(await loadRenderer('node-canvas'), [p], panels, options);
  const b = await renderFigures(await loadRenderer('napi-rs'), [p], panels, options);
  const decoder = await loadRenderer('napi-rs');
  for (const name of ['scatter', 'bars', 'timeline', 'cdf', 'clusters'] as const) {
    const fa = a[name];
    const fb = b[name];
    expect([name, fb.width, fb.height]).toEqual([name, fa.width, fa.height]);
    const ga = fa.panels[0]!.geometry;
    const gb = fb.panels[0]!.geometry;
    for (const side of ['left', 'top', 'right', 'bottom'] as const) {
      expect(Math.abs(ga.chartArea[side] - gb.chartArea[side])).toBeLessThanOrEqual(1);
    }
    for (const [id, s] of Object.entries(ga.scales)) {
      expect([name, id, gb.scales[id]?.min, gb.scales[id]?.max]).toEqual([name, id, s.min, s.max]);
    }
    const ia = await decoder.decode(fa.png);
    const ib = await decoder.decode(fb.png);
    let far = 0;
    let sum = 0;
    for (let i = 0; i < ia.rgba.length; i += 4) {
      const d = Math.max(
        Math.abs(ia.rgba[i]! - ib.rgba[i]!),
        Math.abs(ia.rgba[i + 1]! - ib.rgba[i + 1]!),
        Math.abs(ia.rgba[i + 2]! - ib.rgba[i + 2]!),
      );
      sum += d;
      if (d > 64) far += 1;
    }
    const n = ia.width * ia.height;
    console.log(
      `${name}: ${((100 * far) / n).toFixed(2)}% of pixels differ by > 64, mean ${(sum / n).toFixed(2)}`,
    );
    expect([name, far / n <= 0.03]).toEqual([name, true]);
    expect([name, sum / n <= 6]).toEqual([name, true]);
  }
});
