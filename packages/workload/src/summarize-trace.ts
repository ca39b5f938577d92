/** The figures `autoslo workload info` prints about a trace. */
import { formatDate } from './io/timestamp.js';
import { parseQueryTextId, schemaOf } from './query-text-id.js';
import type { Trace } from './trace.js';

export interface TraceSummary {
  rows: number;
  schema: string;
  /** First and last arrival, ISO 8601 UTC. */
  firstArrival: string;
  lastArrival: string;
  /** Distinct UTC dates with at least one arrival. */
  days: number;
  /** Distinct templates and query texts. */
  templates: number;
  queryTexts: number;
  /** Arrivals per second over first..last arrival. */
  meanRatePerS: number;
  /** Mean arrivals per day with arrivals. */
  meanPerDay: number;
  /** Most arrivals in one clock hour, and its start. */
  peakHourCount: number;
  peakHourStart: string;
  /** Share of rows with a known isolated latency (0 without that column). */
  isolatedLatencyCoverage: number;
  /** Arrivals per UTC date, in date order. */
  perDay: { date: string; count: number }[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Accumulates the summary over parts of a trace (row groups of a file read one at a time),
 * holding only per-hour counts and the distinct texts, never the rows.
 */
export class TraceSummaryBuilder {
  private n = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly perDay = new Map<number, number>();
  private readonly perHour = new Map<number, number>();
  private readonly texts = new Set<string>();
  private known = 0;
  private schema = '';

  /** Adds rows given as columns (any order; `isolatedLatencyS` null when the file has none). */
  add(
    absStartMs: ArrayLike<number>,
    queryTextId: ArrayLike<string>,
    isolatedLatencyS: ArrayLike<number> | null,
  ): void {
    const n = absStartMs.length;
    for (let i = 0; i < n; i++) {
      const t = absStartMs[i] as number;
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
      const day = Math.floor(t / DAY_MS);
      const hour = Math.floor(t / HOUR_MS);
      this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
      this.perHour.set(hour, (this.perHour.get(hour) ?? 0) + 1);
      this.texts.add(queryTextId[i] as string);
    }
    if (this.n === 0 && n > 0) this.schema = schemaOf(queryTextId[0] as string);
    if (isolatedLatencyS)
      for (let i = 0; i < n; i++) if (!Number.isNaN(isolatedLatencyS[i] as number)) this.known++;
    this.n += n;
  }

  result(): TraceSummary {
    const n = this.n;
    const first = n > 0 ? this.first : 0;
    const last = n > 0 ? this.last : 0;
    const templates = new Set<string>();
    for (const text of this.texts) {
      const parts = parseQueryTextId(text);
      templates.add(parts ? String(parts.template) : text);
    }
    let peakHour = 0;
    let peakCount = 0;
    for (const [hour, count] of this.perHour) {
      if (count > peakCount || (count === peakCount && hour < peakHour)) {
        peakHour = hour;
        peakCount = count;
      }
    }
    const spanS = (last - first) / 1000;
    return {
      rows: n,
      schema: this.schema,
      firstArrival: new Date(first).toISOString(),
      lastArrival: new Date(last).toISOString(),
      days: this.perDay.size,
      templates: templates.size,
      queryTexts: this.texts.size,
      meanRatePerS: spanS > 0 ? n / spanS : 0,
      meanPerDay: this.perDay.size > 0 ? n / this.perDay.size : 0,
      peakHourCount: peakCount,
      peakHourStart: new Date(peakHour * HOUR_MS).toISOString(),
      isolatedLatencyCoverage: n > 0 ? this.known / n : 0,
      perDay: [...this.perDay.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([day, count]) => ({ date: formatDate(day * DAY_MS), count })),
    };
  }
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const b = new TraceSummaryBuilder();
  b.add(trace.absStartMs, trace.queryTextId, trace.isolatedLatencyS);
  return b.result();
}
