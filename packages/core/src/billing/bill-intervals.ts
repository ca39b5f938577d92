/** Batch billing of one cluster's query execution intervals (reference algorithm). */
import { type BilledInterval, BillingAccumulator } from './billing-accumulator.js';

export interface ClusterBill {
  readonly billedSeconds: number;
  readonly intervals: BilledInterval[];
}

/**
 * Bills `[start, end]` execution intervals of one cluster: sorted by (start, end), merged
 * into busy groups, each charged max(60, ceil(duration)) seconds. No intervals, no charge.
 */
export function billIntervals(intervals: Iterable<readonly [number, number]>): ClusterBill {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const accumulator = new BillingAccumulator();
  for (const [start, end] of sorted) accumulator.add(start, end);
  return { billedSeconds: accumulator.billedSeconds(), intervals: accumulator.intervals() };
}
