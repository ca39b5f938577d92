/** One M/G/1 cluster and an event sink that measures it, shared by the queueing-theory tests. */
import type { ControlEvent, ControlEventSink } from '@autoslo/core';
import { configOf } from './helpers.js';

export const single = (admission_limit: number | null = null) =>
  configOf({
    managed_cluster_pool_config: { initial_rpus: [4], max_clusters: null },
    query_router_config: { routing_policy_name: 'round_robin' },
    // c(4) = max(1, 4 * 0.25) = 1; reference RPU = cluster RPU, so S = the row's latency.
    latency_model_config: { reference_rpu: 4, parallelism_per_rpu: 0.25, admission_limit },
  });
export const exponential = (u: number) => -Math.log(1 - u);
export const deterministic = () => 1;

/** Counts queries in the system as seen by each arrival (PASTA: the time average). */
export class SeenByArrivals implements ControlEventSink {
  inSystem = 0;
  seenSum = 0;
  arrivals = 0;
  latencySum = 0;
  private readonly arrivalS = new Map<number, number>();

  record(e: ControlEvent): void {
    if (e.event_type === 'arrival') {
      this.arrivalS.set(e.query_id as number, e.rel_time_s);
      this.seenSum += this.inSystem;
      this.arrivals++;
      this.inSystem++;
    } else if (e.event_type === 'completion') {
      this.inSystem--;
      this.latencySum += e.rel_time_s - (this.arrivalS.get(e.query_id as number) as number);
      this.arrivalS.delete(e.query_id as number);
    }
  }
}
