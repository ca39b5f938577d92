import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';
import { demoFindings, type MethodResult } from '../src/demo/demo-findings.js';
import { runCli } from './run-cli.js';

const BUNDLED_DATA = join(import.meta.dirname, '../../../data');

describe('demoFindings', () => {
  const method = (label: string, violation: number, cost: number, isStatic: boolean) =>
    ({ label, violation, cost, isStatic, runDir: `/runs/${label}` }) satisfies MethodResult;

  it('compares the headline method with the cheapest static baseline that meets the threshold', () => {
    const f = demoFindings(
      [
        method('Single 64', 0, 80, true),
        method('Round Robin 32+32', 0.05, 60, true),
        method('Single 16', 0.3, 20, true), // cheapest static, but misses 0.10
        method('AutoSLO', 0.08, 15, false),
      ],
      0.1,
      'AutoSLO',
    );
    expect(f.methods.map((m) => m.meets)).toEqual([true, true, false, true]);
    expect(f.cheapestStaticMeeting?.label).toBe('Round Robin 32+32');
    // 60 - 15 = 45 dollars, 45 / 60 = 0.75
    expect(f.saving).toEqual({
      baseline: 'Round Robin 32+32',
      baselineCost: 60,
      cost: 15,
      dollars: 45,
      fraction: 0.75,
    });
  });

  it('also compares it with the cheapest peer autoscaler that meets the threshold', () => {
    const peer = (label: string, violation: number, cost: number) =>
      ({ ...method(label, violation, cost, false), isPeer: true }) satisfies MethodResult;
    const f = demoFindings(
      [
        method('Single 32', 0, 40, true),
        peer('Snowflake Standard', 0.3, 20), // cheapest peer, but misses 0.10
        peer('Redshift queue time', 0.02, 50),
        method('AutoSLO', 0.01, 30, false),
      ],
      0.1,
      'AutoSLO',
    );
    expect(f.cheapestPeerMeeting?.label).toBe('Redshift queue time');
    expect(f.savingVsPeer).toEqual({
      baseline: 'Redshift queue time',
      baselineCost: 50,
      cost: 30,
      dollars: 20,
      fraction: 0.4,
    });
    expect(f.saving?.baseline).toBe('Single 32');
  });

  it('meets within the 1e-4 tolerance and reports no saving for a headline that misses', () => {
    const f = demoFindings(
      [method('Static', 0.10005, 50, true), method('AutoSLO', 0.2, 10, false)],
      0.1,
      'AutoSLO',
    );
    expect(f.methods.map((m) => m.meets)).toEqual([true, false]);
    expect(f.headline?.label).toBe('AutoSLO');
    expect(f.saving).toBeNull();
  });
});

