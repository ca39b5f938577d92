import * as v from 'valibot';
import { fraction, isoDate, positive, positiveInt } from './_common.js';

export const FORECAST_POLICIES = [
  'none',
  'one_day',
  'seven_days_flat',
  'same_day_once',
  'same_day_exponential',
  'ground_truth',
] as const;
export type ForecastPolicyName = (typeof FORECAST_POLICIES)[number];

export const ARRIVAL_TIME_POLICIES = ['uniform', 'interarrival_deciles'] as const;
export type ArrivalTimePolicyName = (typeof ARRIVAL_TIME_POLICIES)[number];

/** `reservoir_config`: the history the forecaster draws from (reference §3.1). */
export const ReservoirConfigSchema = v.strictObject({
  workload_name: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  last_day_date_inclusive: isoDate(),
  num_days: v.optional(positiveInt(), 1),
  /** Relative to the data dir; `null` means `<data dir>/workloads`. */
  workload_dir: v.optional(v.nullable(v.string()), null),
});
export type ReservoirConfig = v.InferOutput<typeof ReservoirConfigSchema>;

/** `forecaster_config`: how scenario workloads are sampled from history. */
export const ForecasterConfigSchema = v.pipe(
  v.strictObject({
    // `none` is in the reference's list without a forecast behind it: refused here, with the
    // way to say "no forecast" (ground-truth mode) in the message.
    forecast_policy_name: v.pipe(
      v.picklist(FORECAST_POLICIES),
      v.check(
        (name) => name !== 'none',
        '"none" forecasts nothing; for ground-truth mode (the real target day) leave forecaster_config out or set it to null',
      ),
    ),
    decay_factor: v.optional(fraction(), 0.5),
    fixed_queries_per_hour: v.optional(positiveInt(), 100),
    rescale_factor: v.optional(positive(), 1.0),
    arrival_time_policy_name: v.optional(v.picklist(ARRIVAL_TIME_POLICIES), 'uniform'),
    min_gaps_for_deciles: v.optional(positiveInt(), 20),
    max_arrivals_per_hour_safety_cap: v.optional(positiveInt(), 10000),
    reservoir_config: v.optional(v.nullable(ReservoirConfigSchema), null),
  }),
  v.forward(
    v.check(
      (c) => c.forecast_policy_name === 'none' || c.reservoir_config !== null,
      'is required unless forecast_policy_name is "none"',
    ),
    ['reservoir_config'],
  ),
);
export type ForecasterConfig = v.InferOutput<typeof ForecasterConfigSchema>;
