/** Reads the Redset columns the importer needs from Parquet or CSV, as one array per column. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '@autoslo/config';
import { parseCsv } from '../io/parse-csv.js';
import { openParquet, parquetColumns, readParquetColumns } from '../io/read-workload-parquet.js';
import { OPTIONAL_REDSET_COLUMNS, REQUIRED_REDSET_COLUMNS } from './redset-columns.js';

export interface RedsetColumns {
  readonly length: number;
  readonly columns: ReadonlyMap<string, ArrayLike<unknown>>;
  /** CSV line of each row (Parquet: none). */
  readonly lines: readonly number[] | null;
}

export async function readRedsetColumns(file: string): Promise<RedsetColumns> {
  const ext = extname(file).toLowerCase();
  let present: string[];
  let load: (names: string[]) => Promise<RedsetColumns>;
  if (ext === '.parquet') {
    const { buffer, metadata } = await openParquet(file);
    present = [...parquetColumns(metadata).keys()];
    load = async (names) => ({
      length: Number(metadata.num_rows),
      columns: await readParquetColumns(buffer, metadata, names, file),
      lines: null,
    });
  } else if (ext === '.csv') {
    const table = parseCsv(await readFile(file, 'utf8'), file);
    present = table.header;
    load = async (names) => ({
      length: table.lines.length,
      columns: new Map(names.map((n) => [n, table.columns[table.header.indexOf(n)] as string[]])),
      lines: table.lines,
    });
  } else {
    throw new InputError({
      file,
      message: `unsupported Redset file type '${ext || '(none)'}'`,
      expected: '.parquet or .csv',
    });
  }
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
  const wanted = [
    ...REQUIRED_REDSET_COLUMNS,
    ...OPTIONAL_REDSET_COLUMNS.filter((c) => present.includes(c)),
  ];
  return load(wanted);
}
