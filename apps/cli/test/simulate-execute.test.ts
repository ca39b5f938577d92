/** `autoslo simulate` and `autoslo execute` (simulator mode) end to end through `main`. */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';

const REFERENCE = resolve(import.meta.dirname, '../../../reference-data/autoslo/data');
let dataDir = '';
const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir]);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-sim-'));
  for (const sub of ['slos', 'execution_configs', 'manifests']) {
    await cp(join(REFERENCE, sub), join(dataDir, sub), { recursive: true });
  }
  const gen = await cli(
    'workload',
    'generate',
    'diurnal',
    '--name',
    'redbench_provisioned_157_0',
    '--days',
    '3',
    '--start-date',
    '2024-05-26',
  );
  expect(gen.code).toBe(0);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('simulate runs a reference config with params and prints the summary as JSON', async () => {
  const out = await cli(
    'simulate',
    '--execution-config',
    'exec:handmade/main_eval_base_v8',
    '--param',
    'TARGET_DATE=2024-05-27',
    '--param',
    'KAPPA=4',
    '--json',
  );
  expect(out.code).toBe(0);
  const summary = JSON.parse(out.stdout);
  expect(Object.keys(summary)).toEqual(
    expect.arrayContaining([
      'violation_rate',
      'violation_amount_s',
      'violation_relative_mean',
      'total_cost',
      'num_queries',
    ]),
  );
  expect(summary.num_queries).toBeGreaterThan(500);
  expect(summary.run_dir).toBe(
    join(
      dataDir,
      'simulator_runs',
      'redbench_provisioned_157_0__2024-05-27__rf0.167',
      'main_eval_base_v8__KAPPA=4__TARGET_DATE=2024-05-27',
    ),
  );
  expect((await readdir(summary.run_dir)).sort()).toEqual([
    'billing_interval_analysis.yml',
    'execution_config.yml',
    'mapping.yml',
    'structured_log.parquet',
    'summary.yml',
  ]);
});

test('simulate without --execution-config is bad input (exit 2)', async () => {
  const out = await cli('simulate');
  expect(out.code).toBe(2);
  expect(out.stderr).toContain('--execution-config is required');
});

test('execute refuses a manifest with a missing input (exit 2, nothing run) unless --skip-missing', async () => {
  // main_eval_v8: April 15 (entries 2 and 3) is not in the trace.
  const runs = join(dataDir, 'simulator_runs');
  const before = await readdir(runs, { recursive: true });
  const refused = await cli('execute', '--execution-manifest', 'main_eval_v8');
  expect(refused.code).toBe(2);
  const manifest = join(dataDir, 'manifests', 'execution', 'main_eval_v8.yml');
  expect(refused.stderr).toMatch(
    new RegExp(
      `error: ${manifest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: main_content\\[2\\]: .*2024-04-15`,
    ),
  );
  expect(refused.stderr).toContain('main_content[3]');
  expect(refused.stderr).toContain('--skip-missing');
  expect(await readdir(runs, { recursive: true })).toEqual(before);
});

test('execute --skip-missing plans, skips what exists or is missing, runs the rest, then skips everything', async () => {
  // main_eval_v8: May 27 with KAPPA 4 (run above: exists) and 2; April 15 is not in the trace.
  const first = await cli(
    'execute',
    '--execution-manifest',
    'main_eval_v8',
    '--skip-missing',
    '--json',
  );
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(
    /0 +Skip - exists +redbench_provisioned_157_0__2024-05-27__rf0\.167 +main_eval_base_v8__KAPPA=4/,
  );
  expect(first.stderr).toMatch(
    /1 +Run +redbench_provisioned_157_0__2024-05-27__rf0\.167 +main_eval_base_v8__KAPPA=2/,
  );
  expect(first.stderr).toMatch(
    /2 +Skip - missing +redbench_provisioned_157_0__2024-04-15__rf0\.167/,
  );
  const summary = JSON.parse(first.stdout);
  expect(summary.runs_specified).toBe(4);
  expect(summary.runs_executed).toBe(1);
  expect(summary.runs[0].config_label).toBe('main_eval_base_v8__KAPPA=2__TARGET_DATE=2024-05-27');

  const again = await cli(
    'execute',
    '--execution-manifest',
    'main_eval_v8',
    '--skip-missing',
    '--json',
  );
  expect(JSON.parse(again.stdout).runs_executed).toBe(0);
  const forced = await cli(
    'execute',
    '--execution-manifest',
    'main_eval_v8',
    '--force',
    '--skip-missing',
    '--splits',
    '2',
    '--split-index',
    '1',
    '--json',
  );
  // Entries 1 and 3 belong to split 1; entry 3 (April 15) is missing.
  expect(JSON.parse(forced.stdout).runs_executed).toBe(1);
  expect(forced.stderr).toMatch(/0 +Skip - split/);
});

test('execute reads the manifest and split the same way in both modes: bad splits exit 2', async () => {
  for (const live of [[], ['--live']]) {
    const outOfRange = await runCli([
      'execute',
      ...live,
      '--execution-manifest',
      'main_eval_v8',
      '--splits',
      '2',
      '--split-index',
      '2',
    ]);
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain('--split-index must be in 0..N-1 with --splits N >= 1');
    const half = await runCli(['execute', ...live, '--execution-manifest', 'x', '--splits', '2']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--splits and --split-index go together');
  }
});
