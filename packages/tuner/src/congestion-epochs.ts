/**
 * Congestion epochs: the stretches of time where enough training scenarios are delinquent at
 * once. A scenario is delinquent while the mean violation of its in-flight queries exceeds
 * the tuning threshold. One sweep over the merged start/end events of every scenario.
 */
import type { QueryTimeline } from './types.js';

export interface CongestionEpoch {
  readonly startS: number;
  readonly endS: number;
}

export interface PlacementOptions {
  /** The tuning objective's threshold on the aggregated metric. */
  readonly threshold: number;
  /** Share of scenarios that must be delinquent together. */
  readonly minDelinquentFraction: number;
  /** A spin-up goes this long before the epoch starts. */
  readonly leadTimeS: number;
  /** Candidates closer than this to the previous kept one are dropped; 0 keeps all. */
  readonly minSpacingS: number;
}

/** Maximal intervals (of non-zero length) with at least `needed` delinquent scenarios. */
export function congestionEpochs(
  timelines: readonly QueryTimeline[],
  threshold: number,
  needed: number,
): CongestionEpoch[] {
  // Events as parallel arrays: time, scenario, +1/-1, violation.
  let total = 0;
  for (const t of timelines) total += t.arrivalS.length * 2;
  const time = new Float64Array(total);
  const scenario = new Int32Array(total);
  const delta = new Int8Array(total);
  const value = new Float64Array(total);
  let e = 0;
  timelines.forEach((t, s) => {
    for (let i = 0; i < t.arrivalS.length; i++) {
      const v = t.violation[i] as number;
      time[e] = t.arrivalS[i] as number;
      scenario[e] = s;
      delta[e] = 1;
      value[e++] = v;
      time[e] = t.completionS[i] as number;
      scenario[e] = s;
      delta[e] = -1;
      value[e++] = v;
    }
  });
  const order = Array.from({ length: total }, (_, i) => i).sort(
    (a, b) => (time[a] as number) - (time[b] as number) || a - b,
  );
  const sum = new Float64Array(timelines.length);
  const active = new Int32Array(timelines.length);
  const delinquent = new Uint8Array(timelines.length);
  let delinquentCount = 0;
  const epochs: CongestionEpoch[] = [];
  let epochStart: number | null = null;
  let k = 0;
  while (k < total) {
    const now = time[order[k] as number] as number;
    // Apply every event at this instant before judging the interval that follows it.
    while (k < total && time[order[k] as number] === now) {
      const i = order[k++] as number;
      const s = scenario[i] as number;
      active[s] = (active[s] as number) + (delta[i] as number);
      sum[s] =
        (active[s] as number) === 0
          ? 0
          : (sum[s] as number) + (delta[i] as number) * (value[i] as number);
      const now_delinquent =
        (active[s] as number) > 0 && (sum[s] as number) / (active[s] as number) > threshold ? 1 : 0;
      if (now_delinquent !== delinquent[s]) {
        delinquentCount += now_delinquent ? 1 : -1;
        delinquent[s] = now_delinquent;
      }
    }
    const congested = delinquentCount >= needed && k < total;
    if (congested && epochStart === null) epochStart = now;
    if (!congested && epochStart !== null) {
      epochs.push({ startS: epochStart, endS: now });
      epochStart = null;
    }
  }
  return epochs;
}

/**
 * Candidate spin-up times: `max(0, epoch start - lead time)` per congestion epoch, in time
 * order, each at least `minSpacingS` after the previous kept one.
 */
export function placementTimes(
  timelines: readonly QueryTimeline[],
  options: PlacementOptions,
): number[] {
  if (timelines.length === 0) return [];
  const needed = Math.max(1, Math.ceil(options.minDelinquentFraction * timelines.length));
  const times: number[] = [];
  for (const epoch of congestionEpochs(timelines, options.threshold, needed)) {
    const candidate = Math.max(0, epoch.startS - options.leadTimeS);
    const last = times[times.length - 1];
    if (last !== undefined && options.minSpacingS > 0 && candidate - last < options.minSpacingS) {
      continue;
    }
    if (last !== undefined && candidate <= last) continue;
    times.push(candidate);
  }
  return times;
}
