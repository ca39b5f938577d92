import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FORMATTING } from '../src/formatting.js';
import { plotManifest } from '../src/plot-manifest-file.js';
import { loadRenderer, PIXEL_RATIO } from '../src/renderer.js';
import { makeDataDir, WORKLOAD_ID, writeRun } from './fixture-runs.js';
import { near } from './png-test.js';

const workload = `{workload_name: fx, target_date: "2024-05-27", rescale_factor: 1}`;
const manifest = (k: number, row: number) => `
    - row: ${row}
      col: 0
      title: "Day 1, κ=${k}"
      show_legend: ${row === 0 ? 'upper right' : 'false'}
      slo_objective_config: {slo_metric: binary, slo_threshold: 0.1}
      slo_resolver_config: {slo_s: 30.0, slo_dict_filename: fx_k${k}.yml}
      threshold_lines: [{value: 0.1, color: light_green}]
      improvement_arrow: {base_label: "Single 64", target_label: "AutoSLO"}
      points:
        - {label: "Single 64", formatting_id: main_eval_64, workload_config: ${workload}, execution_config: "exec:handmade/fx_static", params: {INITIAL_RPU: [64]}}
        - {label: "Round Robin 32+32", formatting_id: main_eval_32_32, workload_config: ${workload}, execution_config: "exec:handmade/fx_static", params: {INITIAL_RPU: [32, 32]}}
        - {label: "AutoSLO", formatting_id: main_eval_chosen, workload_config: ${workload}, execution_config: "exec:tuned/fx_tuned"}
        - {label: "Queued", formatting_id: trigger_queue_depth, workload_config: ${workload}, execution_config: "exec:handmade/fx_queue", params: {WINDOW_S: 300.0}}
        - {label: "Unlisted", formatting_id: iconq, workload_config: ${workload}, execution_config: "exec:handmade/fx_other"}
`;

let dataDir: string;
let result: Awaited<ReturnType<typeof plotManifest>>;

beforeAll(async () => {
  dataDir = await makeDataDir();
  // Latencies of queries arriving every 10 s; SLO 10 s under κ=1, 5 s under κ=2 (template 001).
  await writeRun(dataDir, {
    configId: 'fx_static__INITIAL_RPU=[64]',
    latenciesS: [2, 3, 4, 5, 6, 7, 8, 9, 12, 15],
    costDollars: 2.5,
    initialRpus: [64],
  });
  await writeRun(dataDir, {
    configId: 'fx_static__INITIAL_RPU=[32, 32]',
    latenciesS: [1, 2, 3, 4, 5, 6, 7, 8, 9, 11],
    costDollars: 1.25,
    initialRpus: [32, 32],
  });
  await writeRun(dataDir, {
    configId: 'fx_tuned',
    latenciesS: [1, 1, 2, 2, 3, 3, 4, 4, 6, 9],
    costDollars: 1.75,
    initialRpus: [16],
    spinups: [{ rpu: 32, decisionS: 30, readyS: 50, removedS: 100 }],
  });
  await mkdir(join(dataDir, 'manifests', 'plotting'), { recursive: true });
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'fx.yml'),
    `main_content:\n  layout: {rows: 2, cols: 1, figsize: [6, 8], shared_xlim: true, shared_ylim: true}\n  panels:${manifest(1, 0)}${manifest(2, 1)}`,
  );
  await mkdir(join(dataDir, 'manifests', 'execution'), { recursive: true });
  await writeFile(
    join(dataDir, 'manifests', 'execution', 'fx_exec.yml'),
    `main_content:\n  - {workload_config: ${workload}, execution_config: "exec:handmade/fx_queue", params: {WINDOW_S: 300.0}}\n`,
  );
  result = await plotManifest('fx', { dataDir });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('the CSV holds exactly the metrics recomputed under each panel SLO table', async () => {
  expect(result.status).toBe('written');
  const csv = await readFile(join(dataDir, 'plots', 'fx.csv'), 'utf8');
  // κ=1 (SLO 10 s): 2, 1 and 0 of 10 queries over; κ=2 (SLO 5 s): 6, 5 and 2 over.
  expect(csv).toBe(
    [
      'row,col,panel_title,x_metric,label,x,y,run_id',
      '0,0,"Day 1, κ=1",binary,Single 64,0.2,2.5,',
      '0,0,"Day 1, κ=1",binary,Round Robin 32+32,0.1,1.25,',
      '0,0,"Day 1, κ=1",binary,AutoSLO,0.0,1.75,',
      '1,0,"Day 1, κ=2",binary,Single 64,0.6,2.5,',
      '1,0,"Day 1, κ=2",binary,Round Robin 32+32,0.5,1.25,',
      '1,0,"Day 1, κ=2",binary,AutoSLO,0.2,1.75,',
      '',
    ].join('\r\n'),
  );
  const tex = await readFile(join(dataDir, 'plots', 'fx.tex'), 'utf8');
  expect(tex).toContain(
    'Day 1, $\\kappa$=1 &  &  & 0.2000 & \\$2.50 & \\underline{0.1000} & \\$1.25 & \\textbf{0.0000} & \\$1.75 \\\\',
  );
});

