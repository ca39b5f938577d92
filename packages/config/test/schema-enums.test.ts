import * as v from 'valibot';
import {
  ARRIVAL_TIME_POLICIES,
  AUTOSCALING_POLICIES,
  AUTOSCALING_TRIGGER_POLICIES,
  AutoscalerConfigSchema,
  FORECAST_POLICIES,
  ForecasterConfigSchema,
  isRpuSize,
  ParamSweepConfigSchema,
  PRICE_PERFORMANCE_LEVELS,
  ProvisionerConfigSchema,
  QueryRouterConfigSchema,
  ROUTING_POLICIES,
  SamplingConfigSchema,
  SLO_METRICS,
  SloObjectiveConfigSchema,
  SWEEP_STRATEGIES,
} from '../src/index.js';

const reservoir = { workload_name: 'w', last_day_date_inclusive: '2024-05-26' };

/** Each enum field: its values, and a section holding `value` at `key`. */
const enums: [string, readonly (string | number)[], (x: unknown) => unknown][] = [
  ['slo_metric', SLO_METRICS, (x) => v.safeParse(SloObjectiveConfigSchema, { slo_metric: x })],
  [
    'routing_policy_name',
    ROUTING_POLICIES,
    (x) => v.safeParse(QueryRouterConfigSchema, { routing_policy_name: x }),
  ],
  [
    'autoscaling_policy',
    AUTOSCALING_POLICIES,
    (x) => v.safeParse(AutoscalerConfigSchema, { autoscaling_policy: x }),
  ],
  [
    'autoscaling_trigger_policy',
    AUTOSCALING_TRIGGER_POLICIES,
    (x) => v.safeParse(AutoscalerConfigSchema, { autoscaling_trigger_policy: x }),
  ],
  [
    'forecast_policy_name',
    // `none` is listed (the reference's files may name it) and refused with a message.
    FORECAST_POLICIES.filter((p) => p !== 'none'),
    (x) =>
      v.safeParse(ForecasterConfigSchema, { forecast_policy_name: x, reservoir_config: reservoir }),
  ],
  [
    'arrival_time_policy_name',
    ARRIVAL_TIME_POLICIES,
    (x) =>
      v.safeParse(ForecasterConfigSchema, {
        forecast_policy_name: 'one_day',
        arrival_time_policy_name: x,
        reservoir_config: reservoir,
      }),
  ],
  [
    'strategy',
    SWEEP_STRATEGIES,
    (x) => v.safeParse(ParamSweepConfigSchema, { params: {}, strategy: x }),
  ],
  [
    'price_performance_target_level',
    PRICE_PERFORMANCE_LEVELS,
    (x) =>
      v.safeParse(ProvisionerConfigSchema, {
        aws_config_path: 'a',
        price_performance_target_level: x,
      }),
  ],
];

test.each(enums)('%s accepts each of its values', (_key, values, parse) => {
  for (const value of values) {
    expect([value, (parse(value) as { success: boolean }).success]).toEqual([value, true]);
  }
});

test.each(enums)('%s rejects other values and lists every allowed one', (key, values, parse) => {
  const r = parse('not_a_value') as v.SafeParseResult<v.GenericSchema>;
  expect(r.success).toBe(false);
  const issue = r.issues?.find((i) => v.getDotPath(i) === key);
  for (const value of values) expect(issue?.expected).toContain(JSON.stringify(value));
});

test('the enums hold the reference values', () => {
  expect(SLO_METRICS).toEqual(['binary', 'absolute_s', 'relative', 'relative_unconstrained']);
  expect(AUTOSCALING_TRIGGER_POLICIES).toEqual([
    'noop',
    'queue_depth',
    'observed_violations',
    'predicted_violations',
    'combined_violations',
  ]);
  expect(AUTOSCALING_POLICIES.slice(0, 4)).toEqual([
    'noop',
    'duplicate_largest',
    'add_single_best_forward',
    'replace_with_single_best_forward',
  ]);
  expect(ROUTING_POLICIES.slice(0, 5)).toEqual([
    'use_iconq_model',
    'use_stage_model',
    'round_robin',
    'uniform_random',
    'cache_aware',
  ]);
});

test('aggregation methods: mean, max and percentiles up to p100', () => {
  const ok = (m: string) => v.is(SamplingConfigSchema, { num_scenarios: 1, aggregation_method: m });
  expect(['mean', 'max', 'p0', 'p50', 'p95', 'p99.9', 'p100'].map(ok)).toEqual(Array(7).fill(true));
  expect(['median', 'p101', 'p', 'P95', 'p-5'].map(ok)).toEqual(Array(5).fill(false));
});

test('RPU sizes: 4, then 8 to 512 in steps of 8', () => {
  expect([4, 8, 16, 24, 32, 64, 128, 512].every(isRpuSize)).toBe(true);
  expect([0, 2, 6, 12, 20, 520, 16.5].some(isRpuSize)).toBe(false);
});
