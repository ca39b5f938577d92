import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StructuredLog } from '@autoslo/core';
import { rendererStatus } from '@autoslo/plotter';
import { runCli } from './run-cli.js';

const REFERENCE_DATA = join(import.meta.dirname, '../../../reference-data/autoslo/data');
const canRender = (await rendererStatus()).ok;

let dataDir: string;

/** One simulator run: 4 queries of template 001 (SLO 10 s) with latencies 2, 4, 12, 20; $0.50. */
async function writeRun(): Promise<void> {
  const dir = join(dataDir, 'simulator_runs', 'w__2024-01-01__rf1.000', 'c__N=1');
  await mkdir(dir, { recursive: true });
  const log = new StructuredLog();
  log.append({ rel_time_s: 0, event_type: 'run_start', source: 'simulator' });
  log.append({
    rel_time_s: 0,
    event_type: 'cluster_ready',
    source: 'pool',
    cluster_name: 'c0',
    details: { rpu: 8 },
  });
  [2, 4, 12, 20].forEach((lat, i) => {
    log.append({
      rel_time_s: i,
      event_type: 'arrival',
      source: 's',
      query_id: i,
      query_text_id: 'tpcds#001#000',
    });
    log.append({
      rel_time_s: i + lat,
      event_type: 'completion',
      source: 's',
      query_id: i,
      query_text_id: 'tpcds#001#000',
    });
  });
  await log.writeParquet(join(dir, 'structured_log.parquet'));
  await writeFile(
    join(dir, 'billing_interval_analysis.yml'),
    'c0:\n  total_billed_cost: 0.5\n  num_completed_queries: 4\n  num_billed_intervals: 1\n  total_billed_time_s: 60\n  cluster_cost_per_second: 0.001\n  billed_intervals: []\n',
  );
  await writeFile(join(dir, 'execution_config.yml'), 'slo_resolver_config: {slo_s: 30.0}\n');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-plot-'));
  await mkdir(join(dataDir, 'slos'), { recursive: true });
  await writeFile(join(dataDir, 'slos', 't.yml'), "run_id: 't'\nslo_dict:\n  '001': 10\n");
  await mkdir(join(dataDir, 'manifests', 'plotting'), { recursive: true });
  const w = '{workload_name: w, target_date: "2024-01-01", rescale_factor: 1}';
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'small.yml'),
    [
      'main_content:',
      '  title: "Small"',
      '  slo_resolver_config: {slo_s: 30.0, slo_dict_filename: t.yml}',
      '  points:',
      `    - {label: A, formatting_id: main_eval_64, workload_config: ${w}, execution_config: "exec:c", params: {N: 1}}`,
      `    - {label: B, formatting_id: iconq, workload_config: ${w}, execution_config: "exec:c", params: {N: 2}}`,
      '',
    ].join('\n'),
  );
  await writeRun();
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('plot writes the CSV and PNGs and lists the missing run with its command', async () => {
  const r = await runCli(['plot', '--plotting-manifest', 'small', '--data-dir', dataDir]);
  expect(r.stderr).toContain("missing run for 'B' in 'Small' (w__2024-01-01__rf1.000 / c__N=2)");
  expect(r.stderr).toContain(
    'produce it with: pnpm autoslo simulate --execution-config exec:c --param N=2 --workload w --target-date 2024-01-01 --rescale-factor 1',
  );
  // Two of four queries over 10 s.
  expect(await readFile(join(dataDir, 'plots', 'small.csv'), 'utf8')).toBe(
    'row,col,panel_title,x_metric,label,x,y,run_id\r\n,,Small,binary,A,0.5,0.5,\r\n',
  );
  if (canRender) {
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${join(dataDir, 'plots', 'small.png')}`);
  } else {
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('apt-get install build-essential libcairo2-dev');
  }
});

test('an existing plot is skipped unless --force; --json summarises', async () => {
  await runCli(['plot', '--plotting-manifest', 'small', '--data-dir', dataDir]);
  const again = await runCli([
    'plot',
    '--plotting_manifest',
    'small',
    '--data-dir',
    dataDir,
    '--json',
  ]);
  const [summary] = JSON.parse(again.stdout) as { status: string; missing: unknown[] }[];
  expect(summary?.status).toBe(canRender ? 'exists' : 'written');
  const forced = await runCli(['plot', '--all', '--force', '--data-dir', dataDir, '--json']);
  const all = JSON.parse(forced.stdout) as { name: string; status: string; points: number }[];
  expect(all.map((s) => [s.name, s.status, s.points])).toEqual([['small', 'written', 1]]);
});

test('the reference main_eval_v8 manifest loads and lists its 20 missing live runs', async () => {
  const r = await runCli([
    'plot',
    '--plotting-manifest',
    'main_eval_v8',
    '--live',
    '--data-dir',
    REFERENCE_DATA,
  ]);
  expect(r.code).toBe(1);
  expect(r.stderr.match(/missing run for/g)).toHaveLength(20);
  expect(r.stderr).toContain(
    "missing run for 'Round Robin 32+32' in 'May 27, κ=4' (redbench_provisioned_157_0__2024-05-27__rf0.167 / main_eval_round_robin__INITIAL_RPU=[32, 32]__TARGET_DATE=2024-05-27): no live run recorded",
  );
  expect(r.stderr).toContain('no run found for any point; nothing written');
});

test('without a canvas the CSV and table are written and plot says what to install', async () => {
  process.env.AUTOSLO_NO_CANVAS = '1';
  try {
    await rm(join(dataDir, 'plots'), { recursive: true, force: true });
    const r = await runCli(['plot', '--plotting-manifest', 'small', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'apt-get install build-essential libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev pkg-config',
    );
    expect(r.stderr).toContain('pnpm rebuild canvas');
    expect((await readdir(join(dataDir, 'plots'))).sort()).toEqual(['small.csv', 'small.tex']);
  } finally {
    delete process.env.AUTOSLO_NO_CANVAS;
  }
});

test('--per-panel writes each panel of a grid alone, named after its title', async () => {
  const w = '{workload_name: w, target_date: "2024-01-01", rescale_factor: 1}';
  const panel = (col: number, title: string) =>
    `    - {row: 0, col: ${col}, title: "${title}", slo_resolver_config: {slo_s: 30.0, slo_dict_filename: t.yml}, points: [{label: A, formatting_id: main_eval_64, workload_config: ${w}, execution_config: "exec:c", params: {N: 1}}]}`;
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'grid.yml'),
    ['main_content:', '  panels:', panel(0, 'Left Side'), panel(1, 'Right'), ''].join('\n'),
  );
  const r = await runCli([
    'plot',
    '--plotting-manifest',
    'grid',
    '--per-panel',
    '--timeline',
    '--data-dir',
    dataDir,
    '--json',
  ]);
  const [summary] = JSON.parse(r.stdout) as { written: string[] }[];
  const names = (summary?.written ?? []).map((f) => f.slice(join(dataDir, 'plots').length + 1));
  if (canRender) {
    expect(names).toEqual(
      expect.arrayContaining([
        'grid#left_side.png',
        'grid#left_side_bars.png',
        'grid#right.png',
        'grid#right_bars.png',
        'grid.png',
      ]),
    );
  } else {
    expect(names).toEqual(['grid.csv', 'grid.tex']);
  }
});

test('usage errors exit 2', async () => {
  expect((await runCli(['plot', '--data-dir', dataDir])).code).toBe(2);
  expect(
    (await runCli(['plot', '--all', '--plotting-manifest', 'x', '--data-dir', dataDir])).code,
  ).toBe(2);
  const missing = await runCli(['plot', '--plotting-manifest', 'nope', '--data-dir', dataDir]);
  expect(missing.code).toBe(2);
});
