import * as v from 'valibot';
import {
  aggregationMethod,
  anyYaml,
  fraction,
  int,
  nonNegative,
  nonNegativeInt,
  positive,
  positiveInt,
  rpuSize,
} from './_common.js';
import { ForecasterConfigSchema } from './forecaster-config.js';
import { SloObjectiveConfigSchema } from './slo-configs.js';

/** `sampling_config`: how many scenarios, and how their metrics are aggregated. */
export const SamplingConfigSchema = v.pipe(
  v.strictObject({
    num_scenarios: positiveInt(),
    seed: v.optional(int(), 42),
    train_fraction: v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(1)), 0.6),
    aggregation_method: v.optional(aggregationMethod(), 'mean'),
    /** Absent: ground-truth (oracle) mode, the real target day is the only scenario. */
    forecaster_config: v.optional(v.nullable(ForecasterConfigSchema), null),
  }),
  v.forward(
    v.check((c) => {
      // An out-of-range train_fraction is reported on its own; don't pile on.
      if (c.forecaster_config === null || c.train_fraction <= 0 || c.train_fraction >= 1)
        return true;
      const nTrain = Math.floor(c.num_scenarios * c.train_fraction);
      return nTrain > 0 && c.num_scenarios - nTrain > 0;
    }, 'with a forecaster, int(num_scenarios x train_fraction) and the rest must both be > 0'),
    ['num_scenarios'],
  ),
);
export type SamplingConfig = v.InferOutput<typeof SamplingConfigSchema>;

/** `spinup_optimizer_config`: proactive spin-up scheduling (reference §3.1). */
export const SpinupOptimizerConfigSchema = v.strictObject({
  max_spinups: v.optional(nonNegativeInt(), 5),
  min_delinquent_workload_fraction: v.optional(
    v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
    0.5,
  ),
  lead_time_s: v.optional(nonNegative(), 360.0),
  initial_rpu_candidates: v.optional(v.array(v.array(rpuSize())), () => [[16], [8], [32]]),
  allowed_rpu_sizes: v.optional(v.array(rpuSize()), () => [4, 8, 16, 32]),
  max_attempts_per_round: v.optional(positiveInt(), 10),
  /** `null` = `lead_time_s`; 0 disables the spacing check. */
  min_candidate_spacing_s: v.optional(v.nullable(nonNegative()), null),
});
export type SpinupOptimizerConfig = v.InferOutput<typeof SpinupOptimizerConfigSchema>;

export const SWEEP_STRATEGIES = ['grid', 'random', 'coordinate_descent', 'adaptive_batch'] as const;
export type SweepStrategyName = (typeof SWEEP_STRATEGIES)[number];

const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** `param_sweep_config`: dotted execution-config paths and their candidate values. */
export const ParamSweepConfigSchema = v.strictObject({
  params: v.record(
    v.pipe(v.string(), v.regex(DOTTED_PATH, 'must be a dotted config path like a.b.c')),
    v.pipe(v.array(anyYaml()), v.minLength(1, 'must list at least one candidate value')),
  ),
  strategy: v.optional(v.picklist(SWEEP_STRATEGIES), 'grid'),
  val_top_k: v.optional(positiveInt(), 10),
  budget: v.optional(positiveInt(), 20),
  seed: v.optional(int(), 42),
  max_cycles: v.optional(positiveInt(), 3),
  starting_point: v.optional(v.nullable(v.record(v.string(), anyYaml())), null),
  max_rounds: v.optional(positiveInt(), 5),
  beam_size: v.optional(positiveInt(), 3),
  min_sigma_fraction: v.optional(fraction(), 0.05),
  exploration_multiplier: v.optional(positive(), 2.0),
});
export type ParamSweepConfig = v.InferOutput<typeof ParamSweepConfigSchema>;

/** A tuner phase that sweeps parameters (`autoscaling_param_sweep`, `query_routing_param_sweep`). */
export const ParamSweepPhaseSchema = v.strictObject({
  param_sweep_config: v.optional(ParamSweepConfigSchema, () => ({ params: {} })),
});
export type ParamSweepPhase = v.InferOutput<typeof ParamSweepPhaseSchema>;

/** A tuner config (`tuner_configs/*.yml`, reference §3). */
export const TunerConfigSchema = v.strictObject({
  sampling_config: SamplingConfigSchema,
  slo_objective_config: v.optional(SloObjectiveConfigSchema, () => ({})),
  spinup_optimizer_config: v.optional(SpinupOptimizerConfigSchema, () => ({})),
  autoscaling_param_sweep: v.optional(ParamSweepPhaseSchema, () => ({})),
  query_routing_param_sweep: v.optional(ParamSweepPhaseSchema, () => ({})),
});
export type TunerConfig = v.InferOutput<typeof TunerConfigSchema>;
export type WrittenTunerConfig = v.InferInput<typeof TunerConfigSchema>;
