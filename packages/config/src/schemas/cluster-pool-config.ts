import * as v from 'valibot';
import { int, nonNegative, positiveInt, rpuSize } from './_common.js';

/** `managed_cluster_pool_config` (reference §4.6). */
export const ManagedClusterPoolConfigSchema = v.strictObject({
  /** Clusters present (READY) at t = 0. */
  initial_rpus: v.array(rpuSize()),
  /** Cap on the pool; must cover `initial_rpus` plus the scheduled spin-ups. `null` = none. */
  max_clusters: v.optional(v.nullable(positiveInt()), null),
  maxconns: v.optional(positiveInt(), 1000),
  /** Injected by the reference (= number of scheduled spin-ups); accepted, not required. */
  num_reserved_clusters: v.optional(v.nullable(v.pipe(int(), v.minValue(0)))),
});
export type ManagedClusterPoolConfig = v.InferOutput<typeof ManagedClusterPoolConfigSchema>;

/** One entry of `scheduled_spinups`: request one cluster of `rpu` at `rel_time_s`. */
export const ScheduledSpinupSchema = v.strictObject({
  rel_time_s: nonNegative(),
  rpu: rpuSize(),
});
export type ScheduledSpinup = v.InferOutput<typeof ScheduledSpinupSchema>;
