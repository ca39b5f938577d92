import * as v from 'valibot';
import { isoDate, positive } from './_common.js';

/** `workload_config`: which trace to run and how to slice and rescale it (reference §4.1). */
export const WorkloadConfigSchema = v.strictObject({
  /** Parquet/CSV file stem under `workload_dir`. */
  workload_name: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** Directory of workload files, relative to the data dir; `null` means `<data dir>/workloads`. */
  workload_dir: v.optional(v.nullable(v.string()), null),
  /** Keep only arrivals on this UTC day; `null` keeps every row. */
  target_date: v.optional(v.nullable(isoDate()), null),
  /** relative time = (abs - min abs) x rescale_factor; 0.16666667 compresses 24 h into 4 h. */
  rescale_factor: v.optional(positive(), 1.0),
});
export type WorkloadConfig = v.InferOutput<typeof WorkloadConfigSchema>;
export type WrittenWorkloadConfig = v.InferInput<typeof WorkloadConfigSchema>;