describe('autoslo demo', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autoslo-demo-'));
    for (const sub of ['execution_configs/handmade', 'manifests', 'slos', 'tuner_configs']) {
      await cp(join(BUNDLED_DATA, sub), join(dataDir, sub), { recursive: true });
    }
    // Small enough for a unit test: a lighter workload, two scenarios, one sweep point.
    const { trace } = generateDiurnal({ queriesPerDay: 120, burstsPerDay: 1 });
    await writeWorkloadParquet(join(dataDir, 'workloads', 'demo_diurnal.parquet'), trace);
    for (const name of ['demo_forecasted', 'demo_oracle']) {
      const file = join(dataDir, 'tuner_configs', `${name}.yml`);
      const text = (await readFile(file, 'utf8'))
        .replace('num_scenarios: 20', 'num_scenarios: 2')
        .replace('max_spinups: 5', 'max_spinups: 1')
        .replace('max_attempts_per_round: 5', 'max_attempts_per_round: 1')
        .replace(/: \[([^\],]+), [^\]]+\]$/gm, ': [$1]');
      await writeFile(file, text);
    }
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tunes, simulates, plots and reports every method with its outputs', async () => {
    const { code, stdout, stderr } = await runCli([
      'demo',
      '--data-dir',
      dataDir,
      '--threads',
      '1',
    ]);
    // The light test workload is used, but flagged as not the demo's own.
    expect(stderr).toMatch(
      /\[workload\] reused: demo_diurnal exists but is not the demo's own \(\d+ queries, the demo generates 251903\)/,
    );
    expect(stderr).toContain('[tune] done');
    expect(stderr).toContain('[execute] done: 12 simulated');
    for (const label of [
      'Single 16',
      'Single 32',
      'Single 64',
      'Round Robin 16+16',
      'Round Robin 32+32',
      'Snowflake Standard',
      'Snowflake Economy',
      'Redshift queue time',
      'Databricks drain time',
      'AutoSLO (untuned)',
      'AutoSLO (oracle)',
      'AutoSLO ',
    ]) {
      expect(stdout).toContain(`  ${label}`);
    }
    expect(stdout).toContain('meets 0.10');
    expect(stdout).toMatch(/Cheapest static baseline that meets it: |No static baseline meets it/);
    expect(stdout).toMatch(/Cheapest peer autoscaler that meets it: |No peer autoscaler meets it/);
    const tuned = join(dataDir, 'execution_configs', 'tuned');
    await access(join(tuned, 'demo_may27_1month_k4_thresh10.yml'));
    await access(join(tuned, 'demo_may27_oracle_k4_thresh10.yml'));
    await access(join(dataDir, 'plots', 'demo.csv'));
    expect(stdout).toContain(join('plots', 'demo.csv'));
    expect(stdout).toContain(join('simulator_runs', 'demo_diurnal__2024-05-27__rf0.167'));
    // It ends with the report's path; the page holds the comparison, both tunings and timelines.
    const report = join(dataDir, 'reports', 'demo.html');
    expect(stdout.trimEnd().split('\n').pop()).toBe(`Open the report in a browser: ${report}`);
    const html = await readFile(report, 'utf8');
    for (const id of ['findings', 'plot-demo', 'tune-demo_may27_1month_k4_thresh10', 'run-0']) {
      expect(html).toContain(`<section id="${id}">`);
    }
    expect(html).toContain('Redshift queue time');
    expect(code).toBe(0);
  }, 120_000);

  it('reuses the tuned configs and runs on a second call, and reports as JSON', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--data-dir', dataDir, '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain('[tune] reused');
    expect(stderr).toContain('[execute] reused: 0 simulated, 12 reused');
    const report = JSON.parse(stdout) as {
      stages: { stage: string; status: string }[];
      findings: {
        threshold: number;
        methods: { label: string; meets: boolean; isStatic: boolean; isPeer: boolean }[];
      };
    };
    expect(report.stages.map((s) => s.stage)).toEqual([
      'workload',
      'tune',
      'execute',
      'plot',
      'report',
    ]);
    expect(report.findings.threshold).toBe(0.1);
    expect(report.findings.methods).toHaveLength(12);
    expect(report.findings.methods.filter((m) => m.isPeer).map((m) => m.label)).toEqual([
      'Snowflake Standard',
      'Snowflake Economy',
      'Redshift queue time',
      'Databricks drain time',
    ]);
    // Static by config (noop autoscaler, no scheduled spin-ups), not by label.
    expect(report.findings.methods.filter((m) => m.isStatic).map((m) => m.label)).toEqual([
      'Single 16',
      'Single 32',
      'Single 64',
      'Round Robin 16+16',
      'Round Robin 32+32',
    ]);
  }, 60_000);

  it('reports a failed stage, still scores the runs, and exits 1', async () => {
    await rm(join(dataDir, 'manifests', 'plotting', 'demo.yml'));
    const { code, stdout, stderr } = await runCli(['demo', '--data-dir', dataDir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\[plot\] failed: .*demo/);
    expect(stderr).toContain('[execute] reused');
    // Without the plot, each run is scored under its own config against the 0.10 default.
    expect(stdout).toContain('meets 0.10');
    expect(stdout).toContain('demo_static__INITIAL_RPU=[64]__KAPPA=4__TARGET_DATE=2024-05-27');
    expect(stdout).toContain('demo_may27_oracle_k4_thresh10');
  }, 60_000);
});
