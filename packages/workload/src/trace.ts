/**
 * The columnar workload trace: one typed array per column, so a million-row
 * trace loads, slices and crosses worker threads without per-row objects.
 */

/** A workload trace, rows sorted by arrival time. */
export interface Trace {
  readonly length: number;
  /** Unique per row. Integers, held as doubles (exact up to 2^53). */
  readonly queryId: Float64Array;
  /** Arrival time, UTC epoch milliseconds, ascending. */
  readonly absStartMs: Float64Array;
  /** `<schema>#<TTT>#<VVV>`, e.g. `tpcds#042#001`; one schema per trace. */
  readonly queryTextId: string[];
  /** Groups recurring instances of the same query. */
  readonly repetitionId: Int32Array;
  /** Isolated latency in seconds when the source knows it (NaN = missing), else null. */
  readonly isolatedLatencyS: Float64Array | null;
}

/** One row of a trace, for code that builds traces a row at a time. */
export interface TraceRow {
  queryId: number;
  absStartMs: number;
  queryTextId: string;
  repetitionId: number;
  isolatedLatencyS?: number;
}

/**
 * Builds a trace from rows, sorted by arrival time (stable: equal times keep
 * their input order, so output is deterministic).
 */
export function traceFromRows(rows: readonly TraceRow[]): Trace {
  const order = rows.map((_, i) => i);
  order.sort(
    (a, b) => (rows[a] as TraceRow).absStartMs - (rows[b] as TraceRow).absStartMs || a - b,
  );
  const n = rows.length;
  const hasLatency = rows.some((r) => r.isolatedLatencyS !== undefined);
  const trace = {
    length: n,
    queryId: new Float64Array(n),
    absStartMs: new Float64Array(n),
    queryTextId: new Array<string>(n),
    repetitionId: new Int32Array(n),
    isolatedLatencyS: hasLatency ? new Float64Array(n) : null,
  };
  for (let k = 0; k < n; k++) {
    const row = rows[order[k] as number] as TraceRow;
    trace.queryId[k] = row.queryId;
    trace.absStartMs[k] = row.absStartMs;
    trace.queryTextId[k] = row.queryTextId;
    trace.repetitionId[k] = row.repetitionId;
    if (trace.isolatedLatencyS) trace.isolatedLatencyS[k] = row.isolatedLatencyS ?? Number.NaN;
  }
  return trace;
}

/** Rows `[start, end)` of a trace, as copies. */
export function sliceTrace(trace: Trace, start: number, end: number): Trace {
  return {
    length: Math.max(0, end - start),
    queryId: trace.queryId.slice(start, end),
    absStartMs: trace.absStartMs.slice(start, end),
    queryTextId: trace.queryTextId.slice(start, end),
    repetitionId: trace.repetitionId.slice(start, end),
    isolatedLatencyS: trace.isolatedLatencyS ? trace.isolatedLatencyS.slice(start, end) : null,
  };
}

/** Row `i` as an object (tests, debugging, small traces). */
export function traceRow(trace: Trace, i: number): TraceRow {
  const row: TraceRow = {
    queryId: trace.queryId[i] as number,
    absStartMs: trace.absStartMs[i] as number,
    queryTextId: trace.queryTextId[i] as string,
    repetitionId: trace.repetitionId[i] as number,
  };
  if (trace.isolatedLatencyS) row.isolatedLatencyS = trace.isolatedLatencyS[i] as number;
  return row;
}
