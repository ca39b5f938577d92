/** Reads `structured_log.parquet` (ours, or the reference's) back into a `StructuredLog`. */
import { readFile } from 'node:fs/promises';
import { InputError } from '@autoslo/config';
import { type FileMetaData, parquetMetadata, parquetRead } from 'hyparquet';
import { StructuredLog } from './structured-log.js';

const REQUIRED = ['rel_time_s', 'source', 'event_type'] as const;
const OPTIONAL = ['wall_clock_s', 'query_id', 'query_text_id', 'cluster_name', 'details'] as const;

/**
 * Reads a structured log file. `query_id` may be numeric or text: the reference wrote
 * `query_<n>`, read here as n.
 * @throws InputError when the file is not Parquet or lacks a required column.
 */
export async function readStructuredLog(path: string): Promise<StructuredLog> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError({
      file: path,
      message: `cannot read structured log: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
  }
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new InputError({
      file: path,
      message: `not a readable Parquet file (${(error as Error).message})`,
    });
  }
  const present = new Set(metadata.schema.slice(1).map((e) => e.name));
  const missing = REQUIRED.filter((c) => !present.has(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file: path,
        path: c,
        message: 'required column of a structured log is missing',
      })),
    );
  }
  const names = [...REQUIRED, ...OPTIONAL.filter((c) => present.has(c))];
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(
    names.map((c) => [c, []]),
  );
  await parquetRead({
    file: buffer,
    metadata,
    columns: names,
    onChunk: ({ columnName, columnData, rowStart }) => {
      chunks.get(columnName)?.push({ rowStart, data: columnData });
    },
  });
  const column = (name: string): ArrayLike<unknown> | null => {
    const parts = chunks.get(name);
    if (parts === undefined) return null;
    parts.sort((a, b) => a.rowStart - b.rowStart);
    return parts.length === 1 ? (parts[0]?.data ?? []) : parts.flatMap((p) => Array.from(p.data));
  };
  const relTime = column('rel_time_s') as ArrayLike<unknown>;
  const source = column('source') as ArrayLike<unknown>;
  const eventType = column('event_type') as ArrayLike<unknown>;
  const wallClock = column('wall_clock_s');
  const queryId = column('query_id');
  const queryTextId = column('query_text_id');
  const clusterName = column('cluster_name');
  const details = column('details');
  const log = new StructuredLog();
  const n = Number(metadata.num_rows);
  for (let i = 0; i < n; i++) {
    log.appendFields(
      toNumber(relTime[i]) ?? Number.NaN,
      String(eventType[i]),
      String(source[i]),
      queryId ? toQueryId(queryId[i]) : null,
      queryTextId ? toText(queryTextId[i]) : null,
      clusterName ? toText(clusterName[i]) : null,
      details ? toText(details[i]) : null,
      wallClock ? toNumber(wallClock[i]) : null,
    );
  }
  return log;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime() / 1000;
  const parsed = Number(value);
  return Number.isNaN(parsed) ? null : parsed;
}

const TRAILING_INTEGER = /(\d+)$/;

function toQueryId(value: unknown): number | null {
  if (typeof value === 'string') {
    if (value === '') return null;
    const direct = Number(value);
    if (!Number.isNaN(direct)) return direct;
    const match = TRAILING_INTEGER.exec(value);
    return match ? Number(match[1]) : null;
  }
  return toNumber(value);
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}
