/**
 * The q-quantile (0..1) of ascending `sorted`, linearly interpolated as `numpy.quantile`
 * does by default; NaN for none. Core's `quantile` (SLO tables, scenario aggregation) and the
 * Redset latency profile's `percentile` both read it.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  // At an exact position the value itself (also when its neighbour is infinite).
  return frac === 0 ? a : a + (b - a) * frac;
}
