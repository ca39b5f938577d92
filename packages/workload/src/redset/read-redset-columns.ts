/**
 * Reads the Redset columns the importer needs from Parquet or CSV, as one array per column.
 * A directory (Redset's `parts/` layout: one Parquet file per cluster) is read file by file,
 * and Parquet row groups whose `instance_id` or `arrival_timestamp` statistics exclude the
 * wanted instance or dates are skipped without being read.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '@autoslo/config';
import { readCsvColumns } from '../io/read-csv-records.js';
import {
  allRowGroups,
  concatChunks,
  openParquet,
  parquetColumns,
  readParquetColumns,
  rowGroupStats,
  rowsIn,
} from '../io/read-workload-parquet.js';
import {
  OPTIONAL_REDSET_COLUMNS,
  REDSET_COLUMNS,
  REQUIRED_REDSET_COLUMNS,
} from './redset-columns.js';

/** What a Redset read may skip, and what it reports. */
export interface RedsetReadOptions {
  /** Only this instance's rows are needed. */
  readonly instanceId?: number;
  /** Only arrivals in [fromMs, toMs) are needed. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface RedsetColumns {
  readonly length: number;
  readonly columns: ReadonlyMap<string, ArrayLike<unknown>>;
  /** CSV line of each row (Parquet: none). */
  readonly lines: readonly number[] | null;
  /**
   * Parquet row groups read, of how many, and how many the instance alone leaves (its
   * statistics may hold the wanted instance) (all 0 for CSV).
   */
  readonly rowGroups: {
    readonly read: number;
    readonly total: number;
    readonly forInstance: number;
  };
}

/** Whether a row group's statistics leave it possibly holding wanted rows. */
function groupMayHold(
  metadata: Awaited<ReturnType<typeof openParquet>>['metadata'],
  group: number,
  options: RedsetReadOptions,
): boolean {
  if (options.instanceId !== undefined) {
    const st = rowGroupStats(metadata, group, REDSET_COLUMNS.instanceId);
    if (st !== null) {
      const min = Number(st.min);
      const max = Number(st.max);
      if (options.instanceId < min || options.instanceId > max) return false;
    }
  }
  if (options.fromMs !== undefined || options.toMs !== undefined) {
    const st = rowGroupStats(metadata, group, REDSET_COLUMNS.arrivalTimestamp);
    if (st !== null && typeof st.min === 'number' && typeof st.max === 'number') {
      if (options.fromMs !== undefined && st.max < options.fromMs) return false;
      if (options.toMs !== undefined && st.min >= options.toMs) return false;
    }
  }
  return true;
}

/** The Parquet files of a Redset directory, in name order. */
async function partFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => extname(n).toLowerCase() === '.parquet');
  if (names.length === 0)
    throw new InputError({ file: dir, message: 'no .parquet files in the Redset directory' });
  return names.sort().map((n) => join(dir, n));
}

export async function readRedsetColumns(
  file: string,
  options: RedsetReadOptions = {},
): Promise<RedsetColumns> {
  if ((await stat(file).catch(() => null))?.isDirectory()) {
    return readRedsetParts(await partFiles(file), options);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet') return readRedsetParts([file], options);
  if (ext === '.csv') return readRedsetCsv(file);
  throw new InputError({
    file,
    message: `unsupported Redset file type '${ext || '(none)'}'`,
    expected: '.parquet or .csv',
  });
}

/** A Redset CSV, streamed: the wanted columns' text and each row's line. */
async function readRedsetCsv(file: string): Promise<RedsetColumns> {
  const table = await readCsvColumns(file, (header) => {
    checkRequired(header, file);
    return wantedColumns(header);
  });
  return { ...table, rowGroups: { read: 0, total: 0, forInstance: 0 } };
}

function wantedColumns(present: readonly string[]): string[] {
  return [
    ...REQUIRED_REDSET_COLUMNS,
    ...OPTIONAL_REDSET_COLUMNS.filter((c) => present.includes(c)),
  ];
}

function checkRequired(present: readonly string[], file: string): void {
  const missing = REQUIRED_REDSET_COLUMNS.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file,
        path: c,
        message: `missing Redset column '${c}'`,
        received: present.join(', '),
      })),
    );
  }
}

/**
 * Parquet files read one after the other: each file's row groups that may hold wanted rows,
 * the columns every file has, joined in file order.
 */
async function readRedsetParts(
  files: readonly string[],
  options: RedsetReadOptions,
): Promise<RedsetColumns> {
  type Opened = Awaited<ReturnType<typeof openParquet>> & { file: string; present: string[] };
  const opened: Opened[] = [];
  for (const f of files) {
    const o = await openParquet(f);
    const present = [...parquetColumns(o.metadata).keys()];
    checkRequired(present, f);
    opened.push({ file: f, ...o, present });
  }
  const wanted = wantedColumns(opened[0]?.present ?? []).filter((c) =>
    opened.every((o) => o.present.includes(c)),
  );
  const parts = new Map<string, ArrayLike<unknown>[]>(wanted.map((c) => [c, []]));
  let length = 0;
  let read = 0;
  let total = 0;
  let forInstance = 0;
  const instanceOnly: RedsetReadOptions =
    options.instanceId === undefined ? {} : { instanceId: options.instanceId };
  for (const o of opened) {
    const groups = allRowGroups(o.metadata).filter((g) => groupMayHold(o.metadata, g, options));
    forInstance += allRowGroups(o.metadata).filter((g) =>
      groupMayHold(o.metadata, g, instanceOnly),
    ).length;
    total += o.metadata.row_groups.length;
    read += groups.length;
    if (groups.length === 0) continue;
    const columns = await readParquetColumns(o.buffer, o.metadata, wanted, o.file, groups);
    for (const c of wanted) parts.get(c)?.push(columns.get(c) ?? []);
    length += rowsIn(o.metadata, groups);
  }
  const columns = new Map<string, ArrayLike<unknown>>();
  for (const [c, list] of parts)
    columns.set(c, list.length === 1 ? (list[0] as ArrayLike<unknown>) : concatChunks(list));
  return { length, columns, lines: null, rowGroups: { read, total, forInstance } };
}
