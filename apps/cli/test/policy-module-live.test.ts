/**
 * `execute --live --policy-module`: the module is imported in the CLI's process, where the
 * live control plane runs, and its `custom:` routing policy places every query (against the
 * local endpoint).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readStructuredLog } from '@autoslo/core';
import { liveDataDir, useLocalRedshift } from './live-fixtures.js';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '../../..');

// custom:largest_live: always the READY cluster with the most RPU.
const POLICY_MODULE = `
import { registerRoutingPolicy } from '@autoslo/core';
registerRoutingPolicy('custom:largest_live', () => ({
  name: 'custom:largest_live',
  choose: ({ clusters }) =>
    clusters.reduce((best, c, i) => (c.rpu > clusters[best].rpu ? i : best), 0),
}));
`;

const CONFIG = `workload_config: { workload_name: placeholder }
slo_resolver_config: { slo_s: 10 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0.05 }
provisioner_config: { aws_config_path: none, spin_up_delay_s: 1 }
workload_runner_config: { max_threads: 64, closed_loop: false }
managed_cluster_pool_config: { initial_rpus: [8, 16], max_clusters: 3 }
query_router_config: { routing_policy_name: "custom:largest_live" }
autoscaler_config: { autoscaling_policy: noop, allowed_rpu_sizes: [] }
latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.2 }
`;

useLocalRedshift(0.1);

it("routes every live query with the module's policy, imported in the CLI's process", async () => {
  const dataDir = liveDataDir();
  const project = join(dataDir, 'project');
  await mkdir(join(project, 'node_modules/@autoslo'), { recursive: true });
  await symlink(join(REPO, 'packages/core'), join(project, 'node_modules/@autoslo/core'));
  await writeFile(join(project, 'policies.mjs'), POLICY_MODULE);
  mkdirSync(join(dataDir, 'execution_configs', 'live'), { recursive: true });
  writeFileSync(join(dataDir, 'execution_configs', 'live', 'last.yml'), CONFIG);
  writeFileSync(
    join(dataDir, 'manifests', 'execution', 'live_last.yml'),
    `main_content:
  - workload_config: { workload_name: live_four, target_date: "2024-05-27", rescale_factor: 1.0 }
    execution_config: exec:live/last
`,
  );
  const result = await runCli(
    [
      'execute',
      '--live',
      '--execution-manifest',
      'live_last',
      '--policy-module',
      'policies.mjs',
      '--time-scale',
      '4',
      '--data-dir',
      dataDir,
      '--json',
    ],
    { cwd: project },
  );
  expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, '']);
  const report = JSON.parse(result.stdout) as {
    runs: { run_dir: string; num_queries: number; created_workgroups: string[] }[];
  };
  const run = report.runs[0];
  expect(run?.num_queries).toBe(4);
  const log = await readStructuredLog(join(run?.run_dir as string, 'structured_log.parquet'));
  // Both workgroups were READY from the start; every query went to the 16-RPU one.
  const ready = log.indicesOf('cluster_ready').map((i) => log.clusterName(i) ?? '');
  expect(ready.map((name) => name.split('-')[1]).sort()).toEqual(['16', '8']);
  const routed = log.indicesOf('query_routed').map((i) => log.clusterName(i));
  expect(routed).toEqual(Array(4).fill(ready.find((name) => name.startsWith('autoslo-16-'))));
});
