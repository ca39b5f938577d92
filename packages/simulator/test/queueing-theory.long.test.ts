/**
 * The latency model against queueing theory: one cluster with parallelism 1 under Poisson
 * arrivals is M/G/1 processor sharing, whose mean response time is E[S]/(1 - rho) for any
 * service distribution; with an admission limit of one it is M/M/1 FCFS.
 */
import { CollectingEventSink, type ControlEvent, type ControlEventSink } from '@autoslo/core';
import { simulate } from '../src/index.js';
import { configOf, poissonWorkload } from './helpers.js';

// Longer runs at higher load: the variance of the sample mean grows like 1/(1 - rho)^3.
// Deterministic service at rho 0.8: across seeds the error of 150_000 queries spreads about
// 1.5% (3% is then two standard errors), so it runs as long as the exponential case.
const RUN_LENGTH: Record<string, Record<number, number>> = {
  exponential: { 0.3: 60_000, 0.6: 120_000, 0.8: 400_000 },
  deterministic: { 0.3: 60_000, 0.6: 100_000, 0.8: 400_000 },
};
const single = (admission_limit: number | null = null) =>
  configOf({
    managed_cluster_pool_config: { initial_rpus: [4], max_clusters: null },
    query_router_config: { routing_policy_name: 'round_robin' },
    // c(4) = max(1, 4 * 0.25) = 1; reference RPU = cluster RPU, so S = the row's latency.
    latency_model_config: { reference_rpu: 4, parallelism_per_rpu: 0.25, admission_limit },
  });
const exponential = (u: number) => -Math.log(1 - u);
const deterministic = () => 1;

/** Counts queries in the system as seen by each arrival (PASTA: the time average). */
class SeenByArrivals implements ControlEventSink {
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

describe('one cluster, parallelism 1, Poisson arrivals', () => {
  for (const [name, service] of [
    ['exponential', exponential],
    ['deterministic', deterministic],
  ] as const) {
    for (const rho of [0.3, 0.6, 0.8]) {
      it(`${name} service at rho ${rho}: mean latency within 3% of E[S]/(1-rho), Little's law`, async () => {
        const N = RUN_LENGTH[name]?.[rho] as number;
        const workload = poissonWorkload(N, rho, service, 1000 + rho * 10);
        const sink = new SeenByArrivals();
        const out = await simulate(single(), workload, { dataDir: '.', sink });
        const meanS = [...workload.trace.isolatedLatencyS!].reduce((a, b) => a + b, 0) / N;
        const meanLatency = sink.latencySum / N;
        expect(out.queries).toBe(N);
        expect(Math.abs(meanLatency / (meanS / (1 - rho)) - 1)).toBeLessThan(0.03);
        // Little: L = lambda * W, L measured independently as the number seen by arrivals.
        const lambda = N / (workload.relStartS[N - 1] as number);
        expect(Math.abs(sink.seenSum / sink.arrivals / (lambda * meanLatency) - 1)).toBeLessThan(
          0.03,
        );
      });
    }
  }

  it('with admission limit 1 is M/M/1 FCFS: mean wait rho E[S] / (1 - rho)', async () => {
    const rho = 0.6;
    const N = 200_000;
    const workload = poissonWorkload(N, rho, exponential, 77);
    const sink = new SeenByArrivals();
    await simulate(single(1), workload, { dataDir: '.', sink });
    const meanS = [...workload.trace.isolatedLatencyS!].reduce((a, b) => a + b, 0) / N;
    const meanWait = sink.latencySum / N - meanS;
    expect(Math.abs(meanWait / ((rho * meanS) / (1 - rho)) - 1)).toBeLessThan(0.03);
  });

  it('FCFS with admission limit 1 serves in arrival order', async () => {
    const sink = new CollectingEventSink();
    // Three 10 s queries at t = 0, 1, 2 on one slot: they finish at 10, 20, 30.
    const { workloadOf } = await import('./helpers.js');
    await simulate(single(1), workloadOf([0, 1, 2], [10, 10, 10]), { dataDir: '.', sink });
    const done = sink.ofType('completion').map((e) => [e.query_id, e.rel_time_s]);
    expect(done).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
  });
});
