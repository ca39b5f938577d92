/**
 * User-written routing and autoscaling policies: injected directly, named in a config as
 * `custom:<name>`, and loaded by evaluateBatch's worker threads from a module.
 */
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import {
  type AutoscalingPolicyFactory,
  type CandidateScore,
  type RoutingPolicyFactory,
  registerAutoscalingPolicy,
  registerRoutingPolicy,
  unregisterAutoscalingPolicy,
  unregisterRoutingPolicy,
} from '@autoslo/core';
import { evaluateBatch, simulate } from '../src/index.js';
import { configOf, runCollecting, workloadOf } from './helpers.js';

/** Index of the READY cluster with the most RPU (ties to the earlier). */
const largest: RoutingPolicyFactory = () => ({
  name: 'largest',
  choose: ({ clusters }) => {
    let best = 0;
    clusters.forEach((c, i) => {
      if (c.rpu > (clusters[best]?.rpu ?? 0)) best = i;
    });
    return best;
  },
});

// Clusters autoslo-16-sim-000 and autoslo-32-sim-001; three 10 s queries (at 16 RPU), 1 s apart.
const twoSizes = (routing = 'round_robin') =>
  configOf({
    slo_resolver_config: { slo_s: 8 },
    managed_cluster_pool_config: { initial_rpus: [16, 32], max_clusters: null },
    query_router_config: { routing_policy_name: routing },
  });
const threeQueries = () => workloadOf([0, 1, 2], [10, 10, 10]);
// On 32 RPU a 10 s query takes 10 * (16/32)^0.7 = 6.1557 s; c(32) = 8, so no sharing.
const LATENCY_32 = 10 * 0.5 ** 0.7;

describe('custom routing policy', () => {
  it('injected directly, it decides every placement (round_robin would alternate)', async () => {
    const config = twoSizes('round_robin');
    const builtin = await simulate(config, threeQueries(), { dataDir: '.' });
    expect(builtin.mapping).toEqual([
      'autoslo-16-sim-000',
      'autoslo-32-sim-001',
      'autoslo-16-sim-000',
    ]);
    const custom = await simulate(config, threeQueries(), { dataDir: '.', routingPolicy: largest });
    expect(custom.mapping).toEqual(Array(3).fill('autoslo-32-sim-001'));
    // Hand-computed: 2 of 3 queries take 10 s > 8 s on 16 RPU; on 32 RPU none does.
    expect(builtin.summary.violation_rate).toBeCloseTo(2 / 3, 10);
    expect(custom.summary.violation_rate).toBe(0);
  });

  it('named custom:<name> in the config, it reads the Algorithm 1 scores it asks for', async () => {
    const seen: number[][] = [];
    registerRoutingPolicy('custom:fastest', () => ({
      name: 'custom:fastest',
      choose: (r) => {
        const scores: readonly CandidateScore[] = r.scores();
        seen.push(scores.map((s) => s.latencyS));
        let best = 0;
        scores.forEach((s, i) => {
          if (s.latencyS < (scores[best]?.latencyS ?? Number.POSITIVE_INFINITY)) best = i;
        });
        return best;
      },
    }));
    try {
      const { mapping, sink } = await runCollecting(twoSizes('custom:fastest'), threeQueries());
      expect(mapping).toEqual(Array(3).fill('autoslo-32-sim-001'));
      // First arrival, both clusters idle: 10 s alone on 16 RPU, 6.1557 s on 32.
      expect(seen[0]?.[0]).toBeCloseTo(10, 9);
      expect(seen[0]?.[1]).toBeCloseTo(LATENCY_32, 9);
      const completions = sink.ofType('completion').map((e) => e.rel_time_s);
      expect(completions).toEqual([0, 1, 2].map((t) => expect.closeTo(t + LATENCY_32, 9)));
    } finally {
      unregisterRoutingPolicy('custom:fastest');
    }
  });

  it('a worker thread that exits without a reply fails the batch instead of hanging', async () => {
    const batch = evaluateBatch({
      configs: [twoSizes('custom:exits'), twoSizes('round_robin')],
      workloads: [threeQueries()],
      dataDir: '.',
      threads: 2,
      policyModules: [join(import.meta.dirname, 'fixtures', 'exiting-policy.js')],
    });
    await expect(batch).rejects.toThrow(/worker thread exited \(code 0\) without finishing/);
  });

  it('loaded from a module by the worker threads of evaluateBatch', async () => {
    const results = await evaluateBatch({
      configs: [twoSizes('custom:largest'), twoSizes('round_robin')],
      workloads: [threeQueries()],
      dataDir: '.',
      threads: 2,
      policyModules: [join(import.meta.dirname, 'fixtures', 'largest-cluster-policy.js')],
    });
    expect(results.map((r) => r[0]?.violation_rate)).toEqual([0, expect.closeTo(2 / 3, 10)]);
  });

  it('a choice that is not an index of a READY cluster stops the run, naming the policy', async () => {
    const outOfRange: RoutingPolicyFactory = () => ({
      name: 'off_by_one',
      choose: (r) => r.clusters.length,
    });
    await expect(
      simulate(twoSizes(), threeQueries(), { dataDir: '.', routingPolicy: outOfRange }),
    ).rejects.toThrow("routing policy 'off_by_one' chose 2, not an index of the 2 READY clusters");
  });
});

