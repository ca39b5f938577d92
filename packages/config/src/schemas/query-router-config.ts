import * as v from 'valibot';
import { fraction, nonNegative, positive } from './_common.js';
import { ForecasterConfigSchema } from './forecaster-config.js';
import { policyNameSchema } from './policy-name.js';

export const ROUTING_POLICIES = [
  'use_iconq_model',
  'use_stage_model',
  'round_robin',
  'uniform_random',
  'cache_aware',
  'least_loaded',
] as const;
export type RoutingPolicyName = (typeof ROUTING_POLICIES)[number];

/** `query_router_config` (reference §4.8). */
export const QueryRouterConfigSchema = v.strictObject({
  routing_policy_name: v.optional(policyNameSchema(ROUTING_POLICIES), 'use_iconq_model'),
  /** The reference's latency-model checkpoint id; kept for compatibility, informational here. */
  iconq_model_id: v.optional(v.string(), 'all_66_and_99_template_runs_with_aborted_v3'),
  cluster_cache_state_update_alpha: v.optional(fraction(), 0.7),
  cache_risk_cost_multiplier: v.optional(nonNegative(), 0.0),
  cache_risk_coverage: v.optional(fraction(), 0.9),
  cache_risk_epsilon: v.optional(positive(), 1e-6),
  forecaster_config: v.optional(v.nullable(ForecasterConfigSchema), null),
});
export type QueryRouterConfig = v.InferOutput<typeof QueryRouterConfigSchema>;
