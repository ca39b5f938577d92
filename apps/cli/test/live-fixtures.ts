/** A data directory for `execute --live` tests: small SQL catalog, a CSV workload, configs, manifest. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalRedshift, startLocalRedshift } from '@autoslo/redshift';

/** Template TTT sleeps TTT * 10 ms (no dataset needed, so a new workgroup starts at once). */
function writeCatalog(dir: string, templates: readonly string[]): void {
  mkdirSync(join(dir, 'query_texts', 'tpcds'), { recursive: true });
  for (const t of templates) {
    writeFileSync(
      join(dir, 'query_texts', 'tpcds', `${t}.sql`),
      `-- test template ${t}\nSELECT (SELECT count(*) FROM generate_series(1, ${Number(t) * 1000})) AS n, pg_sleep(${Number(t) / 100}) AS slept;\n`,
    );
  }
}

/** `n` queries `gapS` apart on 2024-05-27, templates 001..003 in turn. */
function writeWorkload(dir: string, name: string, n: number, gapS: number): void {
  mkdirSync(join(dir, 'workloads'), { recursive: true });
  const t0 = Date.parse('2024-05-27T10:00:00Z');
  const lines = ['query_id,abs_start_time,query_text_id,repetition_id'];
  for (let i = 0; i < n; i++) {
    const at = new Date(t0 + i * gapS * 1000).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${100 + i},${at},tpcds#00${(i % 3) + 1}#001,0`);
  }
  writeFileSync(join(dir, 'workloads', `${name}.csv`), `${lines.join('\n')}\n`);
}

function configYaml(options: { autoscale: boolean; closedLoop: boolean }): string {
  return `workload_config: { workload_name: placeholder }
slo_resolver_config: { slo_s: 10 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0.05 }
provisioner_config: { aws_config_path: none, spin_up_delay_s: 1 }
workload_runner_config: { max_threads: 64, closed_loop: ${options.closedLoop} }
managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 3 }
query_router_config: { routing_policy_name: ${options.autoscale ? 'round_robin' : 'use_iconq_model'} }
autoscaler_config: ${
    options.autoscale
      ? '{ autoscaling_policy: duplicate_largest, allowed_rpu_sizes: [8], force_one_decision_after_query_fraction: 0.25 }'
      : '{ autoscaling_policy: noop, allowed_rpu_sizes: [] }'
  }
latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.2 }
`;
}

/**
 * Manifest `live_small`: entry 0 = open loop with autoscaling over `openQueries` queries
 * `gapS` apart; entry 1 (with `closedLoop`) = the first 4 queries closed loop.
 */
export function liveDataDir(
  options: { openQueries?: number; gapS?: number; closedLoop?: boolean } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'autoslo-cli-live-'));
  writeCatalog(dir, ['001', '002', '003']);
  writeWorkload(dir, 'live_small', options.openQueries ?? 8, options.gapS ?? 1);
  writeWorkload(dir, 'live_four', 4, 1);
  mkdirSync(join(dir, 'execution_configs', 'live'), { recursive: true });
  writeFileSync(
    join(dir, 'execution_configs', 'live', 'open_autoscale.yml'),
    configYaml({ autoscale: true, closedLoop: false }),
  );
  writeFileSync(
    join(dir, 'execution_configs', 'live', 'closed.yml'),
    configYaml({ autoscale: false, closedLoop: true }),
  );
  mkdirSync(join(dir, 'manifests', 'execution'), { recursive: true });
  const entries = [
    `  - workload_config: { workload_name: live_small, target_date: "2024-05-27", rescale_factor: 1.0 }
    execution_config: exec:live/open_autoscale`,
    ...(options.closedLoop
      ? [
          `  - workload_config: { workload_name: live_four, target_date: "2024-05-27", rescale_factor: 1.0 }
    execution_config: exec:live/closed`,
        ]
      : []),
  ];
  writeFileSync(
    join(dir, 'manifests', 'execution', 'live_small.yml'),
    `main_content:\n${entries.join('\n')}\n`,
  );
  return dir;
}

/** The AWS variables that point the SDK's default chain at a local endpoint. */
export function localAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
  };
}

/**
 * Starts a local endpoint (no workgroups, no demo dataset) for the calling test file and points
 * the AWS SDK's standard environment at it; restores the environment and stops it afterwards.
 */
export function useLocalRedshift(spinUpDelayS = 0.3): () => LocalRedshift {
  let local: LocalRedshift | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    local = await startLocalRedshift({
      spinUpDelayS,
      deleteDelayS: 0.1,
      workgroups: [],
      demoDataset: false,
    });
    for (const [k, v] of Object.entries(localAwsEnv(local.endpoint))) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await local?.close();
  });
  return () => {
    if (!local) throw new Error('the local endpoint has not started');
    return local;
  };
}
