import * as v from 'valibot';
import { int, nonNegative, positive, positiveInt } from './_common.js';

/**
 * `latency_model_config` (this project's extension, design.md): the analytic latency model
 * S(q, r) = S_ref(q) * (reference_rpu / r)^rpu_exponent with processor sharing at
 * parallelism c(r) = max(1, r * parallelism_per_rpu). Every field has a default, so the
 * reference's configs (which have no such section) run unchanged.
 */
export const LatencyModelConfigSchema = v.strictObject({
  reference_rpu: v.optional(positive(), 16),
  rpu_exponent: v.optional(nonNegative(), 0.7),
  parallelism_per_rpu: v.optional(positive(), 0.25),
  /** Queries beyond this many per cluster wait in FIFO order; `null` = no limit. */
  admission_limit: v.optional(v.nullable(positiveInt()), null),
  /** Coefficient of variation of seeded multiplicative noise on true service times. */
  noise_cv: v.optional(nonNegative(), 0),
  noise_seed: v.optional(int(), 0),
  /** A latency profile file in `slos/` or `profiles/` of the data dir. */
  profile_filename: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1))), null),
  /** Isolated latency at `reference_rpu` when no other source knows the query. */
  default_isolated_latency_s: v.optional(v.nullable(positive()), null),
});
export type LatencyModelConfig = v.InferOutput<typeof LatencyModelConfigSchema>;

export const DEFAULT_LATENCY_MODEL_CONFIG: LatencyModelConfig = {
  reference_rpu: 16,
  rpu_exponent: 0.7,
  parallelism_per_rpu: 0.25,
  admission_limit: null,
  noise_cv: 0,
  noise_seed: 0,
  profile_filename: null,
  default_isolated_latency_s: null,
};
