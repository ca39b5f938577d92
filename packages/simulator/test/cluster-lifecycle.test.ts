/** Spin-up budget, teardown rules, draining and scheduled spin-ups. */
import { CollectingEventSink, ControlPlane, type QueryArrival } from '@autoslo/core';
import { configOf, runCollecting, workloadOf } from './helpers.js';

const at = (
  events: { event_type: string; rel_time_s: number; cluster_name?: string }[],
  type: string,
) => events.filter((e) => e.event_type === type).map((e) => [e.cluster_name ?? null, e.rel_time_s]);

describe('spin-up budget', () => {
  it('counts spin-ups cumulatively and disables the autoscaler after a refusal', async () => {
    // max_clusters 2: the initial cluster and one spin-up (t=0). At t=400 the trigger fires
    // again (new cluster ready, one post-ready query) and is refused; at t=800 nothing is tried.
    const config = configOf({
      managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 2 },
      autoscaler_config: {
        autoscaling_policy: 'duplicate_largest',
        autoscaling_trigger_policy: 'queue_depth',
        queue_length_for_trigger_policy: 1,
        allowed_rpu_sizes: [16],
        min_observations_to_act: 0,
      },
    });
    const { sink } = await runCollecting(config, workloadOf([0, 400, 800], [1000, 1000, 1000]));
    expect(sink.ofType('spin_up_decision').map((e) => e.rel_time_s)).toEqual([0, 400]);
    expect(sink.ofType('spin_up_requested').map((e) => e.rel_time_s)).toEqual([0]);
    expect(sink.ofType('spin_up_blocked').map((e) => [e.rel_time_s, e.details])).toEqual([
      [400, { rpu: 16, used: 2, reserved: 0, available: 0, max: 2 }],
    ]);
  });

  it('keeps the reserved part for scheduled spin-ups', async () => {
    const config = configOf({
      managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 2 },
      scheduled_spinups: [{ rel_time_s: 50, rpu: 32 }],
      autoscaler_config: {
        autoscaling_policy: 'duplicate_largest',
        autoscaling_trigger_policy: 'queue_depth',
        queue_length_for_trigger_policy: 1,
        allowed_rpu_sizes: [16],
        min_observations_to_act: 0,
      },
    });
    const { sink, mapping } = await runCollecting(config, workloadOf([0, 400], [10, 10]));
    // 2 = 1 used (initial) + 1 reserved: nothing is available to the autoscaler.
    expect(sink.ofType('spin_up_blocked').map((e) => e.rel_time_s)).toEqual([0]);
    expect(at(sink.events, 'scheduled_spinup_executed')).toEqual([['autoslo-32-sim-001', 50]]);
    expect(at(sink.events, 'cluster_ready')).toEqual([
      ['autoslo-16-sim-000', 0],
      ['autoslo-32-sim-001', 350],
    ]);
    // At t=400 the idle 16-RPU cluster is cheaper than the new 32-RPU one.
    expect(mapping).toEqual(['autoslo-16-sim-000', 'autoslo-16-sim-000']);
  });
});

describe('teardown', () => {
  const idleRules = (minLifetime: number) =>
    configOf({
      managed_cluster_pool_config: { initial_rpus: [16, 16], max_clusters: null },
      autoscaler_config: {
        autoscaling_policy: 'add_single_best_forward',
        autoscaling_trigger_policy: 'noop',
        idle_time_before_tear_down_s: 100,
        min_cluster_lifetime_s: minLifetime,
      },
    });
  // Both queries go to cluster 000 (ties go to the first name); 001 stays idle from t=0.
  const twoQueries = workloadOf([0, 1000], [10, 10]);

  it('removes a cluster idle long enough and old enough, at an arrival', async () => {
    const { sink } = await runCollecting(idleRules(50), twoQueries);
    expect(at(sink.events, 'tear_down_requested')).toEqual([['autoslo-16-sim-001', 1000]]);
    expect(at(sink.events, 'cluster_removed')[0]).toEqual(['autoslo-16-sim-001', 1000]);
  });

  it('keeps a cluster younger than the minimum lifetime', async () => {
    const { sink } = await runCollecting(idleRules(2000), twoQueries);
    expect(sink.ofType('tear_down_requested')).toEqual([]);
  });

  it('never tears down the last READY cluster', async () => {
    const sink = new CollectingEventSink();
    const cp = new ControlPlane(idleRules(0), { sink });
    cp.start(0);
    cp.pool.requestTeardown('autoslo-16-sim-001', 5);
    expect(cp.pool.requestTeardown('autoslo-16-sim-000', 10)).toBe('blocked');
  });
});

describe('draining', () => {
  it('a torn-down busy cluster takes no new query and goes away with its last one', async () => {
    const sink = new CollectingEventSink();
    const cp = new ControlPlane(configOf(), { sink });
    cp.start(0);
    const q = (i: number, t: number): QueryArrival => ({
      index: i,
      queryId: i,
      queryTextId: 'tpcds#001#001',
      arrivalS: t,
      sloS: 100,
      triggerSloS: 100,
      refServiceS: 50,
      noiseFactor: 1,
    });
    const first = cp.onArrival(q(0, 0), 0);
    const newcomer = cp.onScheduledSpinup(16, 1)[0];
    if (newcomer?.kind !== 'provision') throw new Error('expected a provision action');
    newcomer.cluster.deferredTeardowns = [first.cluster.name];
    cp.onClusterReady(newcomer.cluster.name, 10);
    expect(first.cluster.state).toBe('DRAINING');
    expect(cp.onArrival(q(1, 20), 20).cluster.name).toBe(newcomer.cluster.name);
    cp.onCompletion(first.cluster, first.query, 50);
    expect(first.cluster.state).toBe('REMOVED');
    expect(at(sink.events, 'cluster_removed')).toEqual([[first.cluster.name, 50]]);
  });
});
