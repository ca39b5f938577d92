/**
 * Peer systems' scaling rules (docs/autoscaling-policies.md). A 16-RPU cluster runs c = 4
 * queries at full speed; a query is "queued" once it shares a cluster beyond that.
 */
import { configOf, runCollecting, workloadOf } from './helpers.js';

const peer = (policy: string, initial: number[] = [16]) =>
  configOf({
    managed_cluster_pool_config: { initial_rpus: initial, max_clusters: null },
    autoscaler_config: {
      autoscaling_policy: policy,
      allowed_rpu_sizes: [16],
      observation_window_s: 120,
    },
  });
const requested = (events: { event_type: string; rel_time_s: number }[]) =>
  events.filter((e) => e.event_type === 'spin_up_requested').map((e) => e.rel_time_s);
const tornDown = (events: { event_type: string; rel_time_s: number; cluster_name?: string }[]) =>
  events
    .filter((e) => e.event_type === 'tear_down_requested')
    .map((e) => [e.cluster_name, e.rel_time_s]);
const fiveLong = (seconds: number) =>
  workloadOf([0, 1, 2, 3, 4], [seconds, seconds, seconds, seconds, seconds]);
// Light 1 s queries once a minute on two clusters: the second one is never needed.
const light = workloadOf(
  Array.from({ length: 11 }, (_, i) => i * 60),
  Array.from({ length: 11 }, () => 1),
);

describe('Snowflake Standard', () => {
  it('starts a cluster as soon as a query queues', async () => {
    const { sink } = await runCollecting(peer('snowflake_standard'), fiveLong(100));
    expect(requested(sink.events)).toEqual([4]);
  });

  it('shuts the least-loaded cluster down after 2 consecutive low-load checks', async () => {
    const { sink } = await runCollecting(peer('snowflake_standard', [16, 16]), light);
    expect(tornDown(sink.events)).toEqual([['autoslo-16-sim-001', 120]]);
  });
});

describe('Snowflake Economy', () => {
  it('starts a cluster only for at least 6 minutes of backlog', async () => {
    // 5 x 100 s: about 490 s of work left over c = 4, about 2 minutes: no.
    expect(
      requested((await runCollecting(peer('snowflake_economy'), fiveLong(100))).sink.events),
    ).toEqual([]);
    // 5 x 1000 s: about 1245 s of backlog: yes.
    expect(
      requested((await runCollecting(peer('snowflake_economy'), fiveLong(1000))).sink.events),
    ).toEqual([4]);
  });

  it('shuts down only after 6 consecutive low-load checks', async () => {
    const { sink } = await runCollecting(peer('snowflake_economy', [16, 16]), light);
    expect(tornDown(sink.events)).toEqual([['autoslo-16-sim-001', 360]]);
  });
});

describe('Redshift-style queue time', () => {
  it('scales out once a query has lost 60 s to queueing', async () => {
    // Eight 1000 s queries at t=0 share c = 4 at rate 1/2: each loses t/2 s. At t=100 they have
    // lost 50 s; a ninth query then slows them to 4/9, so by t=130 they have lost 66.7 s.
    const arrivals = [0, 0, 0, 0, 0, 0, 0, 0, 100, 130];
    const { sink } = await runCollecting(
      peer('redshift_queue_time'),
      workloadOf(
        arrivals,
        arrivals.map(() => 1000),
      ),
    );
    expect(requested(sink.events)).toEqual([130]);
  });
});

describe('Databricks drain time', () => {
  // Drain time = (remaining work + next 2 minutes of work at the trailing rate) / parallelism.
  it('adds clusters by expected drain time: 2-6 min one, 12-22 min three', async () => {
    // One 300 s query: (300 + 300) / 4 = 150 s = 2.5 min: one cluster.
    const one = await runCollecting(peer('databricks_drain_time'), workloadOf([0], [300]));
    expect(requested(one.sink.events)).toEqual([0]);
    // One 1800 s query: (1800 + 1800) / 4 = 900 s = 15 min: three clusters.
    const three = await runCollecting(peer('databricks_drain_time'), workloadOf([0], [1800]));
    expect(requested(three.sink.events)).toEqual([0, 0, 0]);
    // One 100 s query: 50 s: none.
    const none = await runCollecting(peer('databricks_drain_time'), workloadOf([0], [100]));
    expect(requested(none.sink.events)).toEqual([]);
  });

  it('downscales a cluster after 15 minutes without load', async () => {
    const { sink } = await runCollecting(
      peer('databricks_drain_time', [16, 16]),
      workloadOf([0, 600, 1000], [1, 1, 1]),
    );
    expect(tornDown(sink.events)).toEqual([['autoslo-16-sim-001', 1000]]);
  });
});
