/**
 * A small data directory for the report tests: two simulator runs plotted by a one-panel
 * manifest (one method label tries to inject a script), and a tuning run with two scenario
 * days, a sweep, phase times and a tuned config whose history workload is in `workloads/`.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StructuredLog } from '@autoslo/core';
import { traceFromRows, writeWorkloadParquet } from '@autoslo/workload';

/** A label that would run script if any part of the page inlined it unescaped. */
export const HOSTILE_LABEL = 'A </script><img src=x onerror="window.__pwned=1"> & co';
export const TUNER_RUN = 'fx_tune';

const WORKLOAD = 'w__2024-01-01__rf1.000';

/** Latencies per query; clusters c0 (8 RPU, from 0) and c1 (16 RPU, 300 s to 900 s). */
async function writeRun(
  dataDir: string,
  configId: string,
  latencies: readonly number[],
): Promise<string> {
  const dir = join(dataDir, 'simulator_runs', WORKLOAD, configId);
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
  log.append({
    rel_time_s: 60,
    event_type: 'spin_up_decision',
    source: 'autoscaler',
    details: { rpu: 16 },
  });
  log.append({
    rel_time_s: 300,
    event_type: 'cluster_ready',
    source: 'pool',
    cluster_name: 'c1',
    details: { rpu: 16 },
  });
  latencies.forEach((lat, i) => {
    const template = `tpcds#00${1 + (i % 3)}#000`;
    log.append({
      rel_time_s: i * 50,
      event_type: 'arrival',
      source: 's',
      query_id: i,
      query_text_id: template,
    });
    log.append({
      rel_time_s: i * 50 + lat,
      event_type: 'completion',
      source: 's',
      query_id: i,
      query_text_id: template,
    });
  });
  log.append({
    rel_time_s: 900,
    event_type: 'cluster_removed',
    source: 'pool',
    cluster_name: 'c1',
  });
  log.append({ rel_time_s: 1200, event_type: 'run_finish', source: 'simulator' });
  await log.writeParquet(join(dir, 'structured_log.parquet'));
  await writeFile(
    join(dir, 'billing_interval_analysis.yml'),
    [
      'c0:',
      '  num_completed_queries: 10',
      '  num_billed_intervals: 1',
      '  total_billed_time_s: 1200',
      '  cluster_cost_per_second: 0.001',
      '  total_billed_cost: 1.2',
      '  billed_intervals:',
      '  - {start_s: 0, end_s: 1200}',
      'c1:',
      '  num_completed_queries: 10',
      '  num_billed_intervals: 1',
      '  total_billed_time_s: 600',
      '  cluster_cost_per_second: 0.002',
      '  total_billed_cost: 1.2',
      '  billed_intervals:',
      '  - {start_s: 300, end_s: 900}',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'execution_config.yml'),
    'slo_resolver_config: {slo_s: 30.0, slo_dict_filename: t.yml}\n',
  );
  return dir;
}

