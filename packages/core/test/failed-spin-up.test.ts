/**
 * A failed spin-up in simulated time: the control plane removes the cluster, gives its
 * budget slot back, logs the failure, and the autoscaler decides again on a later arrival
 * (before the fix the one-spin-up-in-flight gate stayed closed for the rest of the run).
 */
import {
  CollectingEventSink,
  ControlPlane,
  type ControlPlaneConfig,
  type QueryArrival,
} from '../src/index.js';

const CONFIG: ControlPlaneConfig = {
  slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
  provisioner_config: { spin_up_delay_s: 60 },
  managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 2 },
  query_router_config: { routing_policy_name: 'least_loaded' },
  autoscaler_config: {
    autoscaling_policy: 'duplicate_largest',
    autoscaling_trigger_policy: 'queue_depth',
    queue_length_for_trigger_policy: 2,
    min_observations_to_act: 0,
    allowed_rpu_sizes: [8],
  },
  latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 10 },
};

function arrival(i: number, t: number): QueryArrival {
  return {
    index: i,
    queryId: i,
    queryTextId: 'tpcds#001#001',
    arrivalS: t,
    sloS: 100,
    triggerSloS: 100,
    refServiceS: 10,
    noiseFactor: 1,
  };
}

describe('ControlPlane.onClusterFailed (simulated clock)', () => {
  it('removes the cluster, logs the failure, and lets the autoscaler scale again', () => {
    const sink = new CollectingEventSink();
    const cp = new ControlPlane(CONFIG, { sink, runTag: 't' });
    cp.start(0);
    const provisions = (t: number, i: number) =>
      cp.onArrival(arrival(i, t), t).actions.filter((a) => a.kind === 'provision');
    let first = [] as ReturnType<typeof provisions>;
    for (let i = 0; i < 5 && first.length === 0; i++) first = provisions(i, i);
    expect(first).toHaveLength(1);
    const failed = first[0]?.cluster.name as string;
    // While the spin-up is in flight, nothing more is asked for.
    expect(provisions(10, 10)).toEqual([]);

    const actions = cp.onClusterFailed(failed, 20, 'no capacity');
    expect(actions).toEqual([{ kind: 'decommission', cluster: cp.pool.get(failed) }]);
    expect(cp.pool.get(failed)?.state).toBe('REMOVED');
    expect(cp.pool.budget.used).toBe(1);
    const logged = sink.ofType('spin_up_failed');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      rel_time_s: 20,
      cluster_name: failed,
      details: { rpu: 8, error: 'no capacity' },
    });
    // A second report of the same failure changes nothing.
    expect(cp.onClusterFailed(failed, 21, 'no capacity')).toEqual([]);

    const again = provisions(30, 30);
    expect(again).toHaveLength(1);
    const second = again[0]?.cluster.name as string;
    expect(second).not.toBe(failed);
    expect(cp.onClusterReady(second, 90)).toEqual([]);
    expect(cp.pool.ready().map((c) => c.name)).toContain(second);
  });
});
