import * as v from 'valibot';
import { AutoscalerConfigSchema } from './autoscaler-config.js';
import { ManagedClusterPoolConfigSchema, ScheduledSpinupSchema } from './cluster-pool-config.js';
import { DEFAULT_LATENCY_MODEL_CONFIG, LatencyModelConfigSchema } from './latency-model-config.js';
import {
  DEFAULT_WORKLOAD_RUNNER_CONFIG,
  ProvisionerConfigSchema,
  WorkloadRunnerConfigSchema,
} from './provisioner-config.js';
import { QueryRouterConfigSchema } from './query-router-config.js';
import { SloObjectiveConfigSchema, SloResolverConfigSchema } from './slo-configs.js';
import { WorkloadConfigSchema } from './workload-config.js';

/**
 * An execution config (`execution_configs/**.yml`, reference §4): everything one run needs.
 * Sections that the reference builds with defaults may be left out; `workload_runner_config`
 * and `latency_model_config` are always present in the parsed value.
 */
export const ExecutionConfigSchema = v.pipe(
  v.strictObject({
    workload_config: WorkloadConfigSchema,
    slo_resolver_config: v.optional(SloResolverConfigSchema, () => ({})),
    slo_objective_config: v.optional(SloObjectiveConfigSchema, () => ({})),
    provisioner_config: ProvisionerConfigSchema,
    workload_runner_config: v.optional(WorkloadRunnerConfigSchema, () => ({
      ...DEFAULT_WORKLOAD_RUNNER_CONFIG,
    })),
    managed_cluster_pool_config: ManagedClusterPoolConfigSchema,
    scheduled_spinups: v.optional(v.array(ScheduledSpinupSchema), () => []),
    query_router_config: v.optional(QueryRouterConfigSchema, () => ({})),
    autoscaler_config: v.optional(AutoscalerConfigSchema, () => ({})),
    latency_model_config: v.optional(LatencyModelConfigSchema, () => ({
      ...DEFAULT_LATENCY_MODEL_CONFIG,
    })),
  }),
  v.forward(
    v.check((c) => {
      const max = c.managed_cluster_pool_config.max_clusters;
      return (
        max === null ||
        max >= c.managed_cluster_pool_config.initial_rpus.length + c.scheduled_spinups.length
      );
    }, 'must be at least len(initial_rpus) + len(scheduled_spinups)'),
    ['managed_cluster_pool_config', 'max_clusters'],
  ),
);
export type ExecutionConfig = v.InferOutput<typeof ExecutionConfigSchema>;
export type WrittenExecutionConfig = v.InferInput<typeof ExecutionConfigSchema>;
