/**
 * Where `canvas` cannot load (no Cairo), PNGs are drawn through @napi-rs/canvas: a child
 * process with `canvas` hidden (test/no-canvas/register.mjs) loads the built package, gets the
 * napi-rs backend and draws a chart. `AUTOSLO_CANVAS_BACKEND` picks a backend by name.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadRenderer, rendererStatus } from '../src/renderer.js';

const run = promisify(execFile);
const pkg = join(import.meta.dirname, '..');

const SCRIPT = `
const { loadRenderer, scatterChartConfig } = await import(${JSON.stringify(join(pkg, 'dist', 'index.js'))});
const r = await loadRenderer();
const panel = { row: null, col: null, title: 't', metric: 'binary', sloThreshold: 0, thresholdLines: [],
  improvementArrow: null, showLegend: false, showTargetRegion: false, tailFraction: 1, outlineLeftOf: null,
  points: [{ label: 'a', formattingId: 'iconq', x: 0.1, y: 2, runId: null, runDir: '' }] };
const chart = await r.renderChart(scatterChartConfig(panel, { live: false }), 400, 300);
let canvasLoads = true;
try { await import('canvas'); } catch { canvasLoads = false; }
console.log(JSON.stringify({ backend: r.backend, bytes: chart.png.length, width: chart.width, canvasLoads }));
`;

test('with canvas missing, the renderer falls back to @napi-rs/canvas and draws', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      join(pkg, 'test', 'no-canvas', 'register.mjs'),
      '--input-type=module',
      '-e',
      SCRIPT,
    ],
    { cwd: pkg, env: { ...process.env, AUTOSLO_CANVAS_BACKEND: '', AUTOSLO_NO_CANVAS: '' } },
  );
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
    backend: 'napi-rs',
    bytes: expect.any(Number),
    width: 800,
    canvasLoads: false,
  });
  expect(JSON.parse(stdout.trim().split('\n').pop()!).bytes).toBeGreaterThan(5000);
}, 30_000);

test('AUTOSLO_CANVAS_BACKEND names the backend; an unknown name is refused with the choices', async () => {
  process.env.AUTOSLO_CANVAS_BACKEND = 'napi-rs';
  try {
    expect((await loadRenderer()).backend).toBe('napi-rs');
    process.env.AUTOSLO_CANVAS_BACKEND = 'cairo';
    const status = await rendererStatus();
    expect(status).toEqual({
      ok: false,
      reason: expect.stringContaining(
        'AUTOSLO_CANVAS_BACKEND=cairo names no backend (use node-canvas or napi-rs)',
      ),
    });
  } finally {
    delete process.env.AUTOSLO_CANVAS_BACKEND;
  }
});
