/**
 * The reference's main-evaluation figure (`manifests/plotting/main_eval_v8.yml`, unchanged) drawn
 * from real simulator runs, end to end through the CLI as a user would: generate the workload it
 * names, simulate every baseline it names, stand in the reference's own tuned submission for the
 * four AutoSLO configs, plot. Small scale: 150 queries a day over the two target days' span.
 */
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStructuredLog } from '@autoslo/core';
import { rendererStatus } from '@autoslo/plotter';
import { parse } from 'yaml';
import { runCli } from './run-cli.js';

const REFERENCE_DATA = join(import.meta.dirname, '../../../reference-data/autoslo/data');
const canRender = (await rendererStatus()).ok;
const DATES = ['2024-05-27', '2024-04-15'] as const;
const TUNED = ['1month_k4_thresh10_nocache_v8', '1month_k2_thresh10_nocache_v8'] as const;

let dataDir: string;

function sim(args: string[]) {
  return runCli(['simulate', '--data-dir', dataDir, ...args]);
}

function workloadDir(date: string): string {
  return join(dataDir, 'simulator_runs', `redbench_provisioned_157_0__${date}__rf0.167`);
}

/** The run directory of each (panel date, label) as `execute` names it. */
function runDirOf(date: string, kappa: string, label: string): string {
  const day = date === '2024-05-27' ? 'may27' : 'april15';
  const byLabel: Record<string, string> = {
    'Single 64': `main_eval_round_robin_v8__INITIAL_RPU=[64]__TARGET_DATE=${date}`,
    'Round Robin 32+32': `main_eval_round_robin_v8__INITIAL_RPU=[32, 32]__TARGET_DATE=${date}`,
    'RAIS - Balanced': `main_eval_rais_v8__RAIS_LEVEL=50__RAIS_MAX_CAPACITY=128__TARGET_DATE=${date}`,
    'RAIS - High Perf.': `main_eval_rais_v8__RAIS_LEVEL=100__RAIS_MAX_CAPACITY=128__TARGET_DATE=${date}`,
    AutoSLO: `${day}_1month_${kappa}_thresh10_nocache_v8`,
  };
  const name = byLabel[label];
  if (!name) throw new Error(`unexpected label ${label}`);
  return join(workloadDir(date), name);
}

/**
 * Re-scored by hand from the run's files: the share of arrived queries whose latency
 * (completion - arrival) exceeds the template's SLO in the panel's table (never completing
 * counts as violating), and the summed billed cost of every cluster.
 */
async function rescore(runDir: string, sloFile: string): Promise<{ x: number; y: number }> {
  const table = parse(await readFile(join(dataDir, 'slos', sloFile), 'utf8')) as {
    slo_dict: Record<string, number>;
  };
  const log = await readStructuredLog(join(runDir, 'structured_log.parquet'));
  const arrival = new Map<number, { t: number; text: string }>();
  const completion = new Map<number, number>();
  for (let i = 0; i < log.length; i++) {
    const id = log.queryId(i);
    if (id === null) continue;
    if (log.eventType(i) === 'arrival') {
      arrival.set(id, { t: log.relTimeS(i), text: log.queryTextId(i) ?? '' });
    } else if (log.eventType(i) === 'completion') completion.set(id, log.relTimeS(i));
  }
  let violated = 0;
  for (const [id, a] of arrival) {
    const end = completion.get(id);
    const slo = table.slo_dict[a.text.split('#')[1] ?? ''];
    if (slo === undefined) throw new Error(`no SLO for ${a.text}`);
    if (end === undefined || end - a.t > slo) violated++;
  }
  const billing = parse(
    await readFile(join(runDir, 'billing_interval_analysis.yml'), 'utf8'),
  ) as Record<string, { total_billed_cost: number }>;
  const y = Object.values(billing).reduce((s, c) => s + c.total_billed_cost, 0);
  return { x: violated / arrival.size, y };
}

