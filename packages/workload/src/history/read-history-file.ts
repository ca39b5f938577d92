/** Reads the SYS_QUERY_HISTORY columns of an exported CSV or Parquet file, one array per column. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '@autoslo/config';
import { parseCsv } from '../io/parse-csv.js';
import { openParquet, parquetColumns, readParquetColumns } from '../io/read-workload-parquet.js';
import { OPTIONAL_HISTORY_COLUMNS, REQUIRED_HISTORY_COLUMNS } from './history-columns.js';

/** A history as columns (whatever their source: a file, or Data API result pages). */
export interface HistoryTable {
  /** Where the rows came from, for messages (a file path, or `workgroup X`). */
  readonly source: string;
  readonly length: number;
  readonly columns: ReadonlyMap<string, ArrayLike<unknown>>;
  /** CSV line of each row (other sources: none). */
  readonly lines: readonly number[] | null;
}

/** @throws InputError for another file type, a missing required column or an unreadable file */
export async function readHistoryFile(file: string): Promise<HistoryTable> {
  if (!existsSync(file)) throw new InputError({ file, message: 'no such history file' });
  const ext = extname(file).toLowerCase();
  let present: string[];
  let load: (names: string[]) => Promise<HistoryTable>;
  if (ext === '.parquet') {
    const { buffer, metadata } = await openParquet(file);
    present = [...parquetColumns(metadata).keys()];
    load = async (names) => ({
      source: file,
      length: Number(metadata.num_rows),
      columns: await readParquetColumns(buffer, metadata, names, file),
      lines: null,
    });
  } else if (ext === '.csv') {
    const table = parseCsv(await readFile(file, 'utf8'), file);
    present = table.header;
    load = async (names) => ({
      source: file,
      length: table.lines.length,
      columns: new Map(names.map((n) => [n, table.columns[table.header.indexOf(n)] as string[]])),
      lines: table.lines,
    });
  } else {
    throw new InputError({
      file,
      message: `unsupported history file type '${ext || '(none)'}'`,
      expected: '.parquet or .csv with SYS_QUERY_HISTORY columns',
    });
  }
  const missing = REQUIRED_HISTORY_COLUMNS.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file,
        path: c,
        message: `missing SYS_QUERY_HISTORY column '${c}'`,
        received: present.join(', '),
      })),
    );
  }
  return load([
    ...REQUIRED_HISTORY_COLUMNS,
    ...OPTIONAL_HISTORY_COLUMNS.filter((c) => present.includes(c)),
  ]);
}
