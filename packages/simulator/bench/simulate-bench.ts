/**
 * `pnpm bench`: simulated queries per second, events per second and peak memory for
 * 10^4, 10^5 and 10^6 queries, model-based routing over four clusters, autoscaling on;
 * then the same pool (autoscaling up to 8 clusters) at 60%, 2x and 4x offered load, where
 * routing and the autoscaler's counterfactual must not slow down with the queue.
 * Runs in memory (no run directory); `autoslo simulate` end to end is measured separately
 * (see README).
 * Usage: tsx bench/simulate-bench.ts [sizes] [overload queries]
 */
import { availableParallelism } from 'node:os';
import { SeededRandom } from '@autoslo/workload';
import { type SimulationConfig, type SimulationWorkload, simulate } from '../dist/index.js';

// Figures depend on the Node version (V8), so every run says which one it measured.
console.log(
  `node ${process.version} (${process.platform}-${process.arch}, ${availableParallelism()} cpus)`,
);

/** Poisson arrivals at `load` x four 16-RPU clusters' capacity, 99 templates. */
function workload(n: number, load = 0.6): SimulationWorkload {
  const random = new SeededRandom(n);
  const meanServiceS = 8;
  const rate = (load * 4 * 4) / meanServiceS;
  const relStartS = new Float64Array(n);
  const latency = new Float64Array(n);
  const texts: string[] = new Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += random.exponential(rate);
    relStartS[i] = t;
    latency[i] = random.exponential(1 / meanServiceS);
    texts[i] = `tpcds#${String(1 + random.int(99)).padStart(3, '0')}#001`;
  }
  return {
    id: `bench_${n}`,
    name: `bench_${n}`,
    trace: {
      length: n,
      queryId: Float64Array.from({ length: n }, (_, i) => i),
      queryTextId: texts,
      isolatedLatencyS: latency,
    },
    relStartS,
  };
}

const config: SimulationConfig = {
  slo_resolver_config: { slo_s: 40 },
  slo_objective_config: { slo_metric: 'binary', slo_threshold: 0 },
  provisioner_config: { spin_up_delay_s: 300 },
  managed_cluster_pool_config: { initial_rpus: [16, 16, 16, 16], max_clusters: 12 },
  scheduled_spinups: [],
  query_router_config: { routing_policy_name: 'use_iconq_model' },
  autoscaler_config: {
    autoscaling_policy: 'add_single_best_forward',
    autoscaling_trigger_policy: 'combined_violations',
    allowed_rpu_sizes: [16, 32],
    min_observations_to_act: 32,
    observation_window_s: 300,
    min_finished_queries_in_counterfactual: 32,
    idle_time_before_tear_down_s: 1200,
    min_cluster_lifetime_s: 1200,
  },
};

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const sizes = (process.argv[2] ?? '10000,100000,1000000').split(',').map(Number);
console.log('queries    wall_s   queries/s    events/s  clusters  violation_rate  peak_rss_MiB');
for (const n of sizes) {
  const w = workload(n);
  const out = await simulate(config, w, { dataDir: '.' });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const clusters = [...out.controlPlane.pool.all()].length;
  console.log(
    [
      String(n).padStart(7),
      out.wallS.toFixed(2).padStart(9),
      Math.round(n / out.wallS)
        .toString()
        .padStart(11),
      Math.round(out.events / out.wallS)
        .toString()
        .padStart(11),
      String(clusters).padStart(9),
      out.summary.violation_rate.toFixed(4).padStart(15),
      (peakRss / 2 ** 20).toFixed(0).padStart(13),
    ].join(' '),
  );
}

const overloadN = Number(process.argv[3] ?? 200_000);
console.log(`\n${overloadN} queries, autoscaling up to 8 clusters, by offered load`);
console.log('load    wall_s   queries/s  vs_60%  violation_rate');
const overloaded: SimulationConfig = {
  ...config,
  managed_cluster_pool_config: { initial_rpus: [16, 16, 16, 16], max_clusters: 8 },
};
let base = 0;
for (const load of [0.6, 2, 4]) {
  const out = await simulate(overloaded, workload(overloadN, load), { dataDir: '.' });
  if (load === 0.6) base = out.wallS;
  console.log(
    [
      `${load}x`.padEnd(5),
      out.wallS.toFixed(2).padStart(8),
      Math.round(overloadN / out.wallS)
        .toString()
        .padStart(11),
      `${(out.wallS / base).toFixed(2)}x`.padStart(7),
      out.summary.violation_rate.toFixed(4).padStart(15),
    ].join(' '),
  );
}
clearInterval(sampler);