describe('custom autoscaling policy', () => {
  // Spins up a 32-RPU cluster whenever the arrival's cluster holds 2 or more queries.
  const busyPair: AutoscalingPolicyFactory = () => ({
    name: 'busy_pair',
    decide: ({ placedOn }) =>
      placedOn.activeCount >= 2 ? [{ kind: 'spin_up', rpu: 32, deferredTeardowns: [] }] : [],
  });
  const oneCluster = (policy = 'noop') =>
    configOf({
      autoscaler_config: { autoscaling_policy: policy, allowed_rpu_sizes: [32] },
    });
  const work = () => workloadOf([0, 1, 2], [1000, 1000, 1000]);

  it('injected directly: one spin-up at the second arrival, the third is dropped (one in flight)', async () => {
    const { CollectingEventSink } = await import('@autoslo/core');
    const sink = new CollectingEventSink();
    await simulate(oneCluster(), work(), { dataDir: '.', sink, autoscalingPolicy: busyPair });
    expect(sink.ofType('spin_up_requested').map((e) => [e.rel_time_s, e.cluster_name])).toEqual([
      [1, 'autoslo-32-sim-001'],
    ]);
    expect(sink.ofType('cluster_ready').map((e) => e.rel_time_s)).toEqual([0, 301]);
  });

  it('named custom:<name> in the config once registered', async () => {
    registerAutoscalingPolicy('custom:busy_pair', busyPair);
    try {
      const { sink } = await runCollecting(oneCluster('custom:busy_pair'), work());
      expect(sink.ofType('spin_up_requested').map((e) => e.rel_time_s)).toEqual([1]);
    } finally {
      unregisterAutoscalingPolicy('custom:busy_pair');
    }
  });
});

describe('unregistered custom names', () => {
  it('fail before the run with an InputError naming the config key', async () => {
    const run = simulate(oneClusterNamed('custom:nowhere'), workloadOf([0], [1]), { dataDir: '.' });
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          path: 'autoscaler_config.autoscaling_policy',
          received: 'custom:nowhere',
          message: expect.stringContaining('registerAutoscalingPolicy'),
        }),
      ],
    });
  });

  it('fail in evaluateBatch before any worker starts', async () => {
    const batch = evaluateBatch({
      configs: [twoSizes('custom:missing')],
      workloads: [threeQueries()],
      dataDir: '.',
      threads: 2,
    });
    await expect(batch).rejects.toThrow(
      "query_router_config.routing_policy_name: no routing policy 'custom:missing' is registered",
    );
  });
});

function oneClusterNamed(policy: string) {
  return configOf({ autoscaler_config: { autoscaling_policy: policy, allowed_rpu_sizes: [32] } });
}
