/**
 * The forecaster: synthetic scenario days drawn from a reservoir. Per target-day hour it pools
 * the templates of the policy's source days (weighted), decides arrival offsets (uniform at
 * the historical mean count, or walked from inter-arrival deciles), and assigns templates by
 * weighted sampling with replacement.
 */
import { InputError } from '@autoslo/config';
import { SeededRandom } from '../seeded-random.js';
import type { Trace } from '../trace.js';
import { DAY_MS, epochDayOf, HOUR_MS } from './epoch-day.js';
import { type SourceDay, sourceDaysFor } from './forecast-policy.js';
import { decileTable, sampleHourFromDeciles, type WeightedBin } from './interarrival-deciles.js';
import type { Reservoir } from './reservoir.js';

export type ArrivalTimePolicyName = 'uniform' | 'interarrival_deciles';

/** `sampling_config.forecaster_config` (snake_case as in the YAML); absent keys take defaults. */
export interface ForecasterSettings {
  readonly forecast_policy_name: string;
  /** Weekly weight decay for `same_day_exponential`, in [0, 1]. Default 0.5. */
  readonly decay_factor?: number;
  /** Default `uniform`. */
  readonly arrival_time_policy_name?: string;
  /** Gaps needed before deciles are trusted. Default 20. */
  readonly min_gaps_for_deciles?: number;
  /** Upper bound on arrivals in one forecast hour. Default 10000. */
  readonly max_arrivals_per_hour_safety_cap?: number;
}

/** One forecast scenario: its name (`t_0`, `v_3`, ...) and its trace. */
export interface ForecastScenario {
  readonly name: string;
  readonly seed: number;
  readonly trace: Trace;
}

interface ResolvedSettings {
  policy: string;
  decay: number;
  arrivals: ArrivalTimePolicyName;
  minGaps: number;
  cap: number;
}

function resolveSettings(settings: ForecasterSettings): ResolvedSettings {
  const arrivals = settings.arrival_time_policy_name ?? 'uniform';
  if (arrivals !== 'uniform' && arrivals !== 'interarrival_deciles') {
    throw new InputError({
      path: 'forecaster_config.arrival_time_policy_name',
      message: 'unknown arrival time policy',
      expected: 'uniform | interarrival_deciles',
      received: JSON.stringify(arrivals),
    });
  }
  return {
    policy: settings.forecast_policy_name,
    decay: settings.decay_factor ?? 0.5,
    arrivals,
    minGaps: settings.min_gaps_for_deciles ?? 20,
    cap: settings.max_arrivals_per_hour_safety_cap ?? 10_000,
  };
}

/** Weighted mean of the source days' query counts in the hour, rounded. */
function meanCount(reservoir: Reservoir, sources: readonly SourceDay[], hour: number): number {
  let weighted = 0;
  let weights = 0;
  for (const { day, weight } of sources) {
    weighted += weight * reservoir.total(day, hour);
    weights += weight;
  }
  return weights > 0 ? Math.round(weighted / weights) : 0;
}

function uniformOffsets(n: number, rng: SeededRandom): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < n; i++) offsets.push(rng.next() * 3600);
  return offsets.sort((a, b) => a - b);
}

function allDays(reservoir: Reservoir): number[] {
  const days: number[] = [];
  for (let day = reservoir.firstDay; day <= reservoir.lastDay; day++) days.push(day);
  return days;
}

/** Decile table with the reference's fall-backs: policy days, all days, neighbouring hours. */
function decilesFor(
  reservoir: Reservoir,
  sources: readonly SourceDay[],
  hour: number,
  minGaps: number,
): Float64Array | null {
  const policyBins = sources.map(({ day, weight }) => ({
    offsets: reservoir.arrivals(day, hour),
    weight,
  }));
  const fromPolicy = decileTable(policyBins, minGaps);
  if (fromPolicy) return fromPolicy;
  const days = allDays(reservoir);
  const sameHour = days.map((day) => ({ offsets: reservoir.arrivals(day, hour), weight: 1 }));
  const fromHistory = decileTable(sameHour, minGaps);
  if (fromHistory) return fromHistory;
  const near: WeightedBin[] = [];
  for (let h = Math.max(0, hour - 1); h <= Math.min(23, hour + 1); h++) {
    for (const day of days) near.push({ offsets: reservoir.arrivals(day, h), weight: 1 });
  }
  return decileTable(near, minGaps);
}

