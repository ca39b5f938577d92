import * as v from 'valibot';
import { positive } from './_common.js';

export const SLO_METRICS = ['binary', 'absolute_s', 'relative', 'relative_unconstrained'] as const;
export type SloMetricName = (typeof SLO_METRICS)[number];

/** `slo_objective_config`: the metric and the feasibility threshold (`<=` is met). */
export const SloObjectiveConfigSchema = v.strictObject({
  slo_metric: v.optional(v.picklist(SLO_METRICS), 'binary'),
  // `.nan` is refused by v.number(); `.inf` would make every run meet any objective.
  slo_threshold: v.optional(v.pipe(v.number(), v.finite('must be a finite number')), 0.05),
});
export type SloObjectiveConfig = v.InferOutput<typeof SloObjectiveConfigSchema>;

/** `slo_resolver_config`: per-template SLOs from a table under `slos/`, default `slo_s`. */
export const SloResolverConfigSchema = v.strictObject({
  slo_s: v.optional(v.pipe(v.number(), v.minValue(0)), 10.0),
  slo_dict_filename: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1))), null),
  /** Multiplies both the default and every table entry. */
  slo_tightening_factor: v.optional(positive(), 1.0),
});
export type SloResolverConfig = v.InferOutput<typeof SloResolverConfigSchema>;
