/**
 * Reads a workload Parquet file into a `Trace`, column by column (no row objects), through
 * an async buffer on the file (only the footer, the wanted columns and the wanted row
 * groups are read), skipping row groups whose timestamp statistics lie outside a window.
 */
import { InputError } from '@autoslo/config';
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  type FileMetaData,
  type ParquetParsers,
  parquetMetadataAsync,
  parquetRead,
  type SchemaElement,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { type TraceSummary, TraceSummaryBuilder } from '../summarize-trace.js';
import type { Trace } from '../trace.js';
import { assembleTrace } from './assemble-trace.js';
import { parseTimestampMs } from './timestamp.js';
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

/**
 * Opens a Parquet file as an async buffer and reads its footer (statistics as epoch
 * milliseconds), turning a corrupt or foreign file into an `InputError`.
 */
export async function openParquet(
  file: string,
): Promise<{ buffer: AsyncBuffer; metadata: FileMetaData }> {
  const buffer = await asyncBufferFromFile(file);
  try {
    return { buffer, metadata: await parquetMetadataAsync(buffer, { parsers: PARSERS }) };
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

/** Row groups a read keeps: indices into `metadata.row_groups`, ascending. */
export type RowGroupSelection = readonly number[];

/** Every row group of a file. */
export function allRowGroups(metadata: FileMetaData): number[] {
  return metadata.row_groups.map((_, i) => i);
}

/** (min, max) statistics of a top-level column in a row group, when the writer kept them. */
export function rowGroupStats(
  metadata: FileMetaData,
  group: number,
  column: string,
): { min: unknown; max: unknown } | null {
  const chunk = metadata.row_groups[group]?.columns.find(
    (c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column,
  );
  const st = chunk?.meta_data?.statistics;
  if (!st) return null;
  const min = st.min_value ?? st.min;
  const max = st.max_value ?? st.max;
  return min === undefined || max === undefined ? null : { min, max };
}

/**
 * Row groups whose numeric `column` statistics may hold a value in `[from, to)`; groups
 * without statistics are kept (they might).
 */
export function rowGroupsOverlapping(
  metadata: FileMetaData,
  column: string,
  from: number,
  to: number,
): number[] {
  return allRowGroups(metadata).filter((g) => {
    const st = rowGroupStats(metadata, g, column);
    if (st === null || typeof st.min !== 'number' || typeof st.max !== 'number') return true;
    return st.max >= from && st.min < to;
  });
}

/** First and last arrival over every row group's statistics, or null when some group lacks them. */
function statsRange(metadata: FileMetaData): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const g of allRowGroups(metadata)) {
    const st = rowGroupStats(metadata, g, WORKLOAD_COLUMNS.absStartTime);
    if (st === null || typeof st.min !== 'number' || typeof st.max !== 'number') return null;
    lo = Math.min(lo, st.min);
    hi = Math.max(hi, st.max);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Rows of the selected groups, as contiguous [start, end) runs. */
function rowRuns(metadata: FileMetaData, groups: RowGroupSelection): [number, number][] {
  const starts: number[] = [];
  let at = 0;
  for (const g of metadata.row_groups) {
    starts.push(at);
    at += Number(g.num_rows);
  }
  const runs: [number, number][] = [];
  for (const g of groups) {
    const start = starts[g] as number;
    const end = start + Number((metadata.row_groups[g] as { num_rows: bigint }).num_rows);
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else runs.push([start, end]);
  }
  return runs;
}

/** Number of rows in the selected groups. */
export function rowsIn(metadata: FileMetaData, groups: RowGroupSelection): number {
  let n = 0;
  for (const g of groups) n += Number((metadata.row_groups[g] as { num_rows: bigint }).num_rows);
  return n;
}

/**
 * Reads the named columns of the selected row groups (all by default) into one array-like
 * per column, in row order.
 */
export async function readParquetColumns(
  buffer: AsyncBuffer,
  metadata: FileMetaData,
  names: readonly string[],
  file: string,
  groups: RowGroupSelection = allRowGroups(metadata),
): Promise<Map<string, ArrayLike<unknown>>> {
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(
    names.map((c) => [c, []]),
  );
  try {
    for (const [rowStart, rowEnd] of rowRuns(metadata, groups)) {
      await parquetRead({
        file: buffer,
        metadata,
        columns: [...names],
        rowStart,
        rowEnd,
        parsers: PARSERS,
        // Every codec pandas, pyarrow and DuckDB may write (ZSTD, GZIP, Brotli, LZ4), snappy in WASM.
        compressors,
        onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
          chunks.get(columnName)?.push({ rowStart: chunkStart, data: columnData });
        },
      });
    }
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
export function concatChunks(parts: ArrayLike<unknown>[]): ArrayLike<unknown> {
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

/** What a workload read keeps, and what it reports. */
export interface WorkloadReadOptions {
  /**
   * Only arrivals in `[fromMs, toMs)` are needed. Parquet: row groups whose
   * `abs_start_time` statistics lie outside are skipped (rows of the kept groups outside it
   * stay; callers slice); text timestamps have no usable statistics: every group is read.
   * CSV: rows outside are dropped as they stream by. Whole-file checks (duplicate ids, one
   * schema) then cover the rows read.
   */
  readonly window?: { readonly fromMs: number; readonly toMs: number };
  /**
   * Told how many row groups were read, of how many, and the file's first and last arrival
   * from the statistics (null without them) (Parquet only).
   */
  readonly onRowGroups?: (read: number, total: number, rangeMs: [number, number] | null) => void;
  /** Told the first and last arrival over the whole file (CSV only: every row is parsed). */
  readonly onCoverage?: (rangeMs: [number, number] | null) => void;
}

/** Opens a workload Parquet file and checks its columns. @throws InputError naming the column */
export async function openWorkloadParquet(file: string) {
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
  return { buffer, metadata, wanted };
}

/** Reads, validates and assembles the selected row groups of an opened workload file. */
export async function readWorkloadRowGroups(
  opened: Awaited<ReturnType<typeof openWorkloadParquet>>,
  groups: RowGroupSelection,
  file: string,
): Promise<Trace> {
  const { buffer, metadata, wanted } = opened;
  const C = WORKLOAD_COLUMNS;
  const data = await readParquetColumns(buffer, metadata, wanted, file, groups);
  const col = (name: string): ArrayLike<unknown> => data.get(name) ?? [];
  const hasLatency = wanted.includes(C.isolatedLatencyS);
  return assembleTrace(
    {
      length: rowsIn(metadata, groups),
      queryId: col(C.queryId),
      absStart: col(C.absStartTime),
      queryTextId: col(C.queryTextId),
      repetitionId: col(C.repetitionId),
      ...(hasLatency ? { isolatedLatencyS: col(C.isolatedLatencyS) } : {}),
    },
    file,
    () => ({}),
  );
}

/**
 * Reads and validates a workload Parquet file (the row groups `options.window` needs).
 * @throws InputError naming the row and column
 */
export async function readWorkloadParquet(
  file: string,
  options: WorkloadReadOptions = {},
): Promise<Trace> {
  const opened = await openWorkloadParquet(file);
  const { metadata } = opened;
  const groups = options.window
    ? rowGroupsOverlapping(
        metadata,
        WORKLOAD_COLUMNS.absStartTime,
        options.window.fromMs,
        options.window.toMs,
      )
    : allRowGroups(metadata);
  options.onRowGroups?.(groups.length, metadata.row_groups.length, statsRange(metadata));
  if (groups.length === 0 && Number(metadata.num_rows) > 0) {
    // Nothing in the window: an empty trace (the caller says which day was empty).
    return {
      length: 0,
      queryId: new Float64Array(0),
      absStartMs: new Float64Array(0),
      queryTextId: [],
      repetitionId: new Int32Array(0),
      isolatedLatencyS: opened.wanted.includes(WORKLOAD_COLUMNS.isolatedLatencyS)
        ? new Float64Array(0)
        : null,
    };
  }
  return readWorkloadRowGroups(opened, groups, file);
}

/**
 * `autoslo workload info` over a Parquet file of any size: one row group at a time, only
 * the columns the summary needs (arrival time, query text, isolated latency), each row's
 * time and text checked. Memory stays within a row group.
 * @throws InputError naming the row and column of a bad value
 */
export async function summarizeWorkloadParquet(
  file: string,
  onRowGroup?: (done: number, total: number) => void,
): Promise<{ summary: TraceSummary; rowGroups: { read: number; total: number } }> {
  const { buffer, metadata, wanted } = await openWorkloadParquet(file);
  const C = WORKLOAD_COLUMNS;
  const columns: string[] = [C.absStartTime, C.queryTextId];
  if (wanted.includes(C.isolatedLatencyS)) columns.push(C.isolatedLatencyS);
  const builder = new TraceSummaryBuilder();
  const total = metadata.row_groups.length;
  if (Number(metadata.num_rows) === 0)
    throw new InputError({ file, message: 'workload has no rows' });
  let rowBase = 0;
  for (let g = 0; g < total; g++) {
    const data = await readParquetColumns(buffer, metadata, columns, file, [g]);
    const times = data.get(C.absStartTime) ?? [];
    const texts = data.get(C.queryTextId) ?? [];
    const n = times.length;
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = times[i];
      ms[i] = typeof v === 'number' ? v : typeof v === 'string' ? parseTimestampMs(v) : Number.NaN;
      if (!Number.isFinite(ms[i] as number)) {
        throw new InputError({
          file,
          path: C.absStartTime,
          message: `row ${rowBase + i + 1}: abs_start_time is not a timestamp`,
          received: String(v),
        });
      }
      const text = texts[i];
      if (typeof text !== 'string' || text === '') {
        throw new InputError({
          file,
          path: C.queryTextId,
          message: `row ${rowBase + i + 1}: query_text_id is empty or not text`,
        });
      }
    }
    const raw = data.get(C.isolatedLatencyS);
    let latency: Float64Array | null = null;
    if (raw) {
      latency = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = raw[i];
        latency[i] = typeof v === 'number' ? v : Number.NaN;
      }
    }
    builder.add(ms, texts as ArrayLike<string>, latency);
    rowBase += n;
    onRowGroup?.(g + 1, total);
  }
  return { summary: builder.result(), rowGroups: { read: total, total } };
}
