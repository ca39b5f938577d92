/** Result rows of a Data API query as a Parquet file, column types from the result metadata. */
import { writeFile } from 'node:fs/promises';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';

export interface ResultColumn {
  readonly name: string;
  /** Redshift type name, lower case (`int8`, `float8`, `varchar`, `timestamp`, `bool`...). */
  readonly typeName: string;
}

const NUMERIC = /^(int|smallint|integer|bigint|float|double|real|numeric|decimal)/;

/** `2024-05-27 00:00:30.125000` (UTC, as Redshift prints it) to a Date. */
export function parseRedshiftTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value);
  const text = String(value).trim().replace(' ', 'T');
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
}

function columnOf(column: ResultColumn, rows: readonly Record<string, unknown>[]): ColumnSource {
  const raw = rows.map((r) => r[column.name]);
  const t = column.typeName;
  if (t.startsWith('timestamp') || t === 'date') {
    return { name: column.name, data: raw.map(parseRedshiftTimestamp), type: 'TIMESTAMP' };
  }
  if (NUMERIC.test(t)) return { name: column.name, data: raw.map(toNumber), type: 'DOUBLE' };
  if (t === 'bool' || t === 'boolean') {
    return {
      name: column.name,
      data: raw.map((v) => (v === null || v === undefined ? null : v === true || v === 't')),
      type: 'BOOLEAN',
    };
  }
  return {
    name: column.name,
    data: raw.map((v) => (v === null || v === undefined ? null : String(v))),
    type: 'STRING',
  };
}

export async function writeRowsParquet(
  file: string,
  columns: readonly ResultColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const columnData = columns.map((c) => columnOf(c, rows));
  await writeFile(
    file,
    new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'autoslo-ts' })),
  );
}
