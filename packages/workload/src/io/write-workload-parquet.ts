/**
 * Workload Parquet as DuckDB and pandas read it: `query_id` INT64,
 * `abs_start_time` a UTC timestamp in microseconds, `query_text_id` UTF8,
 * `repetition_id` INT32, and `isolated_latency_s` DOUBLE when the trace has it.
 */
import { writeFileAtomic } from '@autoslo/config';
import type { SchemaElement } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { Trace } from '../trace.js';
import { WORKLOAD_COLUMNS } from './workload-columns.js';

/** Rows per row group: a day of a busy trace spans few, so a one-day read skips the rest. */
export const WORKLOAD_ROW_GROUP_ROWS = 65_536;

/** The Parquet schema and column data of a trace (also for writers that stream row groups). */
export function workloadParquetColumns(trace: Trace): {
  columnData: ColumnSource[];
  schema: SchemaElement[];
} {
  const n = trace.length;
  const ids = new BigInt64Array(n);
  const micros = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = BigInt(trace.queryId[i] as number);
    micros[i] = BigInt(Math.round((trace.absStartMs[i] as number) * 1000));
  }
  const C = WORKLOAD_COLUMNS;
  const columnData: ColumnSource[] = [
    { name: C.queryId, data: ids, nullable: false },
    { name: C.absStartTime, data: micros, nullable: false },
    { name: C.queryTextId, data: trace.queryTextId, nullable: false },
    { name: C.repetitionId, data: trace.repetitionId, nullable: false },
  ];
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: trace.isolatedLatencyS ? 5 : 4 },
    { name: C.queryId, type: 'INT64', repetition_type: 'REQUIRED' },
    {
      name: C.absStartTime,
      type: 'INT64',
      repetition_type: 'REQUIRED',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    },
    {
      name: C.queryTextId,
      type: 'BYTE_ARRAY',
      repetition_type: 'REQUIRED',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
    },
    { name: C.repetitionId, type: 'INT32', repetition_type: 'REQUIRED' },
  ];
  if (trace.isolatedLatencyS) {
    // Missing latencies (NaN) become nulls, which pandas reads back as NaN.
    const data = Array.from(trace.isolatedLatencyS, (x) => (Number.isNaN(x) ? null : x));
    columnData.push({ name: C.isolatedLatencyS, data });
    schema.push({ name: C.isolatedLatencyS, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
  }
  return { columnData, schema };
}

/** The Parquet bytes of a trace, in row groups of `rowGroupRows` rows. */
export function workloadParquetBytes(
  trace: Trace,
  rowGroupRows = WORKLOAD_ROW_GROUP_ROWS,
): Uint8Array {
  const { columnData, schema } = workloadParquetColumns(trace);
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    rowGroupSize: rowGroupRows,
    createdBy: 'autoslo @autoslo/workload',
  });
  return new Uint8Array(buffer);
}

/** Writes a trace as Parquet, atomically (written aside, then renamed). */
export async function writeWorkloadParquet(
  path: string,
  trace: Trace,
  rowGroupRows = WORKLOAD_ROW_GROUP_ROWS,
): Promise<void> {
  await writeFileAtomic(path, workloadParquetBytes(trace, rowGroupRows));
}
