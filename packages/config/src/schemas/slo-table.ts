import * as v from 'valibot';
import { aggregationMethod, int, positive } from './_common.js';

/**
 * An SLO table file (`slos/*.yml`, reference §5.2): per-template SLO seconds in `slo_dict`
 * keyed by the 3-digit template id. The older header keys (`rpu`, `baseline_percentile`)
 * are accepted too.
 */
export const SloTableFileSchema = v.strictObject({
  run_id: v.optional(
    v.nullable(v.pipe(v.union([v.string(), v.number()]), v.transform(String))),
    null,
  ),
  agg_method: v.optional(v.nullable(aggregationMethod()), null),
  /** kappa: the SLO is the baseline latency times this. */
  multiplier: v.optional(v.nullable(positive()), null),
  num_templates: v.optional(v.nullable(v.pipe(int(), v.minValue(0))), null),
  rpu: v.optional(v.nullable(positive()), null),
  baseline_percentile: v.optional(v.nullable(v.number()), null),
  slo_dict: v.record(
    v.pipe(v.string(), v.regex(/^\d+$/, 'must be a template id of digits, e.g. 042')),
    v.pipe(v.number(), v.minValue(0)),
  ),
});
export type SloTableFile = v.InferOutput<typeof SloTableFileSchema>;