async function writeTunerRun(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'tuner_runs', TUNER_RUN);
  const day = (date: string, perHour: (h: number) => number, idBase: number) => {
    const rows = [];
    let id = idBase;
    for (let h = 0; h < 24; h++) {
      for (let k = 0; k < perHour(h); k++) {
        rows.push({
          queryId: id++,
          absStartMs: Date.parse(`${date}T00:00:00Z`) + h * 3_600_000 + k * 1000,
          queryTextId: 'tpcds#001#000',
          repetitionId: 0,
        });
      }
    }
    return rows;
  };
  const busy = (h: number) => (h >= 8 && h < 18 ? 6 : 2);
  await mkdir(join(dir, '02_workloads', 'train'), { recursive: true });
  await mkdir(join(dir, '02_workloads', 'val'), { recursive: true });
  await writeWorkloadParquet(
    join(dir, '02_workloads', 'train', 't_0.parquet'),
    traceFromRows(day('2024-01-08', busy, 0)),
  );
  await writeWorkloadParquet(
    join(dir, '02_workloads', 'train', 't_1.parquet'),
    traceFromRows(day('2024-01-08', (h) => busy(h) + 1, 0)),
  );
  await writeWorkloadParquet(
    join(dir, '02_workloads', 'val', 'v_0.parquet'),
    traceFromRows(day('2024-01-08', busy, 0)),
  );
  await mkdir(join(dataDir, 'workloads'), { recursive: true });
  await writeWorkloadParquet(
    join(dataDir, 'workloads', 'w.parquet'),
    traceFromRows([...day('2024-01-06', busy, 0), ...day('2024-01-07', busy, 10_000)]),
  );
  await writeFile(
    join(dir, 'tuner_config.yml'),
    [
      'sampling_config:',
      '  forecaster_config:',
      '    reservoir_config: {workload_name: w, last_day_date_inclusive: 2024-01-07, num_days: 2}',
      'slo_objective_config: {slo_metric: binary, slo_threshold: 0.1}',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'final_execution_config.yml'),
    [
      'workload_config: {workload_name: w, target_date: "2024-01-08", rescale_factor: 0.5}',
      'managed_cluster_pool_config: {initial_rpus: [8], max_clusters: 4}',
      'scheduled_spinups:',
      '  - {rel_time_s: 14400, rpu: 16}',
      '  - {rel_time_s: 18000, rpu: 8}',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'timing_report.csv'),
    [
      'phase_key,phase_name,start_wall_utc,elapsed_s',
      '02_workloads,Prepare workloads,2026-01-01T00:00:00.000Z,1.5',
      '05_autoscaling_param_sweep,Autoscaling parameter sweep,2026-01-01T00:00:01.500Z,12.25',
      'TOTAL,Total,2026-01-01T00:00:00.000Z,13.75',
      '',
    ].join('\n'),
  );
  const point = (grid_point: number, v: number, c: number) => ({
    grid_point,
    params: { 'autoscaler_config.observation_window_s': 300 + grid_point * 300 },
    train_violation_agg: v,
    train_cost_agg: c,
    train_rank: grid_point,
    val_primary_violation_agg: null,
    val_cost_agg: null,
    train_violation_rate: v,
    train_violation_amount_s: 0,
    train_violation_relative_mean: 0,
    val_violation_rate: null,
    val_violation_amount_s: null,
    val_violation_relative_mean: null,
    train_scenarios: 2,
  });
  await mkdir(join(dir, '05_autoscaling_param_sweep'), { recursive: true });
  await writeFile(
    join(dir, '05_autoscaling_param_sweep', 'sweep_results.json'),
    JSON.stringify({
      best_grid_point: 1,
      best_params: {},
      strategy: 'grid',
      grid_results: [point(0, 0.05, 12), point(1, 0.08, 10), point(2, 0.2, 8)],
    }),
  );
  return dir;
}

export interface FixtureData {
  readonly dataDir: string;
  readonly runDirs: readonly string[];
  readonly tunerRunDir: string;
}

export async function writeFixtureData(): Promise<FixtureData> {
  const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-report-'));
  await mkdir(join(dataDir, 'slos'), { recursive: true });
  await writeFile(
    join(dataDir, 'slos', 't.yml'),
    "run_id: 't'\nslo_dict:\n  '001': 10\n  '002': 20\n",
  );
  await mkdir(join(dataDir, 'manifests', 'plotting'), { recursive: true });
  const w = '{workload_name: w, target_date: "2024-01-01", rescale_factor: 1}';
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'fx.yml'),
    [
      'main_content:',
      '  title: "Fixture <b>panel</b>"',
      '  slo_resolver_config: {slo_s: 30.0, slo_dict_filename: t.yml}',
      '  slo_objective_config: {slo_metric: binary, slo_threshold: 0.1}',
      '  threshold_lines: [{value: 0.1, color: light_green}]',
      '  points:',
      `    - {label: ${JSON.stringify(HOSTILE_LABEL)}, formatting_id: main_eval_64, workload_config: ${w}, execution_config: "exec:c", params: {N: 1}}`,
      `    - {label: B, formatting_id: peer_snowflake_standard, workload_config: ${w}, execution_config: "exec:c", params: {N: 2}}`,
      '',
    ].join('\n'),
  );
  const runDirs = [
    await writeRun(dataDir, 'c__N=1', [2, 4, 12, 20, 3, 5, 8, 9, 40, 1]),
    await writeRun(dataDir, 'c__N=2', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  ];
  return { dataDir, runDirs, tunerRunDir: await writeTunerRun(dataDir) };
}
