import { spawn } from 'node:child_process';
import { access, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';
import { runCli } from './run-cli.js';

const REFERENCE_DATA = join(import.meta.dirname, '../../../reference-data/autoslo/data');

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The reference's configs and manifests, plus a small trace named like the reference's. */
async function referenceDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-cli-tune-'));
  await cp(REFERENCE_DATA, dir, { recursive: true });
  const { trace } = generateDiurnal({
    startDate: '2024-05-20',
    days: 8,
    queriesPerDay: 120,
    seed: 11,
    schema: 'ext_tpcds1000',
  });
  await writeWorkloadParquet(join(dir, 'workloads/redbench_provisioned_157_0.parquet'), trace);
  return dir;
}

const ORACLE_MANIFEST = `
locals:
  oracle_configs: &oracle_configs
    initial_execution_config: "exec:handmade/main_eval_base_v8"
    tuner_config: "tuner:oracle_v8"
  may27: &may27
    TARGET_DATE: "2024-05-27"
    KAPPA: 4
    SLO_THRESHOLD: 0.05
main_content:
  may27_oracle_k4_thresh5_nocache_v8:
    configs: *oracle_configs
    params:
      <<: *may27
  may27_oracle_k2_thresh10_nocache_v8:
    configs: *oracle_configs
    params:
      <<: *may27
      KAPPA: 2
      SLO_THRESHOLD: 0.10
`;

interface TuneJson {
  runs: {
    name: string;
    action: string;
    published: string | null;
    phases: { phase_key: string }[];
  }[];
}

describe('autoslo tune', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await referenceDataDir();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the reference configs with the reference flags, then skips the published run', async () => {
    const argv = [
      'tune',
      '--initial_execution_config_path',
      'exec:handmade/main_eval_base_v8',
      '--tuner_config_path',
      'tuner:oracle_v8',
      '--param',
      'TARGET_DATE=2024-05-27',
      '--param',
      'SLO_THRESHOLD=0.1',
      '--param',
      'KAPPA=4',
      '--data-dir',
      dataDir,
    ];
    const first = await runCli([...argv, '--json']);
    expect(first.stderr).toMatch(/Tune Preflight Summary/);
    expect([first.code, first.code === 0 ? '' : first.stderr]).toEqual([0, '']);
    const name = 'main_eval_base_v8__oracle_v8__KAPPA=4__SLO_THRESHOLD=0.1__TARGET_DATE=2024-05-27';
    const report = JSON.parse(first.stdout) as TuneJson;
    expect(report.runs.map((r) => [r.name, r.action])).toEqual([[name, 'Re-run']]);
    expect(report.runs[0]?.phases.map((p) => p.phase_key)).toEqual([
      '02_workloads',
      '03_baseline',
      '04_spinups',
      '05_autoscaling_param_sweep',
      '06_routing_param_sweep',
      '07_final',
    ]);
    expect(await exists(join(dataDir, `execution_configs/tuned/${name}.yml`))).toBe(true);
    expect(await exists(join(dataDir, `tuner_runs/${name}/timing_report.csv`))).toBe(true);

    // --report also covers a run that was skipped: its directory is there to read.
    const second = await runCli([...argv, '--report']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`${name}\\s+Skip`));
    const page = join(dataDir, 'reports', `${name}.html`);
    expect(second.stderr).toContain(`${name}: report ${page}`);
    const html = await readFile(page, 'utf8');
    expect(html).toContain('Spin-up schedule found');
    expect(html).toContain('Autoscaling parameter sweep: every point');
    expect(second.stdout).toMatch(/Tune Postflight Summary/);
    expect(second.stdout).toMatch(/Pre-existing\s+1/);
    expect(second.stdout).toMatch(/05_autoscaling_param_sweep/);
  });

  it('runs every entry of a tuning manifest under its key', async () => {
    const manifest = join(dataDir, 'oracle_manifest.yml');
    await writeFile(manifest, ORACLE_MANIFEST);
    const result = await runCli([
      'tune',
      '--tuning-manifest',
      manifest,
      '--threads',
      '0',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as TuneJson;
    expect(report.runs.map((r) => [r.name, r.action])).toEqual([
      ['may27_oracle_k4_thresh5_nocache_v8', 'Re-run'],
      ['may27_oracle_k2_thresh10_nocache_v8', 'Re-run'],
    ]);
    expect(
      await exists(
        join(dataDir, 'execution_configs/tuned/may27_oracle_k2_thresh10_nocache_v8.yml'),
      ),
    ).toBe(true);
  });

  it('a run killed mid-phase publishes nothing, and the next tune completes it', async () => {
    const bin = join(import.meta.dirname, '../dist/bin.js');
    const args = [
      'tune',
      '--initial-execution-config',
      'exec:handmade/main_eval_base_v8',
      '--tuner-config',
      'tuner:oracle_v8',
    ];
    const params = [
      '--param',
      'TARGET_DATE=2024-05-26',
      '--param',
      'SLO_THRESHOLD=0.05',
      '--param',
      'KAPPA=2',
    ];
    const name =
      'main_eval_base_v8__oracle_v8__KAPPA=2__SLO_THRESHOLD=0.05__TARGET_DATE=2024-05-26';
    const child = spawn(process.execPath, [bin, ...args, ...params, '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += String(chunk);
        // Scenarios are ready: the baseline is being simulated. Kill without warning.
        if (/02 workloads: 1\/1/.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve(signal));
    });
    expect(await killed).toBe('SIGKILL');
    expect(await exists(join(dataDir, `execution_configs/tuned/${name}.yml`))).toBe(false);
    expect(await readdir(join(dataDir, `tuner_runs/${name}`))).toContain('02_workloads');

    const rerun = await runCli([
      ...args,
      ...params,
      '--threads',
      '0',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(rerun.code).toBe(0);
    expect((JSON.parse(rerun.stdout) as TuneJson).runs[0]?.action).toBe('Re-run');
    expect(await exists(join(dataDir, `execution_configs/tuned/${name}.yml`))).toBe(true);
  });

  it('--only runs just the named manifest entries', async () => {
    const manifest = join(dataDir, 'oracle_manifest.yml');
    await writeFile(manifest, ORACLE_MANIFEST);
    const base = ['tune', '--tuning-manifest', manifest, '--threads', '0', '--data-dir', dataDir];
    // Both entries were published by the test above: the named one alone is planned (and skipped).
    const one = await runCli([...base, '--only', 'may27_oracle_k2_thresh10_nocache_v8', '--json']);
    expect(one.code).toBe(0);
    const report = JSON.parse(one.stdout) as TuneJson;
    expect(report.runs.map((r) => [r.name, r.action])).toEqual([
      ['may27_oracle_k2_thresh10_nocache_v8', 'Pre-existing'],
    ]);
    const unknown = await runCli([...base, '--only', 'may27_1month_k4_thresh10_nocache_v8']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "--only: no tuning run named 'may27_1month_k4_thresh10_nocache_v8'; the runs are: may27_oracle_k4_thresh5_nocache_v8, may27_oracle_k2_thresh10_nocache_v8",
    );
  });

  it('exits 2 on bad input', async () => {
    const noTuner = await runCli([
      'tune',
      '--initial-execution-config',
      'exec:handmade/main_eval_base_v8',
      '--data-dir',
      dataDir,
    ]);
    expect(noTuner.code).toBe(2);
    expect(noTuner.stderr).toMatch(/both an initial execution config and a tuner config/);
    const missing = await runCli([
      'tune',
      '--tuning-manifest',
      'no_such_manifest',
      '--data-dir',
      dataDir,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no_such_manifest.yml.*file not found/);
  });
});
