// Writes a large workload Parquet one row group at a time (memory stays within a group), and
// an execution config that simulates one of its days, for the scale checks:
//   node bench/make-big-workload.mjs <data dir> [rows = 1e8] [days = 100]
//   /usr/bin/time -v autoslo workload info big_<rows> --data-dir <data dir>
//   /usr/bin/time -v autoslo simulate --execution-config exec:bench/big_one_day --data-dir <data dir>
// Poisson arrivals at a constant rate over `days` days from 2024-01-01, 99 TPC-DS templates,
// exponential isolated latencies (mean 0.8 s: about 60% of four 16-RPU clusters).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { SeededRandom, WORKLOAD_ROW_GROUP_ROWS, workloadParquetColumns } from '../dist/index.js';

const [dataDir = '/tmp/autoslo-big', rowsArg = '1e8', daysArg = '100'] = process.argv.slice(2);
const rows = Number(rowsArg);
const days = Number(daysArg);
const name = `big_${rowsArg}`;
const start = Date.UTC(2024, 0, 1);
const rateMs = rows / (days * 86_400_000);
const random = new SeededRandom(20240101);
const texts = Array.from({ length: 99 }, (_, i) => `tpcds#${String(i + 1).padStart(3, '0')}#001`);

await mkdir(join(dataDir, 'workloads'), { recursive: true });
const file = join(dataDir, 'workloads', `${name}.parquet`);
const partial = `${file}.partial`;
let writer = null;
let t = start;
const began = performance.now();
for (let done = 0; done < rows; done += WORKLOAD_ROW_GROUP_ROWS) {
  const n = Math.min(WORKLOAD_ROW_GROUP_ROWS, rows - done);
  const trace = {
    length: n,
    queryId: new Float64Array(n),
    absStartMs: new Float64Array(n),
    queryTextId: new Array(n),
    repetitionId: new Int32Array(n),
    isolatedLatencyS: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    t += random.exponential(rateMs);
    trace.queryId[i] = done + i;
    trace.absStartMs[i] = Math.round(t * 1000) / 1000;
    trace.queryTextId[i] = texts[random.int(99)];
    trace.repetitionId[i] = done + i;
    trace.isolatedLatencyS[i] = Math.max(0.01, random.exponential(1 / 0.8));
  }
  const { columnData, schema } = workloadParquetColumns(trace);
  writer ??= new ParquetWriter({
    writer: fileWriter(partial),
    schema,
    createdBy: 'autoslo bench/make-big-workload',
  });
  writer.write({ columnData, rowGroupSize: WORKLOAD_ROW_GROUP_ROWS });
  if ((done / WORKLOAD_ROW_GROUP_ROWS) % 100 === 0)
    process.stderr.write(`${done} rows, ${((performance.now() - began) / 1000).toFixed(0)} s\n`);
}
writer?.finish();
await rename(partial, file);

const day = new Date(start + Math.floor(days / 2) * 86_400_000).toISOString().slice(0, 10);
await mkdir(join(dataDir, 'execution_configs', 'bench'), { recursive: true });
await writeFile(
  join(dataDir, 'execution_configs', 'bench', 'big_one_day.yml'),
  `workload_config:
  workload_name: ${name}
  target_date: '${day}'
  rescale_factor: 1
slo_resolver_config:
  slo_s: 10.0
slo_objective_config:
  slo_metric: binary
  slo_threshold: 0.1
provisioner_config:
  aws_config_path: data/config/aws.yml
  spin_up_delay_s: 300.0
managed_cluster_pool_config:
  max_clusters: 8
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
console.log(`${file} (${rows} rows over ${days} days; one-day config for ${day})`);
