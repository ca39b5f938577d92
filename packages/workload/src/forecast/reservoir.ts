/**
 * The workload reservoir: the history window of a trace reduced to what the forecaster needs,
 * per (day, hour) bin the template counts and the arrival offsets within the hour.
 */
import { InputError } from '@autoslo/config';
import type { Trace } from '../trace.js';
import { DAY_MS, epochDayOf, HOUR_MS } from './epoch-day.js';

/** The history window, keys as in `reservoir_config`. */
export interface ReservoirWindow {
  /** Last day of history, `YYYY-MM-DD` (UTC), usually the target day minus one. */
  readonly last_day_date_inclusive: string;
  /** Days of history ending at `last_day_date_inclusive`. */
  readonly num_days: number;
}

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();
const EMPTY_OFFSETS = new Float64Array(0);

export class Reservoir {
  /** First and last history day, whole days since the epoch (UTC), inclusive. */
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly countBins: Map<string, number>[];
  private readonly offsetBins: Float64Array[];
  private readonly meanLatency: ReadonlyMap<string, number> | null;

  constructor(
    firstDay: number,
    lastDay: number,
    countBins: Map<string, number>[],
    offsetBins: Float64Array[],
    meanLatency: ReadonlyMap<string, number> | null,
  ) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.countBins = countBins;
    this.offsetBins = offsetBins;
    this.meanLatency = meanLatency;
  }

  get numDays(): number {
    return this.lastDay - this.firstDay + 1;
  }

  /** Whether `day` lies inside the history window (a day in it may still have no queries). */
  hasDay(day: number): boolean {
    return day >= this.firstDay && day <= this.lastDay;
  }

  /** Queries per template in the bin; empty outside the window. */
  counts(day: number, hour: number): ReadonlyMap<string, number> {
    return this.hasDay(day)
      ? (this.countBins[this.binOf(day, hour)] ?? EMPTY_COUNTS)
      : EMPTY_COUNTS;
  }

  /** Sorted arrival offsets within the hour, seconds in [0, 3600). */
  arrivals(day: number, hour: number): Float64Array {
    return this.hasDay(day)
      ? (this.offsetBins[this.binOf(day, hour)] ?? EMPTY_OFFSETS)
      : EMPTY_OFFSETS;
  }

  /** Number of queries in the bin. */
  total(day: number, hour: number): number {
    return this.arrivals(day, hour).length;
  }

  /**
   * Mean isolated latency of a template over the window, so forecast rows keep the latency
   * column of the history; NaN when unknown, null when the history has no such column.
   */
  isolatedLatencyOf(queryTextId: string): number | null {
    if (this.meanLatency === null) return null;
    return this.meanLatency.get(queryTextId) ?? Number.NaN;
  }

  get hasLatencyColumn(): boolean {
    return this.meanLatency !== null;
  }

  private binOf(day: number, hour: number): number {
    return (day - this.firstDay) * 24 + hour;
  }
}

/** First index i with values[i] >= x (values sorted ascending). */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Build the reservoir of `trace` over `[last_day + 1 - num_days, last_day]` (UTC days).
 * @throws InputError when the window is malformed.
 */
export function buildReservoir(trace: Trace, window: ReservoirWindow): Reservoir {
  const lastDay = epochDayOf(
    window.last_day_date_inclusive,
    'reservoir_config.last_day_date_inclusive',
  );
  if (!Number.isInteger(window.num_days) || window.num_days < 1) {
    throw new InputError({
      path: 'reservoir_config.num_days',
      message: 'the history window needs at least one day',
      expected: 'an integer >= 1',
      received: String(window.num_days),
    });
  }
  const firstDay = lastDay - window.num_days + 1;
  const numBins = window.num_days * 24;
  const countBins: Map<string, number>[] = Array.from({ length: numBins }, () => new Map());
  const offsets: number[][] = Array.from({ length: numBins }, () => []);
  const latencySum = new Map<string, number>();
  const latencyN = new Map<string, number>();
  const latency = trace.isolatedLatencyS;

  const start = lowerBound(trace.absStartMs, firstDay * DAY_MS);
  const end = lowerBound(trace.absStartMs, (lastDay + 1) * DAY_MS);
  for (let i = start; i < end; i++) {
    const rel = (trace.absStartMs[i] as number) - firstDay * DAY_MS;
    const bin = Math.floor(rel / HOUR_MS);
    const id = trace.queryTextId[i] as string;
    const counts = countBins[bin] as Map<string, number>;
    counts.set(id, (counts.get(id) ?? 0) + 1);
    (offsets[bin] as number[]).push((rel - bin * HOUR_MS) / 1000);
    if (latency !== null) {
      const value = latency[i] as number;
      if (!Number.isNaN(value)) {
        latencySum.set(id, (latencySum.get(id) ?? 0) + value);
        latencyN.set(id, (latencyN.get(id) ?? 0) + 1);
      }
    }
  }
  let meanLatency: Map<string, number> | null = null;
  if (latency !== null) {
    meanLatency = new Map();
    for (const [id, sum] of latencySum) meanLatency.set(id, sum / (latencyN.get(id) as number));
  }
  // The trace is sorted, so each bin's offsets already ascend.
  const offsetBins = offsets.map((list) => Float64Array.from(list));
  return new Reservoir(firstDay, lastDay, countBins, offsetBins, meanLatency);
}
