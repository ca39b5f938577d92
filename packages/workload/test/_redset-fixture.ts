/** Redset-schema rows (all 24 columns, Redset's types) written as Parquet or CSV for the import tests. */
import type { SchemaElement } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';

export interface RedsetRow {
  instance_id: number;
  query_id: number;
  arrival: string; // 'YYYY-MM-DD HH:MM:SS.ffffff', no zone, as Redset has it
  execution_duration_ms: number;
  feature_fingerprint: string;
  query_type: string;
  was_aborted: boolean;
  was_cached: boolean;
  read_table_ids: string;
  num_joins: number;
  num_scans: number;
}

export function row(
  instance: number,
  id: number,
  arrival: string,
  ms: number,
  fp: string,
  extra: Partial<RedsetRow> = {},
): RedsetRow {
  return {
    instance_id: instance,
    query_id: id,
    arrival,
    execution_duration_ms: ms,
    feature_fingerprint: fp,
    query_type: 'select',
    was_aborted: false,
    was_cached: false,
    read_table_ids: '1,2',
    num_joins: 1,
    num_scans: 2,
    ...extra,
  };
}

const int = (name: string, type: 'INT32' | 'INT64' = 'INT64'): SchemaElement => ({
  name,
  type,
  repetition_type: 'OPTIONAL',
});
const str = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
});

function micros(arrival: string): bigint {
  const [date, time] = arrival.split(' ') as [string, string];
  const [whole, frac = ''] = time.split('.');
  const ms = Date.parse(`${date}T${whole}Z`);
  return BigInt(ms) * 1000n + BigInt(frac.padEnd(6, '0').slice(0, 6));
}

/** All 24 Redset columns; the ones the importer ignores get plausible constants. */
export function redsetParquet(rows: readonly RedsetRow[], rowGroupSize?: number): Uint8Array {
  const big = (f: (r: RedsetRow) => number) => rows.map((r) => BigInt(f(r)));
  const columns: [SchemaElement, unknown[]][] = [
    [int('instance_id', 'INT32'), rows.map((r) => r.instance_id)],
    [{ name: 'cluster_size', type: 'DOUBLE', repetition_type: 'OPTIONAL' }, rows.map(() => 4)],
    [int('user_id', 'INT32'), rows.map(() => 7)],
    [int('database_id', 'INT32'), rows.map(() => 1)],
    [int('query_id'), big((r) => r.query_id)],
    [
      {
        name: 'arrival_timestamp',
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
      },
      rows.map((r) => micros(r.arrival)),
    ],
    [int('compile_duration_ms'), big(() => 5)],
    [int('queue_duration_ms'), big(() => 0)],
    [int('execution_duration_ms'), big((r) => r.execution_duration_ms)],
    [str('feature_fingerprint'), rows.map((r) => r.feature_fingerprint)],
    [
      { name: 'was_aborted', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      rows.map((r) => r.was_aborted),
    ],
    [
      { name: 'was_cached', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      rows.map((r) => r.was_cached),
    ],
    [int('cache_source_query_id'), rows.map(() => null)],
    [str('query_type'), rows.map((r) => r.query_type)],
    [int('num_permanent_tables_accessed'), big(() => 2)],
    [int('num_external_tables_accessed'), big(() => 0)],
    [int('num_system_tables_accessed'), big(() => 0)],
    [str('read_table_ids'), rows.map((r) => r.read_table_ids)],
    [str('write_table_ids'), rows.map(() => null)],
    [int('mbytes_scanned'), big(() => 100)],
    [int('mbytes_spilled'), big(() => 0)],
    [int('num_joins'), big((r) => r.num_joins)],
    [int('num_scans'), big((r) => r.num_scans)],
    [int('num_aggregations'), big(() => 1)],
  ];
  const columnData: ColumnSource[] = columns.map(([e, data]) => ({
    name: e.name,
    data: data as ColumnSource['data'],
  }));
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: columns.length },
    ...columns.map(([e]) => e),
  ];
  return new Uint8Array(
    parquetWriteBuffer({ columnData, schema, ...(rowGroupSize ? { rowGroupSize } : {}) }),
  );
}

/** The importer's columns as CSV, Redset's column names, pandas-style booleans. */
export function redsetCsv(rows: readonly RedsetRow[]): string {
  const header =
    'instance_id,query_id,arrival_timestamp,execution_duration_ms,feature_fingerprint,query_type,was_aborted,was_cached,read_table_ids,num_joins,num_scans';
  const lines = rows.map((r) =>
    [
      r.instance_id,
      r.query_id,
      r.arrival,
      r.execution_duration_ms,
      r.feature_fingerprint,
      r.query_type,
      r.was_aborted ? 'True' : 'False',
      r.was_cached ? 'True' : 'False',
      `"${r.read_table_ids}"`,
      r.num_joins,
      r.num_scans,
    ].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
