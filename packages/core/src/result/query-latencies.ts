/** Per-query latencies of a run, derived from its structured log (arrival -> completion). */
import { InputError } from '@autoslo/config';
import type { StructuredLog } from '../log/structured-log.js';
import { roundDecimals } from '../slo/round-decimals.js';

/** `"success": false` in a completion's details JSON (ours or Python's spacing), without parsing. */
const FAILED = /"success"\s*:\s*false/;

/** Completed queries in arrival order, one entry per query in each column. */
export interface QueryLatencies {
  readonly length: number;
  readonly queryId: Float64Array;
  readonly queryTextId: readonly (string | null)[];
  readonly arrivalS: Float64Array;
  readonly completionS: Float64Array;
  /** completion − arrival, rounded to 3 decimals as the reference does. */
  readonly latencyS: Float64Array;
  /** Whether the completion reported success (`details.success`, true when absent). */
  readonly success: Uint8Array;
}

export interface ExtractOptions {
  /** Keep latencies unrounded (SLO tables are built from exact latencies). */
  readonly exact?: boolean;
  /** File name for error messages. */
  readonly file?: string;
}

/**
 * Pairs `arrival` and `completion` events by query id. Queries that never completed are
 * left out (only completed queries count).
 * @throws InputError on a duplicate (query_id, event_type) pair or a completion without arrival.
 */
export function extractQueryLatencies(
  log: StructuredLog,
  options: ExtractOptions = {},
): QueryLatencies {
  const arrivals = new Map<number, number>();
  const completions = new Map<number, number>();
  for (let i = 0; i < log.length; i++) {
    const type = log.eventType(i);
    if (type !== 'arrival' && type !== 'completion') continue;
    const id = log.queryId(i);
    if (id === null) continue;
    const target = type === 'arrival' ? arrivals : completions;
    if (target.has(id)) {
      throw new InputError({
        ...(options.file !== undefined ? { file: options.file } : {}),
        path: `row ${i}`,
        message: `duplicate ${type} event for query_id ${id}`,
      });
    }
    target.set(id, i);
  }
  const rows: [number, number][] = [];
  for (const [id, completionRow] of completions) {
    const arrivalRow = arrivals.get(id);
    if (arrivalRow === undefined) {
      throw new InputError({
        ...(options.file !== undefined ? { file: options.file } : {}),
        path: `row ${completionRow}`,
        message: `completion of query_id ${id} has no arrival event`,
      });
    }
    rows.push([arrivalRow, completionRow]);
  }
  rows.sort((a, b) => log.relTimeS(a[0]) - log.relTimeS(b[0]) || a[0] - b[0]);
  const n = rows.length;
  const out = {
    length: n,
    queryId: new Float64Array(n),
    queryTextId: new Array<string | null>(n),
    arrivalS: new Float64Array(n),
    completionS: new Float64Array(n),
    latencyS: new Float64Array(n),
    success: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const [a, c] = rows[k] as [number, number];
    const arrival = log.relTimeS(a);
    const completion = log.relTimeS(c);
    out.queryId[k] = log.queryId(a) as number;
    out.queryTextId[k] = log.queryTextId(a) ?? log.queryTextId(c);
    out.arrivalS[k] = arrival;
    out.completionS[k] = completion;
    out.latencyS[k] = options.exact ? completion - arrival : roundDecimals(completion - arrival, 3);
    const details = log.detailsJson(c);
    out.success[k] = details !== null && FAILED.test(details) ? 0 : 1;
  }
  return out;
}

/** Rows `[start, end)` of a latency table, as copies. */
export function sliceQueryLatencies(
  q: QueryLatencies,
  start: number,
  end = q.length,
): QueryLatencies {
  const from = Math.max(0, Math.min(start, q.length));
  const to = Math.max(from, Math.min(end, q.length));
  return {
    length: to - from,
    queryId: q.queryId.slice(from, to),
    queryTextId: q.queryTextId.slice(from, to),
    arrivalS: q.arrivalS.slice(from, to),
    completionS: q.completionS.slice(from, to),
    latencyS: q.latencyS.slice(from, to),
    success: q.success.slice(from, to),
  };
}
