/**
 * A throwaway data directory with hand-made simulator runs in the reference layout:
 * `simulator_runs/<wid>/<config id>/{execution_config.yml, structured_log.parquet,
 * billing_interval_analysis.yml}`, an SLO table per κ and a plotting manifest.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StructuredLog } from '@autoslo/core';

export const WORKLOAD = { workload_name: 'fx', target_date: '2024-05-27', rescale_factor: 1 };
export const WORKLOAD_ID = 'fx__2024-05-27__rf1.000';

export interface FixtureRun {
  readonly configId: string;
  /** Latency of query i, arriving at 10 i seconds. */
  readonly latenciesS: readonly number[];
  readonly costDollars: number;
  /** Initial clusters (ready at 0) and later spin-ups (decision, ready, removal). */
  readonly initialRpus: readonly number[];
  readonly spinups?: readonly {
    rpu: number;
    decisionS: number;
    readyS: number;
    removedS?: number;
  }[];
}

export async function writeRun(dataDir: string, run: FixtureRun): Promise<string> {
  const dir = join(dataDir, 'simulator_runs', WORKLOAD_ID, run.configId);
  await mkdir(dir, { recursive: true });
  const log = new StructuredLog();
  const n = run.latenciesS.length;
  log.append({ rel_time_s: 0, event_type: 'run_start', source: 'simulator' });
  run.initialRpus.forEach((rpu, i) => {
    log.append({
      rel_time_s: 0,
      event_type: 'cluster_ready',
      source: 'pool',
      cluster_name: `c${i}`,
      details: { rpu },
    });
  });
  (run.spinups ?? []).forEach((s, i) => {
    const name = `s${i}`;
    log.append({
      rel_time_s: s.decisionS,
      event_type: 'spin_up_decision',
      source: 'autoscaler',
      details: { rpu: s.rpu },
    });
    log.append({
      rel_time_s: s.readyS,
      event_type: 'cluster_ready',
      source: 'pool',
      cluster_name: name,
      details: { rpu: s.rpu },
    });
    if (s.removedS !== undefined) {
      log.append({
        rel_time_s: s.removedS,
        event_type: 'cluster_removed',
        source: 'pool',
        cluster_name: name,
      });
    }
  });
  run.latenciesS.forEach((lat, i) => {
    log.append({
      rel_time_s: 10 * i,
      event_type: 'arrival',
      source: 'simulator',
      query_id: i,
      query_text_id: 'tpcds#001#000',
    });
    log.append({
      rel_time_s: 10 * i + lat,
      event_type: 'completion',
      source: 'simulator',
      query_id: i,
      query_text_id: 'tpcds#001#000',
      details: { success: true },
    });
  });
  log.append({ rel_time_s: 10 * (n - 1) + 30, event_type: 'run_finish', source: 'simulator' });
  await log.writeParquet(join(dir, 'structured_log.parquet'));
  await writeFile(
    join(dir, 'billing_interval_analysis.yml'),
    [
      'c0:',
      `  num_completed_queries: ${n}`,
      '  num_billed_intervals: 1',
      '  total_billed_time_s: 60',
      '  cluster_cost_per_second: 0.001',
      `  total_billed_cost: ${run.costDollars}`,
      '  billed_intervals:',
      '    - start_s: 0',
      '      end_s: 60',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'execution_config.yml'),
    'slo_resolver_config:\n  slo_s: 30.0\n  slo_dict_filename: fx_k1.yml\n',
  );
  return dir;
}

export async function makeDataDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'autoslo-plotter-'));
  await mkdir(join(root, 'slos'), { recursive: true });
  for (const [k, slo] of [
    [1, 10],
    [2, 5],
  ] as const) {
    await writeFile(
      join(root, 'slos', `fx_k${k}.yml`),
      `run_id: 'fx'\nagg_method: p100\nmultiplier: ${k}\nnum_templates: 1\nslo_dict:\n  '001': ${slo}\n`,
    );
  }
  return root;
}
