/** Each routing policy on tiny workloads whose right placement is worked out by hand. */
import { configOf, runCollecting, workloadOf } from './helpers.js';

const A = 'autoslo-16-sim-000';
const B = 'autoslo-16-sim-001';
const twoClusters = (policy: string, sloS: number) =>
  configOf({
    slo_resolver_config: { slo_s: sloS },
    managed_cluster_pool_config: { initial_rpus: [16, 16], max_clusters: null },
    query_router_config: { routing_policy_name: policy },
  });
// Five 10 s queries one second apart; a 16-RPU cluster runs c = 4 at full speed.
const fiveQueries = workloadOf([0, 1, 2, 3, 4], [10, 10, 10, 10, 10]);

describe('use_iconq_model', () => {
  it('packs queries on one cluster while nothing is predicted to violate (one billed window)', async () => {
    const { mapping, out } = await runCollecting(twoClusters('use_iconq_model', 100), fiveQueries);
    expect(mapping).toEqual([A, A, A, A, A]);
    expect(out.summary.violation_rate).toBe(0);
  });

  it('spreads the query that would push co-runners over their SLO', async () => {
    // The fifth query on A: rate 4/5 for all, q1's 6 s left take 7.5 s: latency 11.5 > 10.5.
    const { mapping, out } = await runCollecting(twoClusters('use_iconq_model', 10.5), fiveQueries);
    expect(mapping).toEqual([A, A, A, A, B]);
    expect(out.summary.violation_rate).toBe(0);
  });

  it('logs every candidate score when asked (system-wide violation and cost)', async () => {
    const { CollectingEventSink } = await import('@autoslo/core');
    const { ControlPlane } = await import('@autoslo/core');
    const sink = new CollectingEventSink();
    const cp = new ControlPlane(twoClusters('use_iconq_model', 10.5), {
      sink,
      logRoutingScores: true,
    });
    cp.start(0);
    const arrival = (i: number) => ({
      index: i,
      queryId: i,
      queryTextId: 'tpcds#001#001',
      arrivalS: i,
      sloS: 10.5,
      triggerSloS: 10.5,
      refServiceS: 10,
      noiseFactor: 1,
    });
    for (let i = 0; i < 5; i++) cp.onArrival(arrival(i), i);
    const last = sink.ofType('routing_score').at(-1)?.details as {
      scores: { cluster: string; violation: number; cost: number }[];
    };
    // On A at t=4, remaining work 6, 7, 8, 9, 10 s at rate 4/5: q0 finishes at 11.5, then the
    // others one second apart at full rate (12.5 .. 15.5): every latency is 11.5 > 10.5, so the
    // system-wide violation is 5/5. A's single window bills the 60 s minimum: $0.1.
    // On B: nothing violates; two windows of 60 s at 16 RPU = 2 * 60 * 16 * 0.375 / 3600 = $0.2.
    expect(last.scores).toEqual([
      { cluster: A, violation: 1, cost: 0.1, latencyS: 11.5 },
      { cluster: B, violation: 0, cost: 0.2, latencyS: 10 },
    ]);
  });
});

describe('use_stage_model', () => {
  it('is blind to concurrency: packs all five and the co-runners violate', async () => {
    const { mapping, out } = await runCollecting(twoClusters('use_stage_model', 10.5), fiveQueries);
    expect(mapping).toEqual([A, A, A, A, A]);
    // True latencies on A (c = 4, five queries): all five take 11.5 s > 10.5.
    expect(out.summary.violation_rate).toBe(1);
  });
});

describe('round_robin', () => {
  it('cycles over READY clusters sorted by name', async () => {
    const { mapping } = await runCollecting(twoClusters('round_robin', 100), fiveQueries);
    expect(mapping).toEqual([A, B, A, B, A]);
  });
});

describe('uniform_random', () => {
  it('is seeded: the same run twice gives the same placements, both clusters used', async () => {
    const w = workloadOf(
      Array.from({ length: 40 }, (_, i) => i),
      Array.from({ length: 40 }, () => 1),
    );
    const first = await runCollecting(twoClusters('uniform_random', 100), w);
    const second = await runCollecting(twoClusters('uniform_random', 100), w);
    expect(first.mapping).toEqual(second.mapping);
    expect(new Set(first.mapping)).toEqual(new Set([A, B]));
  });
});

describe('least_loaded', () => {
  it('picks the cluster with the fewest active queries per unit of parallelism', async () => {
    const config = configOf({
      managed_cluster_pool_config: { initial_rpus: [16, 32], max_clusters: null },
      query_router_config: { routing_policy_name: 'least_loaded' },
    });
    // Loads (active / c): q0 0/4 vs 0/8 (tie: first name), q1 1/4 vs 0/8, q2 1/4 vs 1/8.
    const { mapping } = await runCollecting(config, workloadOf([0, 1, 2], [100, 100, 100]));
    expect(mapping).toEqual(['autoslo-16-sim-000', 'autoslo-32-sim-001', 'autoslo-32-sim-001']);
  });
});
