/** The autoscaler's parameters (`autoscaler_config`), resolved with the reference defaults. */
import { type CustomPolicyName, isCustomPolicyName } from '@autoslo/config';
import { SloObjective } from '../slo/slo-objective.js';

export const AUTOSCALING_POLICY_NAMES = [
  'noop',
  'duplicate_largest',
  'add_single_best_forward',
  'replace_with_single_best_forward',
  'snowflake_standard',
  'snowflake_economy',
  'redshift_queue_time',
  'databricks_drain_time',
] as const;
export type AutoscalingPolicyName = (typeof AUTOSCALING_POLICY_NAMES)[number];

export const TRIGGER_POLICY_NAMES = [
  'noop',
  'queue_depth',
  'observed_violations',
  'predicted_violations',
  'combined_violations',
] as const;
export type TriggerPolicyName = (typeof TRIGGER_POLICY_NAMES)[number];

/** The section as written (structurally compatible with `AutoscalerConfig`). */
export interface AutoscalerConfigInput {
  readonly allowed_rpu_sizes?: readonly number[];
  readonly autoscaling_policy?: string;
  readonly autoscaling_trigger_policy?: string;
  readonly queue_length_for_trigger_policy?: number;
  readonly min_cluster_lifetime_s?: number;
  readonly idle_time_before_tear_down_s?: number;
  readonly observation_window_s?: number;
  readonly trigger_slo_tightening_factor?: number;
  readonly slo_tightening_factor?: number;
  readonly min_finished_queries_in_counterfactual?: number;
  readonly min_observations_to_act?: number;
  readonly force_one_decision_after_query_fraction?: number | null;
  readonly max_replay_copies?: number;
  readonly trigger_slo_objective_config?: { slo_metric: string; slo_threshold: number } | null;
}

export interface AutoscalerSettings {
  /** A built-in name or a registered `custom:<name>` (resolved by the control plane). */
  readonly policy: AutoscalingPolicyName | CustomPolicyName;
  readonly trigger: TriggerPolicyName;
  readonly allowedRpuSizes: readonly number[];
  readonly queueLengthForTrigger: number;
  readonly minClusterLifetimeS: number;
  readonly idleTimeBeforeTearDownS: number;
  readonly observationWindowS: number;
  readonly triggerSloTighteningFactor: number;
  readonly minFinishedQueriesInCounterfactual: number;
  readonly minObservationsToAct: number;
  readonly forceOneDecisionAfterQueryFraction: number | null;
  readonly maxReplayCopies: number;
  /** The trigger's objective: its own section if given, else the main objective. */
  readonly triggerObjective: SloObjective;
}

const LEGACY: Record<string, AutoscalingPolicyName> = {
  add_single_best: 'add_single_best_forward',
  replace_with_single_best: 'replace_with_single_best_forward',
};

function pick<T extends string>(
  value: string | undefined,
  names: readonly T[],
  fallback: T,
  what: string,
): T {
  if (value === undefined) return fallback;
  const name = LEGACY[value] ?? value;
  if ((names as readonly string[]).includes(name)) return name as T;
  throw new RangeError(`unknown ${what} '${value}' (expected ${names.join(' | ')})`);
}

export function resolveAutoscalerSettings(
  input: AutoscalerConfigInput | undefined,
  mainObjective: SloObjective,
): AutoscalerSettings {
  const c = input ?? {};
  const trig = c.trigger_slo_objective_config;
  return {
    policy:
      c.autoscaling_policy !== undefined && isCustomPolicyName(c.autoscaling_policy)
        ? c.autoscaling_policy
        : pick(
            c.autoscaling_policy,
            AUTOSCALING_POLICY_NAMES,
            'add_single_best_forward',
            'autoscaling policy',
          ),
    trigger: pick(
      c.autoscaling_trigger_policy,
      TRIGGER_POLICY_NAMES,
      'predicted_violations',
      'trigger policy',
    ),
    allowedRpuSizes: [...(c.allowed_rpu_sizes ?? [4, 8, 16, 32])],
    queueLengthForTrigger: c.queue_length_for_trigger_policy ?? 30,
    minClusterLifetimeS: c.min_cluster_lifetime_s ?? 1200,
    idleTimeBeforeTearDownS: c.idle_time_before_tear_down_s ?? 300,
    observationWindowS: c.observation_window_s ?? 120,
    triggerSloTighteningFactor: c.trigger_slo_tightening_factor ?? c.slo_tightening_factor ?? 1,
    minFinishedQueriesInCounterfactual: c.min_finished_queries_in_counterfactual ?? 30,
    minObservationsToAct: c.min_observations_to_act ?? 30,
    forceOneDecisionAfterQueryFraction: c.force_one_decision_after_query_fraction ?? null,
    maxReplayCopies: c.max_replay_copies ?? 30,
    triggerObjective: trig ? SloObjective.fromConfig(trig) : mainObjective,
  };
}
