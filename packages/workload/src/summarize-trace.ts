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

export function summarizeTrace(trace: Trace): TraceSummary {
  const n = trace.length;
  const first = trace.absStartMs[0] ?? 0;
  const last = trace.absStartMs[n - 1] ?? 0;
  const perDay = new Map<number, number>();
  const perHour = new Map<number, number>();
  const texts = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = trace.absStartMs[i] as number;
    const day = Math.floor(t / DAY_MS);
    const hour = Math.floor(t / HOUR_MS);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
    texts.add(trace.queryTextId[i] as string);
  }
  const templates = new Set<string>();
  for (const text of texts) {
    const parts = parseQueryTextId(text);
    templates.add(parts ? String(parts.template) : text);
  }
  let peakHour = 0;
  let peakCount = 0;
  for (const [hour, count] of perHour) {
    if (count > peakCount || (count === peakCount && hour < peakHour)) {
      peakHour = hour;
      peakCount = count;
    }
  }
  let known = 0;
  if (trace.isolatedLatencyS) for (const x of trace.isolatedLatencyS) if (!Number.isNaN(x)) known++;
  const spanS = (last - first) / 1000;
  return {
    rows: n,
    schema: n > 0 ? schemaOf(trace.queryTextId[0] as string) : '',
    firstArrival: new Date(first).toISOString(),
    lastArrival: new Date(last).toISOString(),
    days: perDay.size,
    templates: templates.size,
    queryTexts: texts.size,
    meanRatePerS: spanS > 0 ? n / spanS : 0,
    meanPerDay: perDay.size > 0 ? n / perDay.size : 0,
    peakHourCount: peakCount,
    peakHourStart: new Date(peakHour * HOUR_MS).toISOString(),
    isolatedLatencyCoverage: n > 0 ? known / n : 0,
    perDay: [...perDay.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([day, count]) => ({ date: formatDate(day * DAY_MS), count })),
  };
}
