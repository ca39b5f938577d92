import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistory, historyCsv } from '@autoslo/calibration';
import { rendererStatus } from '@autoslo/plotter';
import { parse } from 'yaml';
import { runCli } from './run-cli.js';

let dataDir = '';
let historyFile = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-calibrate-'));
  const { rows } = generateHistory(
    {
      referenceRpu: 16,
      rpuExponent: 0.55,
      parallelismPerRpu: 0.2,
      admissionLimit: 1000,
      noiseCv: 0.3,
      isolatedS: [1, 3, 8],
    },
    [
      { workgroup: 'small', rpu: 8, load: 0.8, queries: 400 },
      { workgroup: 'large', rpu: 32, load: 0.8, queries: 400 },
      { workgroup: 'medium', rpu: 16, load: 0.6, queries: 300 },
    ],
    11,
  );
  historyFile = join(dataDir, 'export.csv');
  // A failed query and a DDL statement: counted, never fitted.
  const extra = [
    '9000001,2026-11-02 07:59:00.000000,2026-11-02 07:59:01.000000,1000000,0,1000000,failed,SELECT,false,SELECT 1/0,small,8',
    '9000002,2026-11-02 07:59:02.000000,2026-11-02 07:59:02.100000,100000,0,100000,success,DDL,false,CREATE TABLE t (k int),small,8',
  ];
  await writeFile(historyFile, historyCsv(rows) + `${extra.join('\n')}\n`);
  await mkdir(join(dataDir, 'execution_configs', 'handmade'), { recursive: true });
  await writeFile(
    join(dataDir, 'execution_configs', 'handmade', 'one_medium.yml'),
    [
      'workload_config:',
      '  workload_name: synth',
      '  target_date: "2026-11-02"',
      '  rescale_factor: 1',
      'slo_resolver_config:',
      '  slo_s: 20.0',
      'slo_objective_config:',
      '  slo_metric: binary',
      '  slo_threshold: 0',
      'provisioner_config:',
      '  aws_config_path: data/config/aws.yml',
      '  spin_up_delay_s: 300.0',
      'workload_runner_config:',
      '  max_threads: 512',
      '  schema_name: synth',
      '  closed_loop: false',
      'managed_cluster_pool_config:',
      '  maxconns: 1000',
      '  max_clusters: 1',
      '  initial_rpus: [16]',
      'scheduled_spinups: []',
      'query_router_config:',
      '  routing_policy_name: round_robin',
      '  iconq_model_id: model_v8',
      'autoscaler_config:',
      '  autoscaling_policy: noop',
      '  allowed_rpu_sizes: []',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir]);

test('import-history rejects a bad row with its line and column and writes nothing', async () => {
  const bad = join(dataDir, 'bad.csv');
  const text = await readFile(historyFile, 'utf8');
  const lines = text.split('\n');
  // Line 4: a negative execution time.
  lines[3] = (lines[3] as string).replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*),\d+,/, '$1,-5,');
  await writeFile(bad, lines.join('\n'));
  const r = await cli('workload', 'import-history', bad, '--name', 'bad');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    `${bad}:4: execution_time: row 3: execution_time must be a number of microseconds >= 0`,
  );
  expect(existsSync(join(dataDir, 'workloads', 'bad.parquet'))).toBe(false);
  expect(existsSync(join(dataDir, 'query_texts', 'bad'))).toBe(false);
});

test('import-history, calibrate, compare-live and simulate with the calibrated config', async () => {
  const imp = await cli('workload', 'import-history', historyFile, '--name', 'synth', '--json');
  expect(imp.code).toBe(0);
  const summary = JSON.parse(imp.stdout) as {
    stats: { categories: Record<string, number>; templates: number };
  };
  expect(summary.stats.categories).toMatchObject({ ok: 1100, failed: 1, ddl_utility: 1 });
  expect(summary.stats.templates).toBe(3);
  expect((await readdir(join(dataDir, 'query_texts', 'synth'))).sort()).toEqual([
    '001.sql',
    '002.sql',
    '003.sql',
  ]);

  const cal = await cli(
    'calibrate',
    '--history',
    'synth',
    '--holdout',
    'synth/medium',
    '--name',
    'cal',
    '--base-config',
    'exec:handmade/one_medium',
  );
  expect(cal.code).toBe(0);
  expect(cal.stdout).toMatch(/rpu_exponent\s+0\.5\d/);
  // Nobody queued: the admission limit is reported unidentifiable and keeps its prior.
  expect(cal.stdout).toMatch(/admission_limit\s+not identifiable, keeping the prior none/);
  expect(cal.stdout).toContain('Left out of the fit: 1 failed, 1 ddl_utility');
  const block = parse(
    await readFile(join(dataDir, 'calibration', 'cal', 'latency_model_config.yml'), 'utf8'),
  ) as {
    latency_model_config: {
      profile_filename: string;
      rpu_exponent: number;
      parallelism_per_rpu: number;
    };
  };
  expect(block.latency_model_config.profile_filename).toBe('cal.yml');
  expect(Math.abs(block.latency_model_config.parallelism_per_rpu / 0.2 - 1)).toBeLessThan(0.15);
  expect(existsSync(join(dataDir, 'profiles', 'cal.yml'))).toBe(true);
  // The predicted-vs-measured figure, wherever the plotter can render.
  const png = join(dataDir, 'calibration', 'cal', 'predicted_vs_measured.png');
  expect(existsSync(png)).toBe((await rendererStatus()).ok);
  const report = JSON.parse(
    await readFile(join(dataDir, 'calibration', 'cal', 'report.json'), 'utf8'),
  ) as {
    heldOut: { run: string; calibrated: { medianApe: number }; prior: { medianApe: number } }[];
  };
  expect(report.heldOut[0]?.run).toBe('synth/medium');
  expect(report.heldOut[0]?.calibrated.medianApe).toBeLessThan(
    report.heldOut[0]?.prior.medianApe as number,
  );

  const cmp = await cli(
    'compare-live',
    '--history',
    'synth',
    '--model',
    'exec:calibrated/cal',
    '--json',
  );
  expect(cmp.code).toBe(0);
  const runs = (
    JSON.parse(cmp.stdout) as { runs: { runId: string; medianApe: number; templates: unknown[] }[] }
  ).runs;
  expect(runs.map((r) => r.runId)).toEqual(['synth/large', 'synth/medium', 'synth/small']);
  for (const r of runs) {
    expect(r.templates).toHaveLength(3);
    expect(r.medianApe).toBeLessThan(0.5);
  }

  // The default model (default parameters, median measured times) is further off.
  const dflt = await cli('compare-live', '--history', 'synth', '--json');
  expect(dflt.code).toBe(0);
  const dfltRuns = (JSON.parse(dflt.stdout) as { model: string; runs: { medianApe: number }[] })
    .runs;
  expect(dfltRuns.reduce((a, r) => a + r.medianApe, 0)).toBeGreaterThan(
    runs.reduce((a, r) => a + r.medianApe, 0),
  );

  const sim = await cli('simulate', '--execution-config', 'exec:calibrated/cal', '--json');
  expect(sim.code).toBe(0);
});
