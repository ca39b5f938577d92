/**
 * Bad input to the run commands is refused before any work starts: every problem named with
 * the referring file, line, column and config path, exit 2, nothing written.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';

const BUNDLED = resolve(import.meta.dirname, '../../../data');
let dataDir = '';
const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir]);
const PARAMS = ['--param', 'TARGET_DATE=2024-05-27', '--param', 'KAPPA=4'];
const STATIC = [...PARAMS, '--param', 'INITIAL_RPU=[16]'];
/** Nothing but the inputs: no simulator_runs, tuner_runs or tuned configs were written. */
const outputs = async () =>
  (await readdir(dataDir)).filter((d) => ['simulator_runs', 'tuner_runs'].includes(d));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-refusals-'));
  for (const sub of ['slos', 'execution_configs', 'tuner_configs', 'manifests']) {
    await cp(join(BUNDLED, sub), join(dataDir, sub), { recursive: true });
  }
  const gen = await cli(
    'workload',
    'generate',
    'poisson',
    '--name',
    'demo_diurnal',
    '--start-date',
    '2024-05-27',
  );
  expect(gen.code).toBe(0);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('simulate: a missing SLO table is named at its line before anything is simulated', async () => {
  const file = join(dataDir, 'execution_configs', 'handmade', 'demo_static.yml');
  const out = await cli(
    'simulate',
    '--execution-config',
    'exec:handmade/demo_static',
    ...PARAMS,
    '--param',
    'INITIAL_RPU=[16]',
    '--param',
    'KAPPA=7',
  );
  expect(out.code).toBe(2);
  expect(out.stderr).toContain(
    `error: ${file}:11:22: slo_resolver_config.slo_dict_filename: SLO table '1778469201294_p100_k7.yml' not found`,
  );
  expect(out.stderr).not.toContain('simulating');
  expect(await outputs()).toEqual([]);
});

test('simulate: a missing workload is named at the config line that names it', async () => {
  const file = join(dataDir, 'execution_configs', 'handmade', 'demo_static.yml');
  const out = await cli(
    'simulate',
    '--execution-config',
    'exec:handmade/demo_static',
    ...STATIC,
    '--workload',
    'nosuch',
  );
  expect(out.code).toBe(2);
  expect(out.stderr).toMatch(
    new RegExp(`error: ${file}:\\d+:\\d+: workload_config.workload_name: no workload 'nosuch'`),
  );
  expect(await outputs()).toEqual([]);
});

test('simulate and tune: a --param no placeholder uses is refused, not made part of the run id', async () => {
  const sim = await cli(
    'simulate',
    '--execution-config',
    'exec:handmade/demo_static',
    ...STATIC,
    '--param',
    'max_clusters=abc',
  );
  expect(sim.code).toBe(2);
  expect(sim.stderr).toContain('--param max_clusters: no <max_clusters> placeholder in');
  const tune = await cli(
    'tune',
    '--initial-execution-config',
    'exec:handmade/demo_autoslo_base',
    '--tuner-config',
    'tuner:demo_oracle',
    ...PARAMS,
    '--param',
    'SLO_THRESHOLD=0.1',
    '--param',
    'KAPA=4',
  );
  expect(tune.code).toBe(2);
  expect(tune.stderr).toContain('--param KAPA: no <KAPA> placeholder in');
  expect(await outputs()).toEqual([]);
});

test('execute: every entry is checked first; a missing config stops everything', async () => {
  const manifest = join(dataDir, 'manifests', 'execution', 'broken.yml');
  await writeFile(
    manifest,
    `main_content:
  - workload_config: { workload_name: demo_diurnal, target_date: "2024-05-27" }
    execution_config: exec:handmade/demo_static
    params: { TARGET_DATE: "2024-05-27", KAPPA: 4, INITIAL_RPU: [16] }
  - workload_config: { workload_name: demo_diurnal, target_date: "2024-05-27" }
    execution_config: exec:handmade/nosuch
  - workload_config: { workload_name: gone, target_date: "2024-05-27" }
    execution_config: exec:handmade/demo_static
    params: { TARGET_DATE: "2024-05-27", KAPPA: 4, INITIAL_RPU: [16] }
`,
  );
  const out = await cli('execute', '--execution-manifest', 'broken');
  expect(out.code).toBe(2);
  expect(out.stderr).toContain(
    `error: ${manifest}:6:23: main_content.1.execution_config: 'exec:handmade/nosuch' not found`,
  );
  expect(out.stderr).toMatch(/workload_config.workload_name: no workload 'gone'/);
  expect(out.stderr).toContain(
    `${manifest}:8:23: main_content.2.execution_config: 'exec:handmade/demo_static'`,
  );
  expect(await outputs()).toEqual([]);
});

