import * as v from 'valibot';
import {
  fraction,
  nonNegative,
  nonNegativeInt,
  positive,
  positiveInt,
  rpuSize,
} from './_common.js';
import { type CustomPolicyName, policyNameSchema } from './policy-name.js';
import { SloObjectiveConfigSchema } from './slo-configs.js';

/**
 * Autoscaling policies: the reference's four, then peer systems' scaling rules (design.md)
 * so they can be compared in the same simulator.
 */
export const AUTOSCALING_POLICIES = [
  'noop',
  'duplicate_largest',
  'add_single_best_forward',
  'replace_with_single_best_forward',
  'snowflake_standard',
  'snowflake_economy',
  'redshift_queue_time',
  'databricks_drain_time',
] as const;
export type AutoscalingPolicyName = (typeof AUTOSCALING_POLICIES)[number];

/** Older reference names, accepted and renamed to their current equivalents. */
export const LEGACY_AUTOSCALING_POLICIES = {
  add_single_best: 'add_single_best_forward',
  replace_with_single_best: 'replace_with_single_best_forward',
} as const satisfies Record<string, AutoscalingPolicyName>;

export const AUTOSCALING_TRIGGER_POLICIES = [
  'noop',
  'queue_depth',
  'observed_violations',
  'predicted_violations',
  'combined_violations',
] as const;
export type AutoscalingTriggerPolicyName = (typeof AUTOSCALING_TRIGGER_POLICIES)[number];

const ACCEPTED_POLICIES = [
  ...AUTOSCALING_POLICIES,
  ...(Object.keys(LEGACY_AUTOSCALING_POLICIES) as (keyof typeof LEGACY_AUTOSCALING_POLICIES)[]),
] as const;

const WrittenAutoscalerSchema = v.strictObject({
  /** Candidate sizes for a spin-up; `[]` disables spin-ups. */
  allowed_rpu_sizes: v.optional(v.array(rpuSize()), () => [4, 8, 16, 32]),
  autoscaling_policy: v.optional(policyNameSchema(ACCEPTED_POLICIES), 'add_single_best_forward'),
  autoscaling_trigger_policy: v.optional(
    v.picklist(AUTOSCALING_TRIGGER_POLICIES),
    'predicted_violations',
  ),
  /** N in "Queue@N": the `queue_depth` trigger fires at this many active queries. */
  queue_length_for_trigger_policy: v.optional(positiveInt(), 30),
  min_cluster_lifetime_s: v.optional(nonNegative(), 1200),
  idle_time_before_tear_down_s: v.optional(nonNegative(), 300),
  observation_window_s: v.optional(positive(), 120),
  trigger_slo_tightening_factor: v.optional(positive()),
  /** The reference's old name of `trigger_slo_tightening_factor`. */
  slo_tightening_factor: v.optional(positive()),
  min_finished_queries_in_counterfactual: v.optional(nonNegativeInt(), 30),
  min_observations_to_act: v.optional(nonNegativeInt(), 30),
  /** When set, reactive scaling is off: one forced decision after this share of queries. */
  force_one_decision_after_query_fraction: v.optional(v.nullable(fraction()), null),
  max_replay_copies: v.optional(positiveInt(), 30),
  trigger_slo_objective_config: v.optional(v.nullable(SloObjectiveConfigSchema), null),
});

/** `autoscaler_config` (reference §4.9), old key and policy names normalised. */
export const AutoscalerConfigSchema = v.pipe(
  WrittenAutoscalerSchema,
  v.forward(
    v.check(
      (c) => c.slo_tightening_factor === undefined || c.trigger_slo_tightening_factor === undefined,
      'give either slo_tightening_factor (old name) or trigger_slo_tightening_factor, not both',
    ),
    ['slo_tightening_factor'],
  ),
  v.transform(({ slo_tightening_factor, trigger_slo_tightening_factor, ...rest }) => {
    const policy = rest.autoscaling_policy;
    return {
      ...rest,
      autoscaling_policy: (policy in LEGACY_AUTOSCALING_POLICIES
        ? LEGACY_AUTOSCALING_POLICIES[policy as keyof typeof LEGACY_AUTOSCALING_POLICIES]
        : policy) as AutoscalingPolicyName | CustomPolicyName,
      trigger_slo_tightening_factor: trigger_slo_tightening_factor ?? slo_tightening_factor ?? 1.0,
    };
  }),
);
export type AutoscalerConfig = v.InferOutput<typeof AutoscalerConfigSchema>;

/** Every default of `autoscaler_config`, as the schema fills them into an empty section. */
export const DEFAULT_AUTOSCALER_CONFIG: AutoscalerConfig = v.parse(AutoscalerConfigSchema, {});
