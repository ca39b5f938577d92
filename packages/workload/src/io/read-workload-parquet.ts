/** Reads a workload Parquet file into a `Trace`, column by column (no row objects). */
import { readFile } from 'node:fs/promises';
import { InputError } from '@autoslo/config';
import {
  type FileMetaData,
  type ParquetParsers,
  parquetMetadata,
  parquetRead,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Trace } from '../trace.js';
import { assembleTrace } from './assemble-trace.js';
import { REQUIRED_WORKLOAD_COLUMNS, WORKLOAD_COLUMNS } from './workload-columns.js';

/**
 * Epoch milliseconds of an integer count of `perMs` units, split in BigInt arithmetic so
 * that only the final sum rounds: `Number(ns) / 1e6` first rounds the nanoseconds to a
 * double (256 ns apart at today's dates) and lands a fraction of a millisecond off.
 */
export function bigintUnitsToMs(v: bigint, perMs: bigint): number {
  return Number(v / perMs) + Number(v % perMs) / Number(perMs);
}

// Timestamps arrive as epoch milliseconds (fractions kept) instead of Date objects; pandas'
// datetime64[ns], DuckDB's TIMESTAMP_NS and INT96 come as nanoseconds.
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint | null) => (v == null ? null : Number(v)),
  timestampFromMicroseconds: (v: bigint | null) => (v == null ? null : bigintUnitsToMs(v, 1000n)),
  timestampFromNanoseconds: (v: bigint | null) =>
    v == null ? null : bigintUnitsToMs(v, 1_000_000n),
};

/** Opens a Parquet file, turning a corrupt or foreign file into an `InputError`. */
export async function openParquet(
  file: string,
): Promise<{ buffer: ArrayBuffer; metadata: FileMetaData }> {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  try {
    return { buffer, metadata: parquetMetadata(buffer) };
  } catch (error) {
    throw new InputError({
      file,
      message: `not a readable Parquet file (${(error as Error).message})`,
    });
  }
}

/** Top-level columns of a Parquet file by name. */
export function parquetColumns(metadata: FileMetaData): Map<string, SchemaElement> {
  return new Map(metadata.schema.slice(1).map((e) => [e.name, e]));
}

export function isTimestampElement(e: SchemaElement): boolean {
  return (
    e.logical_type?.type === 'TIMESTAMP' ||
    e.converted_type === 'TIMESTAMP_MILLIS' ||
    e.converted_type === 'TIMESTAMP_MICROS' ||
    (e.type === 'INT96' && e.converted_type === undefined)
  );
}

export function isStringElement(e: SchemaElement): boolean {
  return e.type === 'BYTE_ARRAY' && (e.converted_type === undefined || e.converted_type === 'UTF8');
}

export function isNumberElement(e: SchemaElement): boolean {
  return (
    (e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT') &&
    !isTimestampElement(e) &&
    e.converted_type !== 'DATE'
  );
}

function typeName(e: SchemaElement): string {
  const note = e.logical_type?.type ?? e.converted_type;
  return note ? `${e.type} (${note})` : String(e.type);
}

/** Reads the named columns into one array-like per column, in row order. */
export async function readParquetColumns(
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  names: readonly string[],
  file: string,
): Promise<Map<string, ArrayLike<unknown>>> {
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(
    names.map((c) => [c, []]),
  );
  const reading = parquetRead({
    file: buffer,
    metadata,
    columns: [...names],
    parsers: PARSERS,
    // Every codec pandas, pyarrow and DuckDB may write (ZSTD, GZIP, Brotli, LZ4), snappy in WASM.
    compressors,
    onChunk: ({ columnName, columnData, rowStart }) => {
      chunks.get(columnName)?.push({ rowStart, data: columnData });
    },
  });
  try {
    await reading;
  } catch (error) {
    throw new InputError({
      file,
      message: `cannot decode the Parquet data (${(error as Error).message})`,
    });
  }
  const out = new Map<string, ArrayLike<unknown>>();
  for (const [name, parts] of chunks) {
    parts.sort((a, b) => a.rowStart - b.rowStart);
    out.set(
      name,
      parts.length === 1 ? (parts[0]?.data ?? []) : concatChunks(parts.map((p) => p.data)),
    );
  }
  return out;
}

type TypedArrayCtor = new (n: number) => { set(a: ArrayLike<unknown>, at: number): void };

/** Joins column chunks into one array, typed when every chunk has the same typed-array class. */
function concatChunks(parts: ArrayLike<unknown>[]): ArrayLike<unknown> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const first = parts[0];
  const ctor = ArrayBuffer.isView(first) ? (first.constructor as TypedArrayCtor) : null;
  if (ctor && parts.every((p) => p.constructor === ctor)) {
    const out = new ctor(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out as unknown as ArrayLike<unknown>;
  }
  const out = new Array<unknown>(total);
  let at = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[at++] = p[i];
  return out;
}

/** Reads and validates a workload Parquet file. @throws InputError naming the row and column */
export async function readWorkloadParquet(file: string): Promise<Trace> {
  const { buffer, metadata } = await openParquet(file);
  const columns = parquetColumns(metadata);
  const C = WORKLOAD_COLUMNS;
  const missing = REQUIRED_WORKLOAD_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file,
        path: c,
        message: `missing column '${c}'`,
        expected: `columns ${REQUIRED_WORKLOAD_COLUMNS.join(', ')}`,
        received: [...columns.keys()].join(', ') || 'no columns',
      })),
    );
  }
  const typeRules: [string, (e: SchemaElement) => boolean, string][] = [
    [C.queryId, (e) => isNumberElement(e) || isStringElement(e), 'an integer or text column'],
    [
      C.absStartTime,
      (e) => isTimestampElement(e) || isStringElement(e),
      'a timestamp or text column',
    ],
    [C.queryTextId, isStringElement, 'a text column'],
    [C.repetitionId, (e) => isNumberElement(e) || isStringElement(e), 'an integer or text column'],
    [C.isolatedLatencyS, isNumberElement, 'a numeric column'],
  ];
  const typeIssues = typeRules.flatMap(([name, ok, expected]) => {
    const e = columns.get(name);
    if (!e || ok(e)) return [];
    return [
      {
        file,
        path: name,
        message: `column '${name}' has the wrong type`,
        expected,
        received: typeName(e),
      },
    ];
  });
  if (typeIssues.length > 0) throw new InputError(typeIssues);

  const wanted = [
    ...REQUIRED_WORKLOAD_COLUMNS,
    ...(columns.has(C.isolatedLatencyS) ? [C.isolatedLatencyS] : []),
  ];
  const data = await readParquetColumns(buffer, metadata, wanted, file);
  const col = (name: string): ArrayLike<unknown> => data.get(name) ?? [];
  return assembleTrace(
    {
      length: Number(metadata.num_rows),
      queryId: col(C.queryId),
      absStart: col(C.absStartTime),
      queryTextId: col(C.queryTextId),
      repetitionId: col(C.repetitionId),
      ...(columns.has(C.isolatedLatencyS) ? { isolatedLatencyS: col(C.isolatedLatencyS) } : {}),
    },
    file,
    () => ({}),
  );
}
