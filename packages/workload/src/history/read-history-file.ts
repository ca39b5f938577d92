/** Reads the SYS_QUERY_HISTORY columns of an exported CSV or Parquet file, one array per column. */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '@autoslo/config';
import { readCsvColumns } from '../io/read-csv-records.js';
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
  if (ext === '.csv') return readHistoryCsv(file);
  if (ext !== '.parquet') {
    throw new InputError({
      file,
      message: `unsupported history file type '${ext || '(none)'}'`,
      expected: '.parquet or .csv with SYS_QUERY_HISTORY columns',
    });
  }
  const { buffer, metadata } = await openParquet(file);
  const present = [...parquetColumns(metadata).keys()];
  checkRequired(file, present);
  const names = [
    ...REQUIRED_HISTORY_COLUMNS,
    ...OPTIONAL_HISTORY_COLUMNS.filter((c) => present.includes(c)),
  ];
  return {
    source: file,
    length: Number(metadata.num_rows),
    columns: await readParquetColumns(buffer, metadata, names, file),
    lines: null,
  };
}

function checkRequired(file: string, present: readonly string[]): void {
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
}

/** A history CSV, streamed: the wanted columns' text and each row's line. */
async function readHistoryCsv(file: string): Promise<HistoryTable> {
  const table = await readCsvColumns(file, (header) => {
    checkRequired(file, header);
    return [...REQUIRED_HISTORY_COLUMNS, ...OPTIONAL_HISTORY_COLUMNS].filter((c) =>
      header.includes(c),
    );
  });
  return { source: file, ...table };
}
