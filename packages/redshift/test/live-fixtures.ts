/** Shared pieces of the live driver's tests: a data dir with the demo SQL, configs, workloads. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedWorkload } from '@autoslo/workload';
import type { LiveExecutionConfig } from '../src/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A fresh data directory holding the repository's demo SQL catalog. */
export function dataDirWithDemoSql(): string {
  const dir = mkdtempSync(join(tmpdir(), 'autoslo-live-'));
  cpSync(join(REPO, 'data', 'query_texts'), join(dir, 'query_texts'), { recursive: true });
  return dir;
}

/**
 * A fresh data directory with a small catalog that needs no dataset (so a new workgroup's
 * engine starts in a moment): template TTT sleeps TTT * 10 ms and returns a count.
 */
export function dataDirWithSql(templates: readonly string[] = ['001', '002', '003']): string {
  const dir = mkdtempSync(join(tmpdir(), 'autoslo-live-'));
  mkdirSync(join(dir, 'query_texts', 'tpcds'), { recursive: true });
  for (const t of templates) {
    writeFileSync(
      join(dir, 'query_texts', 'tpcds', `${t}.sql`),
      `-- test template ${t}\nSELECT (SELECT count(*) FROM generate_series(1, ${Number(t) * 1000})) AS n, pg_sleep(${Number(t) / 100}) AS slept;\n`,
    );
  }
  return dir;
}

/** Queries at the given arrival times (s), templates cycling through `templates`. */
export function workloadOf(
  arrivalsS: readonly number[],
  templates: readonly string[],
): LoadedWorkload {
  const n = arrivalsS.length;
  return {
    id: 'live_test__target__rf1.000',
    name: 'live_test',
    trace: {
      length: n,
      queryId: Float64Array.from(arrivalsS, (_, i) => 1000 + i),
      absStartMs: Float64Array.from(arrivalsS, (t) => 1_700_000_000_000 + t * 1000),
      queryTextId: Array.from(arrivalsS, (_, i) => `tpcds#${templates[i % templates.length]}#001`),
      repetitionId: new Int32Array(n),
      isolatedLatencyS: null,
    },
    relStartS: Float64Array.from(arrivalsS),
  } as LoadedWorkload;
}

/** One 8-RPU workgroup; `autoscale` adds one more at a forced decision after a quarter of the queries. */
export function liveConfig(
  options: { autoscale?: boolean; closedLoop?: boolean } = {},
): LiveExecutionConfig {
  return {
    slo_resolver_config: { slo_s: 10 },
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
    provisioner_config: { spin_up_delay_s: 1, max_capacity_ratio: 1 },
    workload_runner_config: { max_threads: 64, closed_loop: options.closedLoop ?? false },
    managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 3 },
    scheduled_spinups: [],
    query_router_config: {
      routing_policy_name: options.autoscale ? 'round_robin' : 'use_iconq_model',
    },
    autoscaler_config: options.autoscale
      ? {
          autoscaling_policy: 'duplicate_largest',
          allowed_rpu_sizes: [8],
          force_one_decision_after_query_fraction: 0.25,
        }
      : { autoscaling_policy: 'noop', allowed_rpu_sizes: [] },
    latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.2 },
  } as LiveExecutionConfig;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

/** Points the SDK's default chain at `endpoint` (as a user would); returns the undo. */
export function useLocalEndpoint(endpoint: string): () => void {
  const values: Record<string, string> = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
