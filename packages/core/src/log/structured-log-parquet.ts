/**
 * The one Parquet schema of a structured log, readable by DuckDB, pandas and hyparquet:
 * every writer (a whole `StructuredLog`, or the simulator's streamed row groups) builds its
 * columns here, so simulated and live logs have the same column types.
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { DictionaryColumn } from './columns.js';
import type { StructuredLog } from './structured-log.js';

/** One row group's values, column by column; NaN and null are null in the file. */
export interface StructuredLogColumnValues {
  /** Null for the whole group (simulations), else epoch seconds per row. */
  readonly wallClockS: ArrayLike<number> | null;
  readonly relTimeS: Float64Array;
  readonly source: readonly (string | null)[];
  readonly eventType: readonly (string | null)[];
  /** Integer query ids; NaN for none. */
  readonly queryId: ArrayLike<number>;
  readonly queryTextId: readonly (string | null)[];
  readonly clusterName: readonly (string | null)[];
  /** JSON text of each row's details. */
  readonly details: readonly (string | null)[];
}

function nullableDoubles(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** Integer ids as INT64 (BIGINT, as the workload's `query_id`); NaN is null. */
function nullableInt64(values: ArrayLike<number>): (bigint | null)[] {
  const out = new Array<bigint | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? null : BigInt(v);
  }
  return out;
}

/** The log's columns in the reference's order, with their Parquet types. */
export function structuredLogColumnData(v: StructuredLogColumnValues): ColumnSource[] {
  const n = v.relTimeS.length;
  return [
    {
      name: 'wall_clock_s',
      data: v.wallClockS === null ? new Array<null>(n).fill(null) : nullableDoubles(v.wallClockS),
      type: 'DOUBLE',
    },
    { name: 'rel_time_s', data: v.relTimeS, type: 'DOUBLE', nullable: false },
    { name: 'source', data: v.source as (string | null)[], type: 'STRING', nullable: false },
    { name: 'event_type', data: v.eventType as (string | null)[], type: 'STRING', nullable: false },
    { name: 'query_id', data: nullableInt64(v.queryId), type: 'INT64' },
    { name: 'query_text_id', data: v.queryTextId as (string | null)[], type: 'STRING' },
    { name: 'cluster_name', data: v.clusterName as (string | null)[], type: 'STRING' },
    { name: 'details', data: v.details as (string | null)[], type: 'STRING' },
  ];
}

function strings(column: DictionaryColumn, n: number): (string | null)[] {
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) out[i] = column.get(i);
  return out;
}

export function structuredLogToParquet(log: StructuredLog): Uint8Array {
  const n = log.length;
  const c = log.columns();
  let anyWallClock = false;
  for (let i = 0; i < n && !anyWallClock; i++)
    anyWallClock = !Number.isNaN(c.wallClockS[i] as number);
  const columnData = structuredLogColumnData({
    wallClockS: anyWallClock ? c.wallClockS : null,
    relTimeS: Float64Array.from(c.relTimeS),
    source: strings(c.source, n),
    eventType: strings(c.eventType, n),
    queryId: c.queryId,
    queryTextId: strings(c.queryTextId, n),
    clusterName: strings(c.clusterName, n),
    details: c.details.slice(0, n),
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'autoslo-ts' }));
}
