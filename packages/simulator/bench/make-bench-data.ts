/**
 * Writes a data directory for the end-to-end benchmark: a 10^6-query Parquet trace
 * (Poisson arrivals at 60% of four 16-RPU clusters, exponential isolated latencies, 99
 * templates) and an execution config with model routing over four clusters, autoscaling on.
 * Usage: tsx bench/make-bench-data.ts <data dir> [queries] [offered load] [max clusters]
 * (load 4 with max clusters 8 is the overloaded pool of the scale checks).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SeededRandom, writeWorkloadParquet } from '@autoslo/workload';

const [dataDir = '/tmp/autoslo-bench', count = '1000000', loadArg = '0.6', maxArg = '12'] =
  process.argv.slice(2);
const n = Number(count);
const load = Number(loadArg);
const random = new SeededRandom(12345);
const meanServiceS = 8;
const rate = (load * 4 * 4) / meanServiceS;
const start = Date.UTC(2024, 4, 27);
const trace = {
  length: n,
  queryId: new Float64Array(n),
  absStartMs: new Float64Array(n),
  queryTextId: new Array<string>(n),
  repetitionId: new Int32Array(n),
  isolatedLatencyS: new Float64Array(n),
};
let t = 0;
for (let i = 0; i < n; i++) {
  t += random.exponential(rate);
  trace.queryId[i] = i;
  trace.absStartMs[i] = start + Math.round(t * 1000);
  trace.queryTextId[i] = `tpcds#${String(1 + random.int(99)).padStart(3, '0')}#001`;
  trace.isolatedLatencyS[i] = Math.max(0.01, random.exponential(1 / meanServiceS));
}
const name = load === 0.6 ? `bench_${n}` : `bench_${n}_load${load}`;
await mkdir(join(dataDir, 'workloads'), { recursive: true });
await writeWorkloadParquet(join(dataDir, 'workloads', `${name}.parquet`), trace);
await mkdir(join(dataDir, 'execution_configs', 'bench'), { recursive: true });
await writeFile(
  join(
    dataDir,
    'execution_configs',
    'bench',
    load === 0.6 ? 'four_clusters.yml' : `four_clusters_load${load}.yml`,
  ),
  `workload_config:
  workload_name: ${name}
  rescale_factor: 1
slo_resolver_config:
  slo_s: 40.0
slo_objective_config:
  slo_metric: binary
  slo_threshold: 0
provisioner_config:
  aws_config_path: data/config/aws.yml
  spin_up_delay_s: 300.0
managed_cluster_pool_config:
  max_clusters: ${Number(maxArg)}
  initial_rpus: [16, 16, 16, 16]
scheduled_spinups: []
query_router_config:
  routing_policy_name: use_iconq_model
autoscaler_config:
  allowed_rpu_sizes: [16, 32]
  autoscaling_policy: add_single_best_forward
  autoscaling_trigger_policy: combined_violations
  min_observations_to_act: 32
  observation_window_s: 300.0
  min_finished_queries_in_counterfactual: 32
  idle_time_before_tear_down_s: 1200.0
  min_cluster_lifetime_s: 1200.0
`,
);
console.log(join(dataDir, 'workloads', `${name}.parquet`));
