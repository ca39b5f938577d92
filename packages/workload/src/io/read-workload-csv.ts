/** Reads a workload CSV file (header with the Parquet column names) into a `Trace`. */
import { readFile } from 'node:fs/promises';
import { InputError } from '@autoslo/config';
import type { Trace } from '../trace.js';
import { assembleTrace } from './assemble-trace.js';
import { parseCsv } from './parse-csv.js';
import { REQUIRED_WORKLOAD_COLUMNS, WORKLOAD_COLUMNS } from './workload-columns.js';

/** Reads and validates a workload CSV. @throws InputError naming the line, column and row */
export async function readWorkloadCsv(file: string): Promise<Trace> {
  const table = parseCsv(await readFile(file, 'utf8'), file);
  const index = new Map<string, number>();
  table.header.forEach((h, c) => {
    if (index.has(h)) {
      throw new InputError({
        file,
        line: 1,
        column: c + 1,
        path: h,
        message: `column '${h}' appears twice in the header`,
      });
    }
    index.set(h, c);
  });
  const missing = REQUIRED_WORKLOAD_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file,
        line: 1,
        path: c,
        message: `missing column '${c}'`,
        expected: `columns ${REQUIRED_WORKLOAD_COLUMNS.join(', ')}`,
        received: table.header.join(', '),
      })),
    );
  }
  const col = (name: string): string[] => table.columns[index.get(name) as number] as string[];
  const C = WORKLOAD_COLUMNS;
  return assembleTrace(
    {
      length: table.lines.length,
      queryId: col(C.queryId),
      absStart: col(C.absStartTime),
      queryTextId: col(C.queryTextId),
      repetitionId: col(C.repetitionId),
      ...(index.has(C.isolatedLatencyS) ? { isolatedLatencyS: col(C.isolatedLatencyS) } : {}),
    },
    file,
    (row, column) => ({ line: table.lines[row] as number, column: (index.get(column) ?? 0) + 1 }),
  );
}
