/**
 * The parts of an execution config the control plane reads. Structurally a subset of
 * `ExecutionConfig` from @autoslo/config, so a loaded config is passed as is.
 */
import type { AutoscalerConfigInput } from '../autoscaler/autoscaler-settings.js';
import type { LatencyModelConfigInput } from '../latency/latency-model-settings.js';

export interface ControlPlaneConfig {
  readonly slo_objective_config: { readonly slo_metric: string; readonly slo_threshold: number };
  readonly provisioner_config?: {
    readonly spin_up_delay_s?: number;
    readonly price_per_rpu_hour?: number;
  };
  readonly managed_cluster_pool_config: {
    readonly initial_rpus: readonly number[];
    readonly max_clusters?: number | null;
  };
  readonly scheduled_spinups?:
    | readonly { readonly rel_time_s: number; readonly rpu: number }[]
    | null;
  readonly query_router_config?: { readonly routing_policy_name?: string };
  readonly autoscaler_config?: AutoscalerConfigInput;
  readonly latency_model_config?: LatencyModelConfigInput | null;
}

export const DEFAULT_SPIN_UP_DELAY_S = 300;
