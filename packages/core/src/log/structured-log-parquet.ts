/** Encodes a structured log as Parquet readable by DuckDB, pandas and hyparquet. */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { DictionaryColumn } from './columns.js';
import type { StructuredLog } from './structured-log.js';

function nullableDoubles(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

function strings(column: DictionaryColumn, n: number): (string | null)[] {
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) out[i] = column.get(i);
  return out;
}

export function structuredLogToParquet(log: StructuredLog): Uint8Array {
  const n = log.length;
  const c = log.columns();
  const columnData: ColumnSource[] = [
    { name: 'wall_clock_s', data: nullableDoubles(c.wallClockS), type: 'DOUBLE' },
    { name: 'rel_time_s', data: Float64Array.from(c.relTimeS), type: 'DOUBLE', nullable: false },
    { name: 'source', data: strings(c.source, n), type: 'STRING', nullable: false },
    { name: 'event_type', data: strings(c.eventType, n), type: 'STRING', nullable: false },
    { name: 'query_id', data: nullableDoubles(c.queryId), type: 'DOUBLE' },
    { name: 'query_text_id', data: strings(c.queryTextId, n), type: 'STRING' },
    { name: 'cluster_name', data: strings(c.clusterName, n), type: 'STRING' },
    { name: 'details', data: c.details.slice(0, n), type: 'STRING' },
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'autoslo-ts' }));
}
