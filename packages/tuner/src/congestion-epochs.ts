/**
 * Congestion epochs: the stretches of time where enough training scenarios are delinquent at
 * once. A scenario is delinquent while the mean violation of its in-flight queries exceeds
 * the tuning threshold. Each scenario's events are swept on their own into the instants
 * where its state changes; one sweep over those changes finds the epochs.
 */
import { argsortFloat64 } from './argsort-float64.js';
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

/**
 * One scenario's delinquency as a step function: the instants where its state (judged after
 * every event at that instant) changes, and the state from then on. Its events sort on
 * their own (cache-sized), so the whole sweep never sorts every query of every scenario.
 */
function delinquencyChanges(
  t: QueryTimeline,
  threshold: number,
): { time: Float64Array; state: Uint8Array; count: number; lastS: number } {
  const n = t.arrivalS.length;
  // Events in index order (arrival, completion of query 0, then of query 1, ...).
  const time = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    time[2 * i] = t.arrivalS[i] as number;
    time[2 * i + 1] = t.completionS[i] as number;
  }
  const order = argsortFloat64(time);
  const changeTime = new Float64Array(2 * n);
  const changeState = new Uint8Array(2 * n);
  let changes = 0;
  let active = 0;
  let sum = 0;
  let delinquent = 0;
  let k = 0;
  const total = 2 * n;
  while (k < total) {
    const now = time[order[k] as number] as number;
    while (k < total && time[order[k] as number] === now) {
      const e = order[k++] as number;
      const v = t.violation[e >> 1] as number;
      const delta = (e & 1) === 0 ? 1 : -1;
      active += delta;
      sum = active === 0 ? 0 : sum + delta * v;
    }
    const state = active > 0 && sum / active > threshold ? 1 : 0;
    if (state !== delinquent) {
      changeTime[changes] = now;
      changeState[changes++] = state;
      delinquent = state;
    }
  }
  const lastS =
    total === 0 ? Number.NEGATIVE_INFINITY : (time[order[total - 1] as number] as number);
  return { time: changeTime, state: changeState, count: changes, lastS };
}

/** Maximal intervals (of non-zero length) with at least `needed` delinquent scenarios. */
export function congestionEpochs(
  timelines: readonly QueryTimeline[],
  threshold: number,
  needed: number,
): CongestionEpoch[] {
  const perScenario = timelines.map((t) => delinquencyChanges(t, threshold));
  let total = 0;
  let lastS = Number.NEGATIVE_INFINITY;
  for (const p of perScenario) {
    total += p.count;
    lastS = Math.max(lastS, p.lastS);
  }
  const epochs: CongestionEpoch[] = [];
  if (lastS === Number.NEGATIVE_INFINITY) return epochs;
  // Every scenario's state changes, plus the last event instant (nothing is congested past
  // it), in time order.
  const time = new Float64Array(total + 1);
  const delta = new Int8Array(total + 1);
  let e = 0;
  for (const p of perScenario) {
    for (let i = 0; i < p.count; i++) {
      time[e] = p.time[i] as number;
      delta[e++] = p.state[i] === 1 ? 1 : -1;
    }
  }
  time[e] = lastS;
  delta[e] = 0;
  const order = argsortFloat64(time);
  let delinquentCount = 0;
  let epochStart: number | null = null;
  let k = 0;
  while (k <= total) {
    const now = time[order[k] as number] as number;
    while (k <= total && time[order[k] as number] === now) {
      delinquentCount += delta[order[k++] as number] as number;
    }
    const congested = delinquentCount >= needed && now < lastS;
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