test('missing runs are listed with the command that would produce them', async () => {
  const byLabel = new Map(result.missing.map((m) => [`${m.panelTitle}/${m.label}`, m]));
  expect(result.missing).toHaveLength(4);
  expect(byLabel.get('Day 1, κ=1/Queued')).toMatchObject({
    workloadId: WORKLOAD_ID,
    configId: 'fx_queue__WINDOW_S=300.0',
    command: 'pnpm autoslo execute --execution-manifest fx_exec',
  });
  expect(byLabel.get('Day 1, κ=2/Unlisted')?.command).toBe(
    'pnpm autoslo simulate --execution-config exec:handmade/fx_other --workload fx --target-date 2024-05-27 --rescale-factor 1',
  );
});

test('PNGs are written beside the CSV at 2x, with markers where the data says', async () => {
  expect(result.renderError).toBeNull();
  for (const suffix of ['.png', '_bars.png', '_timeline.png', '_cdf.png', '_clusters.png']) {
    expect((await stat(join(dataDir, 'plots', `fx${suffix}`))).size).toBeGreaterThan(1000);
  }
  const figure = result.figures!.scatter;
  const img = await (await loadRenderer()).decode(await readFile(join(dataDir, 'plots', 'fx.png')));
  // figsize 6 x 8 in at 130 px/in over a 2 x 1 grid: 780 x 520 CSS px per panel.
  expect([img.width, img.height]).toEqual([780 * PIXEL_RATIO, 2 * 520 * PIXEL_RATIO]);
  // Own x ranges: κ=1 up to 0.2 + 5% of (0.2 - 0), κ=2 up to 0.6 + 5% of (0.6 - 0.1) (the
  // threshold line counts); shared: 0 .. the larger + 5%. Own y: 1.1 x 2.5; shared: + 5%.
  const xMax = (0.6 + 0.5 * 0.05) * 1.05;
  const yMax = 2.5 * 1.1 * 1.05;
  const panel = figure.panels[1]!;
  expect(panel.geometry.scales.x!.max).toBeCloseTo(xMax, 12);
  expect(panel.geometry.scales.y!.max).toBeCloseTo(yMax, 12);
  const { left, right, top, bottom } = panel.geometry.chartArea;
  const px = (x: number, y: number) =>
    img.pixel(
      panel.x + (left + (x / xMax) * (right - left)) * PIXEL_RATIO,
      panel.y + (bottom - (y / yMax) * (bottom - top)) * PIXEL_RATIO,
    );
  expect(near(px(0.6, 2.5), FORMATTING.main_eval_64!.color)).toBe(true);
  expect(near(px(0.5, 1.25), FORMATTING.main_eval_32_32!.color)).toBe(true);
  expect(near(px(0.2, 1.75), FORMATTING.main_eval_chosen!.color)).toBe(true);
});

test('the same runs give byte-identical files', async () => {
  const files = ['fx.csv', 'fx.tex', 'fx.png', 'fx_bars.png', 'fx_timeline.png'];
  const read = () => Promise.all(files.map((f) => readFile(join(dataDir, 'plots', f))));
  const before = await read();
  await plotManifest('fx', { dataDir, force: true });
  const after = await read();
  files.forEach((f, i) => {
    expect([f, Buffer.compare(before[i]!, after[i]!)]).toEqual([f, 0]);
  });
});

test('an existing PNG is kept unless forced', async () => {
  const again = await plotManifest('fx', { dataDir });
  expect(again.status).toBe('exists');
  expect(again.written).toEqual([]);
});

test('with no canvas backend, the CSV and LaTeX table are written and the error says what to install', async () => {
  process.env.AUTOSLO_NO_CANVAS = '1';
  try {
    const bare = await plotManifest('fx', { dataDir, force: true });
    expect(bare.renderError?.message).toContain('@napi-rs/canvas');
    expect(bare.renderError?.message).toContain('apt-get install');
    expect(bare.written).toEqual([
      join(dataDir, 'plots', 'fx.csv'),
      join(dataDir, 'plots', 'fx.tex'),
    ]);
  } finally {
    delete process.env.AUTOSLO_NO_CANVAS;
  }
});
