/**
 * The measured-latency table of an imported history (`measurements/<name>.parquet`): one row
 * per query of the history, in start order, with what the warehouse measured and the
 * category that decides whether latency fits may use it (only `ok` rows).
 */
import { InputError, writeFileAtomic } from '@autoslo/config';
import type { SchemaElement } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { openParquet, parquetColumns, readParquetColumns } from '../io/read-workload-parquet.js';

export const QUERY_CATEGORIES = [
  'ok',
  'cache_hit',
  'failed',
  'aborted',
  'running',
  'ddl_utility',
  'system',
] as const;
export type QueryCategory = (typeof QUERY_CATEGORIES)[number];

export interface MeasuredLatencies {
  readonly length: number;
  readonly queryId: Float64Array;
  /** Template of the query (`''` for rows outside the workload, e.g. DDL). */
  readonly queryTextId: string[];
  /** Submission (SYS_QUERY_HISTORY.start_time), epoch ms. */
  readonly startMs: Float64Array;
  readonly elapsedS: Float64Array;
  readonly queueS: Float64Array;
  readonly executionS: Float64Array;
  readonly status: string[];
  readonly queryType: string[];
  readonly resultCacheHit: Uint8Array;
  readonly category: QueryCategory[];
  readonly workgroup: string[];
  /** Workgroup RPU when the query ran (NaN = unknown). */
  readonly rpu: Float64Array;
}

export const MEASURED_COLUMNS = [
  'query_id',
  'query_text_id',
  'start_time',
  'elapsed_s',
  'queue_s',
  'execution_s',
  'status',
  'query_type',
  'result_cache_hit',
  'category',
  'workgroup',
  'rpu',
] as const;

const str = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  repetition_type: 'REQUIRED',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
});
const dbl = (name: string): SchemaElement => ({
  name,
  type: 'DOUBLE',
  repetition_type: 'REQUIRED',
});

/** Parquet bytes of a measured table. */
export function measuredLatenciesBytes(t: MeasuredLatencies): Uint8Array {
  const n = t.length;
  const ids = new BigInt64Array(n);
  const micros = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = BigInt(t.queryId[i] as number);
    micros[i] = BigInt(Math.round((t.startMs[i] as number) * 1000));
  }
  const columnData: ColumnSource[] = [
    { name: 'query_id', data: ids, nullable: false },
    { name: 'query_text_id', data: t.queryTextId, nullable: false },
    { name: 'start_time', data: micros, nullable: false },
    // Unknown durations and RPUs stay NaN (a DOUBLE pandas and DuckDB read as NaN), so the
    // columns need no per-row boxing on the way out.
    { name: 'elapsed_s', data: t.elapsedS, nullable: false },
    { name: 'queue_s', data: t.queueS, nullable: false },
    { name: 'execution_s', data: t.executionS, nullable: false },
    { name: 'status', data: t.status, nullable: false },
    { name: 'query_type', data: t.queryType, nullable: false },
    {
      name: 'result_cache_hit',
      data: Array.from(t.resultCacheHit, (x) => x === 1),
      nullable: false,
    },
    { name: 'category', data: t.category, nullable: false },
    { name: 'workgroup', data: t.workgroup, nullable: false },
    { name: 'rpu', data: t.rpu, nullable: false },
  ];
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: columnData.length },
    { name: 'query_id', type: 'INT64', repetition_type: 'REQUIRED' },
    str('query_text_id'),
    {
      name: 'start_time',
      type: 'INT64',
      repetition_type: 'REQUIRED',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    },
    dbl('elapsed_s'),
    dbl('queue_s'),
    dbl('execution_s'),
    str('status'),
    str('query_type'),
    { name: 'result_cache_hit', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
    str('category'),
    str('workgroup'),
    dbl('rpu'),
  ];
  return new Uint8Array(
    parquetWriteBuffer({
      columnData,
      schema,
      rowGroupSize: 1_000_000,
      statistics: false,
      createdBy: 'autoslo @autoslo/workload',
    }),
  );
}

export async function writeMeasuredLatencies(file: string, t: MeasuredLatencies): Promise<void> {
  await writeFileAtomic(file, measuredLatenciesBytes(t));
}

/** Reads a table written by `writeMeasuredLatencies`. */
export async function readMeasuredLatencies(file: string): Promise<MeasuredLatencies> {
  const { buffer, metadata } = await openParquet(file);
  const present = parquetColumns(metadata);
  const missing = MEASURED_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file,
        path: c,
        message: `not a measured-latency table: no column '${c}'`,
      })),
    );
  }
  const data = await readParquetColumns(buffer, metadata, MEASURED_COLUMNS, file);
  const n = Number(metadata.num_rows);
  const col = (name: string) => data.get(name) as ArrayLike<unknown>;
  const numbers = (name: string) =>
    Float64Array.from({ length: n }, (_, i) => {
      const v = col(name)[i];
      return v === null || v === undefined ? Number.NaN : Number(v);
    });
  const strings = (name: string) => Array.from({ length: n }, (_, i) => String(col(name)[i] ?? ''));
  return {
    length: n,
    queryId: numbers('query_id'),
    queryTextId: strings('query_text_id'),
    startMs: numbers('start_time'),
    elapsedS: numbers('elapsed_s'),
    queueS: numbers('queue_s'),
    executionS: numbers('execution_s'),
    status: strings('status'),
    queryType: strings('query_type'),
    resultCacheHit: Uint8Array.from({ length: n }, (_, i) => (col('result_cache_hit')[i] ? 1 : 0)),
    category: strings('category') as QueryCategory[],
    workgroup: strings('workgroup'),
    rpu: numbers('rpu'),
  };
}
