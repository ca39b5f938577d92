/**
 * Bad input to the run commands is refused before any work starts: every problem named with
 * the referring file, line, column and config path, exit 2, nothing written.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
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
  const gen = await cli('workload', 'generate', 'poisson', '--name', 'demo_diurnal');
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
