/**
 * Inter-arrival deciles: an 11-point weighted quantile table of the gaps between arrivals
 * within an hour, and a sampler that walks the hour with gaps drawn from it. The hourly count
 * emerges from the gaps, so bursts and lulls of the history carry over.
 */
import type { SeededRandom } from '../seeded-random.js';

const MIN_GAP_S = 0.001;
const HOUR_S = 3600;

/** Arrival offsets of one history bin with the weight its day carries. */
export interface WeightedBin {
  readonly offsets: Float64Array;
  readonly weight: number;
}

/**
 * Gaps of each bin, measured from the top of the hour and clipped to [1 ms, 3600 s]; each gap
 * weighs `weight / N` so every bin contributes its weight in total. Returns null when fewer
 * than `minGaps` gaps exist (the caller falls back to wider history).
 */
export function decileTable(bins: readonly WeightedBin[], minGaps: number): Float64Array | null {
  const gaps: number[] = [];
  const weights: number[] = [];
  for (const { offsets, weight } of bins) {
    const n = offsets.length;
    if (n === 0 || !(weight > 0)) continue;
    let previous = 0;
    for (let i = 0; i < n; i++) {
      const offset = offsets[i] as number;
      gaps.push(Math.min(HOUR_S, Math.max(MIN_GAP_S, offset - previous)));
      weights.push(weight / n);
      previous = offset;
    }
  }
  if (gaps.length === 0 || gaps.length < minGaps) return null;
  const order = gaps.map((_, i) => i).sort((a, b) => (gaps[a] as number) - (gaps[b] as number));
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Interpolate the sorted gaps against their cumulative weight fraction (numpy.interp style:
  // quantiles below the first point take the smallest gap, above the last the largest).
  const xs: number[] = [];
  const ys: number[] = [];
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i] as number;
    xs.push(cumulative / total);
    ys.push(gaps[i] as number);
  }
  const table = new Float64Array(11);
  for (let k = 0; k <= 10; k++) table[k] = interpolate(k / 10, xs, ys);
  table[0] = ys[0] as number;
  for (let k = 1; k <= 10; k++) table[k] = Math.max(table[k] as number, table[k - 1] as number);
  return table;
}

function interpolate(q: number, xs: readonly number[], ys: readonly number[]): number {
  if (q <= (xs[0] as number)) return ys[0] as number;
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (q <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      const y1 = ys[i] as number;
      return x1 === x0 ? y1 : y0 + ((q - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return ys[ys.length - 1] as number;
}

/**
 * Offsets within one hour: draw u, take decile interval floor(10u), interpolate between its
 * bounds in log space, advance a clock by that gap; stop at the end of the hour or the cap.
 */
export function sampleHourFromDeciles(
  table: Float64Array,
  rng: SeededRandom,
  safetyCap: number,
): number[] {
  const logs = Array.from(table, (g) => Math.log(g));
  const offsets: number[] = [];
  let clock = 0;
  while (offsets.length < safetyCap) {
    const u = rng.next() * 10;
    const k = Math.min(9, Math.floor(u));
    const lo = logs[k] as number;
    const hi = logs[k + 1] as number;
    clock += Math.exp(lo + (u - k) * (hi - lo));
    if (clock >= HOUR_S) break;
    offsets.push(clock);
  }
  return offsets;
}
