/** Small hand-made workloads and configs for the simulator's tests. */
import { SeededRandom } from '@autoslo/workload';
import type { SimulationConfig, SimulationWorkload } from '../src/index.js';

/** A workload from arrival times (s), isolated latencies at the reference RPU (s) and templates. */
export function workloadOf(
  arrivalsS: readonly number[],
  latenciesS: readonly number[] | null,
  templates?: readonly string[],
): SimulationWorkload {
  const n = arrivalsS.length;
  return {
    id: 'test__target__rf1.000',
    name: 'test',
    trace: {
      length: n,
      queryId: Float64Array.from(arrivalsS, (_, i) => i + 1),
      queryTextId: Array.from(arrivalsS, (_, i) => `tpcds#${templates?.[i] ?? '001'}#001`),
      isolatedLatencyS: latenciesS ? Float64Array.from(latenciesS) : null,
    },
    relStartS: Float64Array.from(arrivalsS),
  };
}

/** Poisson arrivals at `rate` per second and service times from `service`. */
export function poissonWorkload(
  n: number,
  rate: number,
  service: (u: number) => number,
  seed: number,
) {
  const random = new SeededRandom(seed);
  const arrivals: number[] = [];
  const latencies: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += random.exponential(rate);
    arrivals.push(t);
    latencies.push(service(random.next()));
  }
  return workloadOf(arrivals, latencies);
}

/** A config with everything off but what a test names; one cluster of `rpus`. */
export function configOf(
  overrides: Partial<SimulationConfig> & Record<string, unknown> = {},
): SimulationConfig {
  return {
    slo_resolver_config: { slo_s: 10 },
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0 },
    provisioner_config: { spin_up_delay_s: 300 },
    managed_cluster_pool_config: { initial_rpus: [16], max_clusters: null },
    scheduled_spinups: [],
    query_router_config: { routing_policy_name: 'use_iconq_model' },
    autoscaler_config: { autoscaling_policy: 'noop', allowed_rpu_sizes: [] },
    latency_model_config: { reference_rpu: 16 },
    ...overrides,
  } as SimulationConfig;
}

/** Runs a simulation collecting every control-plane event. */
export async function runCollecting(config: SimulationConfig, workload: SimulationWorkload) {
  const { CollectingEventSink } = await import('@autoslo/core');
  const { simulate } = await import('../src/index.js');
  const sink = new CollectingEventSink();
  const out = await simulate(config, workload, { dataDir: '.', sink });
  return { out, sink, mapping: out.mapping };
}