/** The reference's tuned submission stands in for the four AutoSLO configs the figure names. */
async function publishTunedConfigs(): Promise<void> {
  await mkdir(join(dataDir, 'execution_configs', 'tuned'), { recursive: true });
  const submission = join(
    dataDir,
    'execution_configs',
    'tuned_submission',
    'may27_1month_k4_thresh10_nocache_v8.yml',
  );
  for (const day of ['may27', 'april15']) {
    for (const tuned of TUNED) {
      await copyFile(
        submission,
        join(dataDir, 'execution_configs', 'tuned', `${day}_${tuned}.yml`),
      );
    }
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-reference-figure-'));
  await cp(REFERENCE_DATA, dataDir, { recursive: true });
}, 20_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('main_eval_v8 renders every point from real simulator runs', async () => {
  const generated = await runCli([
    'workload',
    'generate',
    'diurnal',
    '--data-dir',
    dataDir,
    '--name',
    'redbench_provisioned_157_0',
    '--start-date',
    '2024-04-15',
    '--days',
    '43',
    '--queries-per-day',
    '150',
  ]);
  expect(generated.code).toBe(0);

  // Before any run exists every one of the 20 points is listed with the command producing it.
  const before = await runCli([
    'plot',
    '--data-dir',
    dataDir,
    '--plotting-manifest',
    'main_eval_v8',
    '--json',
  ]);
  const listed = JSON.parse(before.stdout) as { missing: { command: string }[] }[];
  expect(listed[0]?.missing).toHaveLength(20);
  // A tuned config not published yet is tuned first, by the tuning manifest that names it.
  expect(listed[0]?.missing.map((m) => m.command)).toContain(
    'pnpm autoslo tune --tuning-manifest main_eval_v8 && pnpm autoslo simulate --execution-config exec:tuned/april15_1month_k2_thresh10_nocache_v8.yml --workload redbench_provisioned_157_0 --target-date 2024-04-15 --rescale-factor 0.16666667',
  );
  await publishTunedConfigs();

  for (const date of DATES) {
    const t = `TARGET_DATE=${date}`;
    const rr = ['--execution-config', 'exec:handmade/main_eval_round_robin_v8.yml', '--param', t];
    const rais = ['--execution-config', 'exec:handmade/main_eval_rais_v8.yml', '--param', t];
    for (const args of [
      [...rr, '--param', 'INITIAL_RPU=[64]'],
      [...rr, '--param', 'INITIAL_RPU=[32, 32]'],
      [...rais, '--param', 'RAIS_LEVEL=50', '--param', 'RAIS_MAX_CAPACITY=128'],
      [...rais, '--param', 'RAIS_LEVEL=100', '--param', 'RAIS_MAX_CAPACITY=128'],
    ]) {
      const ran = await sim(args);
      expect(ran.code).toBe(0);
      // RAIS is proprietary: simulated at base capacity, and the user is told so.
      const warned = ran.stderr.includes('price_performance_target_level');
      expect(warned).toBe(args.includes('exec:handmade/main_eval_rais_v8.yml'));
    }
    const day = date === '2024-05-27' ? 'may27' : 'april15';
    for (const tuned of TUNED) {
      const ran = await sim([
        '--execution-config',
        `exec:tuned/${day}_${tuned}.yml`,
        '--target-date',
        date,
      ]);
      expect(ran.code).toBe(0);
    }
  }

  const plotted = await runCli([
    'plot',
    '--data-dir',
    dataDir,
    '--plotting-manifest',
    'main_eval_v8',
    '--force',
    '--json',
  ]);
  const [result] = JSON.parse(plotted.stdout) as {
    points: number;
    missing: unknown[];
    written: string[];
  }[];
  expect(result?.missing).toEqual([]);
  expect(result?.points).toBe(20);
  const plots = join(dataDir, 'plots');
  const companions = ['main_eval_v8.csv', 'main_eval_v8.tex'];
  if (canRender) companions.push('main_eval_v8.png', 'main_eval_v8_bars.png');
  for (const file of companions) expect((await stat(join(plots, file))).size).toBeGreaterThan(0);
  expect(plotted.code).toBe(canRender ? 0 : 1);

  const tex = await readFile(join(plots, 'main_eval_v8.tex'), 'utf8');
  expect(tex).toContain('\\multicolumn{2}{c}{AutoSLO}');
  expect(tex).toContain('\\end{document}');

  // Every CSV row equals its run re-scored by hand under the panel's SLO table.
  const rows = (await readFile(join(plots, 'main_eval_v8.csv'), 'utf8'))
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const m = /^(\d),(\d),"([^"]+)",binary,([^,]+),([^,]+),([^,]+),$/.exec(line);
      if (!m) throw new Error(`unexpected CSV row ${line}`);
      return { title: m[3] ?? '', label: m[4] ?? '', x: Number(m[5]), y: Number(m[6]) };
    });
  expect(rows).toHaveLength(20);
  for (const row of rows) {
    const date = row.title.startsWith('May') ? '2024-05-27' : '2024-04-15';
    const kappa = row.title.endsWith('κ=4') ? 'k4' : 'k2';
    const expected = await rescore(
      runDirOf(date, kappa, row.label),
      `1778469201294_p100_${kappa}.yml`,
    );
    expect(row.x).toBeCloseTo(expected.x, 12);
    expect(row.y).toBeCloseTo(expected.y, 9);
  }
  // The same baseline run costs the same in the κ=4 and κ=2 panels of its day.
  const cost = (title: string, label: string) =>
    rows.find((r) => r.title === title && r.label === label)?.y;
  expect(cost('May 27, κ=4', 'Single 64')).toBe(cost('May 27, κ=2', 'Single 64'));
}, 60_000);
