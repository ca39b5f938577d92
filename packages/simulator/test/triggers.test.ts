/** The five triggers, each on a tiny workload where the firing instant is worked out by hand. */
import { configOf, runCollecting, workloadOf } from './helpers.js';

const autoscaling = (trigger: string, extra: Record<string, unknown> = {}, sloS = 10.5) =>
  configOf({
    slo_resolver_config: { slo_s: sloS },
    autoscaler_config: {
      autoscaling_policy: 'duplicate_largest',
      autoscaling_trigger_policy: trigger,
      allowed_rpu_sizes: [16],
      min_observations_to_act: 0,
      queue_length_for_trigger_policy: 3,
      observation_window_s: 120,
      ...extra,
    },
  });
const spinUpTimes = (events: { event_type: string; rel_time_s: number }[]) =>
  events.filter((e) => e.event_type === 'spin_up_requested').map((e) => e.rel_time_s);
// Five 10 s queries at t = 0..4 on one 16-RPU cluster (c = 4): the fifth makes all five take
// 11.5 s (> 10.5 SLO); a sixth query arrives at t = 30, after every completion.
const burst = workloadOf([0, 1, 2, 3, 4, 30], [10, 10, 10, 10, 10, 10]);

describe('triggers', () => {
  it('queue_depth fires at the arrival that makes N active post-ready queries', async () => {
    const { sink } = await runCollecting(
      autoscaling('queue_depth'),
      workloadOf([0, 1, 2, 3], [100, 100, 100, 100]),
    );
    expect(spinUpTimes(sink.events)).toEqual([2]);
    expect(sink.ofType('cluster_ready').map((e) => e.rel_time_s)).toEqual([0, 302]);
  });

  it('predicted_violations fires when the active queries are predicted to violate', async () => {
    const { sink } = await runCollecting(autoscaling('predicted_violations'), burst);
    expect(spinUpTimes(sink.events)).toEqual([4]);
  });

  it('observed_violations waits for violating completions', async () => {
    const { sink } = await runCollecting(autoscaling('observed_violations'), burst);
    expect(spinUpTimes(sink.events)).toEqual([30]);
  });

  it('combined_violations fires on predicted or observed evidence, whichever comes first', async () => {
    const { sink } = await runCollecting(autoscaling('combined_violations'), burst);
    expect(spinUpTimes(sink.events)).toEqual([4]);
  });

  it('noop never fires', async () => {
    const { sink } = await runCollecting(autoscaling('noop'), burst);
    expect(spinUpTimes(sink.events)).toEqual([]);
  });

  it('waits for min_observations_to_act post-ready queries', async () => {
    // Five active queries at t=4 are fewer than 6 observations; at t=30, 5 completions + 1 active.
    const { sink } = await runCollecting(
      autoscaling('predicted_violations', { min_observations_to_act: 6 }),
      burst,
    );
    expect(spinUpTimes(sink.events)).toEqual([]);
    const combined = await runCollecting(
      autoscaling('combined_violations', { min_observations_to_act: 6 }),
      burst,
    );
    expect(spinUpTimes(combined.sink.events)).toEqual([30]);
  });

  it('judges against the trigger-tightened SLO', async () => {
    // One 20 s query, SLO 30: met; the trigger's SLO 30 * 0.5 = 15 is not.
    const one = workloadOf([0], [20]);
    const loose = await runCollecting(autoscaling('predicted_violations', {}, 30), one);
    expect(spinUpTimes(loose.sink.events)).toEqual([]);
    const tight = await runCollecting(
      autoscaling('predicted_violations', { trigger_slo_tightening_factor: 0.5 }, 30),
      one,
    );
    expect(spinUpTimes(tight.sink.events)).toEqual([0]);
  });

  it('keeps one spin-up in flight: no second decision before the new cluster is ready', async () => {
    const w = workloadOf(
      Array.from({ length: 10 }, (_, i) => i),
      Array.from({ length: 10 }, () => 100),
    );
    const { sink } = await runCollecting(
      autoscaling('queue_depth', { queue_length_for_trigger_policy: 1 }),
      w,
    );
    expect(spinUpTimes(sink.events)).toEqual([0]);
  });
});
