import * as v from 'valibot';
import { int, nonNegative, positive, rpuSize } from './_common.js';

/** Redshift's AI-driven scaling price-performance levels (LOW_COST .. HIGH_PERFORMANCE). */
export const PRICE_PERFORMANCE_LEVELS = [1, 25, 50, 75, 100] as const;

/** `provisioner_config` (reference §4.4) plus this project's `price_per_rpu_hour`. */
export const ProvisionerConfigSchema = v.strictObject({
  /**
   * The reference's credentials file. Accepted, optional and without effect here: live runs take
   * credentials from the AWS SDK's standard chain.
   */
  aws_config_path: v.optional(v.string()),
  /** Simulated delay between a spin-up request and the cluster being READY. */
  spin_up_delay_s: v.optional(nonNegative(), 300.0),
  max_capacity_ratio: v.optional(positive(), 1.0),
  /** RAIS baseline: Redshift's price-performance target level; `null` = off. */
  price_performance_target_level: v.optional(
    v.nullable(v.picklist(PRICE_PERFORMANCE_LEVELS)),
    null,
  ),
  max_capacity_under_price_performance_target: v.optional(rpuSize(), 128),
  /** $ per RPU-hour (Redshift Serverless, us-east-1). */
  price_per_rpu_hour: v.optional(positive(), 0.375),
  /** Injected by the reference at run time; accepted so its dumped run configs load. */
  cluster_cache_state_dim: v.optional(v.nullable(int())),
  run_id: v.optional(v.nullable(v.union([v.string(), v.number()]))),
});
export type ProvisionerConfig = v.InferOutput<typeof ProvisionerConfigSchema>;

/** `workload_runner_config` (live runs only; the simulator uses the defaults). */
export const WorkloadRunnerConfigSchema = v.strictObject({
  max_threads: v.optional(v.pipe(int(), v.minValue(1)), 512),
  closed_loop: v.optional(v.boolean(), false),
  schema_name: v.optional(v.pipe(v.string(), v.minLength(1)), 'ext_tpcds1000'),
});
export type WorkloadRunnerConfig = v.InferOutput<typeof WorkloadRunnerConfigSchema>;

export const DEFAULT_WORKLOAD_RUNNER_CONFIG: WorkloadRunnerConfig = {
  max_threads: 512,
  closed_loop: false,
  schema_name: 'ext_tpcds1000',
};
