/** The autoscaler's parameters (`autoscaler_config`), resolved with the reference defaults. */
import {
  AUTOSCALING_POLICIES,
  AUTOSCALING_TRIGGER_POLICIES,
  type AutoscalingPolicyName,
  type AutoscalingTriggerPolicyName,
  type CustomPolicyName,
  DEFAULT_AUTOSCALER_CONFIG,
  isCustomPolicyName,
  LEGACY_AUTOSCALING_POLICIES,
} from '@autoslo/config';
import { SloObjective } from '../slo/slo-objective.js';

/** The built-in names: @autoslo/config's lists (the schema's), under core's names. */
export const AUTOSCALING_POLICY_NAMES = AUTOSCALING_POLICIES;
export type { AutoscalingPolicyName };
export const TRIGGER_POLICY_NAMES = AUTOSCALING_TRIGGER_POLICIES;
export type TriggerPolicyName = AutoscalingTriggerPolicyName;

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

function pick<T extends string>(
  value: string | undefined,
  names: readonly T[],
  fallback: T,
  what: string,
): T {
  if (value === undefined) return fallback;
  const name = (LEGACY_AUTOSCALING_POLICIES as Readonly<Record<string, string>>)[value] ?? value;
  if ((names as readonly string[]).includes(name)) return name as T;
  throw new RangeError(`unknown ${what} '${value}' (expected ${names.join(' | ')})`);
}

export function resolveAutoscalerSettings(
  input: AutoscalerConfigInput | undefined,
  mainObjective: SloObjective,
): AutoscalerSettings {
  const c = input ?? {};
  // A section that skipped the schema (built in code) gets the schema's defaults.
  const d = DEFAULT_AUTOSCALER_CONFIG;
  const trig = c.trigger_slo_objective_config;
  return {
    policy:
      c.autoscaling_policy !== undefined && isCustomPolicyName(c.autoscaling_policy)
        ? c.autoscaling_policy
        : pick(
            c.autoscaling_policy,
            AUTOSCALING_POLICY_NAMES,
            d.autoscaling_policy as AutoscalingPolicyName,
            'autoscaling policy',
          ),
    trigger: pick(
      c.autoscaling_trigger_policy,
      TRIGGER_POLICY_NAMES,
      d.autoscaling_trigger_policy,
      'trigger policy',
    ),
    allowedRpuSizes: [...(c.allowed_rpu_sizes ?? d.allowed_rpu_sizes)],
    queueLengthForTrigger: c.queue_length_for_trigger_policy ?? d.queue_length_for_trigger_policy,
    minClusterLifetimeS: c.min_cluster_lifetime_s ?? d.min_cluster_lifetime_s,
    idleTimeBeforeTearDownS: c.idle_time_before_tear_down_s ?? d.idle_time_before_tear_down_s,
    observationWindowS: c.observation_window_s ?? d.observation_window_s,
    triggerSloTighteningFactor:
      c.trigger_slo_tightening_factor ?? c.slo_tightening_factor ?? d.trigger_slo_tightening_factor,
    minFinishedQueriesInCounterfactual:
      c.min_finished_queries_in_counterfactual ?? d.min_finished_queries_in_counterfactual,
    minObservationsToAct: c.min_observations_to_act ?? d.min_observations_to_act,
    forceOneDecisionAfterQueryFraction:
      c.force_one_decision_after_query_fraction ?? d.force_one_decision_after_query_fraction,
    maxReplayCopies: c.max_replay_copies ?? d.max_replay_copies,
    triggerObjective: trig ? SloObjective.fromConfig(trig) : mainObjective,
  };
}