/** Template pool of the hour: ids in first-seen order with cumulative weights. */
function templatePool(reservoir: Reservoir, sources: readonly SourceDay[], hour: number) {
  const weights = new Map<string, number>();
  for (const { day, weight } of sources) {
    for (const [id, count] of reservoir.counts(day, hour)) {
      weights.set(id, (weights.get(id) ?? 0) + weight * count);
    }
  }
  const ids: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [id, weight] of weights) {
    if (!(weight > 0)) continue;
    total += weight;
    ids.push(id);
    cumulative.push(total);
  }
  return { ids, cumulative, total };
}

function pick(pool: ReturnType<typeof templatePool>, rng: SeededRandom): string {
  const x = rng.next() * pool.total;
  let lo = 0;
  let hi = pool.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pool.cumulative[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return pool.ids[lo] as string;
}

/**
 * Forecast one day (`targetDate`, `YYYY-MM-DD` UTC) from the reservoir with a seeded RNG.
 * Rows get query ids 0..n-1 and repetition id 0; the latency column, when the history has
 * one, holds each template's mean isolated latency over the window.
 * @throws InputError for an unknown policy name or a bad date.
 */
export function forecastDay(
  reservoir: Reservoir,
  settings: ForecasterSettings,
  targetDate: string,
  seed: number,
): Trace {
  const resolved = resolveSettings(settings);
  const targetDay = epochDayOf(targetDate, 'workload_config.target_date');
  const rng = new SeededRandom(seed);
  const starts: number[] = [];
  const ids: string[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const sources = sourceDaysFor(resolved.policy, targetDay, reservoir, resolved.decay);
    const pool = templatePool(reservoir, sources, hour);
    if (pool.total <= 0) continue;
    let offsets: number[] | null = null;
    if (resolved.arrivals === 'interarrival_deciles') {
      const table = decilesFor(reservoir, sources, hour, resolved.minGaps);
      if (table) offsets = sampleHourFromDeciles(table, rng, resolved.cap);
    }
    offsets ??= uniformOffsets(Math.min(resolved.cap, meanCount(reservoir, sources, hour)), rng);
    const hourStartMs = targetDay * DAY_MS + hour * HOUR_MS;
    for (const offset of offsets) {
      // Whole milliseconds, so a Parquet round trip reproduces the trace exactly.
      starts.push(hourStartMs + Math.floor(offset * 1000));
      ids.push(pick(pool, rng));
    }
  }
  const n = starts.length;
  let latency: Float64Array | null = null;
  if (reservoir.hasLatencyColumn) {
    latency = new Float64Array(n);
    for (let i = 0; i < n; i++)
      latency[i] = reservoir.isolatedLatencyOf(ids[i] as string) as number;
  }
  const queryId = new Float64Array(n);
  for (let i = 0; i < n; i++) queryId[i] = i;
  return {
    length: n,
    queryId,
    absStartMs: Float64Array.from(starts),
    queryTextId: ids,
    repetitionId: new Int32Array(n),
    isolatedLatencyS: latency,
  };
}

/**
 * `count` scenarios named `<prefix>_<i>` with seeds `firstSeed + i`, as the reference's
 * `forecast_n_scenarios`.
 */
export function forecastScenarios(
  reservoir: Reservoir,
  settings: ForecasterSettings,
  targetDate: string,
  options: { readonly prefix: string; readonly count: number; readonly firstSeed: number },
): ForecastScenario[] {
  const scenarios: ForecastScenario[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = options.firstSeed + i;
    scenarios.push({
      name: `${options.prefix}_${i}`,
      seed,
      trace: forecastDay(reservoir, settings, targetDate, seed),
    });
  }
  return scenarios;
}
