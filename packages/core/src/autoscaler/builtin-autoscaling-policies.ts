/** The built-in autoscaling policies by name, each an `AutoscalingPolicy` like a user's own. */
import type { AutoscalingPolicy, AutoscalingPolicyFactory } from './autoscaling-policy.js';
import { AutoSloScalingPolicy } from './autoslo-scaling-policy.js';
import { PeerScalingPolicy } from './peer-scaling-policy.js';

const NOOP: AutoscalingPolicy = { name: 'noop', inert: true, decide: () => [] };

export const BUILTIN_AUTOSCALING_POLICIES = {
  noop: () => NOOP,
  duplicate_largest: (ctx) => new AutoSloScalingPolicy('duplicate_largest', ctx),
  add_single_best_forward: (ctx) => new AutoSloScalingPolicy('add_single_best_forward', ctx),
  replace_with_single_best_forward: (ctx) =>
    new AutoSloScalingPolicy('replace_with_single_best_forward', ctx),
  snowflake_standard: (ctx) => new PeerScalingPolicy('snowflake_standard', ctx),
  snowflake_economy: (ctx) => new PeerScalingPolicy('snowflake_economy', ctx),
  redshift_queue_time: (ctx) => new PeerScalingPolicy('redshift_queue_time', ctx),
  databricks_drain_time: (ctx) => new PeerScalingPolicy('databricks_drain_time', ctx),
} as const satisfies Record<string, AutoscalingPolicyFactory>;