test('tune: a manifest naming a missing tuner config is refused at the entry', async () => {
  const manifest = join(dataDir, 'manifests', 'tuning', 'broken.yml');
  await writeFile(
    manifest,
    `main_content:
  run_a:
    configs:
      initial_execution_config: exec:handmade/demo_autoslo_base
      tuner_config: tuner:nosuch
    params: { TARGET_DATE: "2024-05-27", KAPPA: 4 }
`,
  );
  const out = await cli('tune', '--tuning-manifest', 'broken');
  expect(out.code).toBe(2);
  expect(out.stderr).toContain(
    `error: ${manifest}:5:21: main_content.run_a.configs.tuner_config: 'tuner:nosuch' not found`,
  );
  expect(await outputs()).toEqual([]);
});

test('simulate warns at its line about what acts differently here: cache_aware, an older policy name', async () => {
  const base = join(dataDir, 'execution_configs', 'handmade', 'demo_autoslo_base.yml');
  const file = join(dataDir, 'execution_configs', 'handmade', 'old_names.yml');
  await writeFile(
    file,
    (await readFile(base, 'utf8'))
      .replace('routing_policy_name: use_iconq_model', 'routing_policy_name: cache_aware')
      .replace(
        'autoscaling_policy: add_single_best_forward',
        'autoscaling_policy: add_single_best',
      ),
  );
  const out = await cli(
    'simulate',
    '--execution-config',
    'exec:handmade/old_names',
    ...PARAMS,
    '--json',
  );
  expect([out.code, out.code === 0 ? '' : out.stderr]).toEqual([0, '']);
  expect(out.stderr).toContain(
    `warning: ${file}:36:3: query_router_config.routing_policy_name: cache_aware: the simulator and the router have no cache model`,
  );
  expect(out.stderr).toMatch(
    new RegExp(
      `warning: ${file}:43:3: autoscaler_config.autoscaling_policy: add_single_best is renamed add_single_best_forward: the reference's older policy`,
    ),
  );
  expect(out.stderr).toMatch(
    /warning: .*provisioner_config.aws_config_path: and .* have no effect here/,
  );
  await rm(join(dataDir, 'simulator_runs'), { recursive: true, force: true });
});

test('tune: forecast_policy_name none is refused at validation, without a stack trace', async () => {
  const base = join(dataDir, 'tuner_configs', 'demo_forecasted.yml');
  const file = join(dataDir, 'tuner_configs', 'forecast_none.yml');
  await writeFile(
    file,
    (await readFile(base, 'utf8')).replace(
      'forecast_policy_name: same_day_exponential',
      'forecast_policy_name: none',
    ),
  );
  const out = await cli(
    'tune',
    '--initial-execution-config',
    'exec:handmade/demo_autoslo_base',
    '--tuner-config',
    'tuner:forecast_none',
    ...PARAMS,
    '--param',
    'SLO_THRESHOLD=0.1',
    '--param',
    'LAST_DAY_DATE_INCLUSIVE=2024-05-26',
    '--param',
    'NUM_DAYS=30',
  );
  expect(out.code).toBe(2);
  expect(out.stderr).toContain(
    `error: ${file}:8:27: sampling_config.forecaster_config.forecast_policy_name: "none" forecasts nothing`,
  );
  expect(out.stderr).not.toMatch(/\n\s+at /);
  expect(await outputs()).toEqual([]);
});
