import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StructuredLog } from '@autoslo/core';
import { runCli } from './run-cli.js';

let dataDir: string;
let runDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-report-'));
  runDir = join(dataDir, 'simulator_runs', 'w__2024-01-01__rf1.000', 'c__N=1');
  await mkdir(runDir, { recursive: true });
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
  await log.writeParquet(join(runDir, 'structured_log.parquet'));
  await writeFile(
    join(runDir, 'billing_interval_analysis.yml'),
    'c0:\n  total_billed_cost: 0.03\n  num_completed_queries: 4\n  num_billed_intervals: 1\n  total_billed_time_s: 30\n  cluster_cost_per_second: 0.001\n  billed_intervals: [{start_s: 0, end_s: 30}]\n',
  );
  await writeFile(join(runDir, 'execution_config.yml'), 'slo_resolver_config: {slo_s: 10.0}\n');
  await mkdir(join(dataDir, 'manifests', 'plotting'), { recursive: true });
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'small.yml'),
    [
      'main_content:',
      '  title: "Small"',
      '  slo_resolver_config: {slo_s: 10.0}',
      '  points:',
      '    - {label: "A<script>", formatting_id: iconq, workload_config: {workload_name: w, target_date: "2024-01-01", rescale_factor: 1}, execution_config: "exec:c", params: {N: 1}}',
      '',
    ].join('\n'),
  );
  await writeFile(join(dataDir, 'cal.csv'), 'label,predicted_s,measured_s\nq1,1.5,1\nq2,3,4\n');
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('report writes one page with a section per input and prints its path', async () => {
  const out = join(dataDir, 'out', 'r.html');
  const r = await runCli([
    'report',
    '--plotting-manifest',
    'small',
    '--run',
    runDir,
    '--calibration',
    join(dataDir, 'cal.csv'),
    '--out',
    out,
    '--data-dir',
    dataDir,
  ]);
  expect([r.code, r.stderr]).toEqual([0, '']);
  expect(r.stdout.trim()).toBe(out);
  const html = await readFile(out, 'utf8');
  for (const id of ['plot-small', 'run-0', 'calibration'])
    expect(html).toContain(`<section id="${id}">`);
  expect(html).not.toContain('A<script>');
});

test('plot --report writes reports/<stem>.html beside the PNGs, also when the plot is reused', async () => {
  const first = await runCli([
    'plot',
    '--plotting-manifest',
    'small',
    '--report',
    '--data-dir',
    dataDir,
  ]);
  expect(first.code).toBe(0);
  const report = join(dataDir, 'reports', 'small.html');
  expect(first.stderr).toContain(`small: report ${report}`);
  await rm(report);
  const again = await runCli([
    'plot',
    '--plotting-manifest',
    'small',
    '--report',
    '--data-dir',
    dataDir,
    '--json',
  ]);
  const [summary] = JSON.parse(again.stdout) as { status: string; report: string }[];
  expect(summary).toMatchObject({ status: 'exists', report });
  expect(await readFile(report, 'utf8')).toContain('<section id="plot-small">');
});

test('bad input: no source is a usage error, a bad calibration row names file, line and column', async () => {
  expect((await runCli(['report', '--data-dir', dataDir])).code).toBe(2);
  await writeFile(join(dataDir, 'bad.csv'), 'label,predicted_s,measured_s\nq1,1,1\nq2,x,4\n');
  const r = await runCli([
    'report',
    '--calibration',
    join(dataDir, 'bad.csv'),
    '--data-dir',
    dataDir,
  ]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${join(dataDir, 'bad.csv')}:3`);
  expect(r.stderr).toContain("predicted_s: must be a number >= 0, got 'x'");
});
