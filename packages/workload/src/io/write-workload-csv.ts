/** Writes a trace as CSV with the Parquet column names; times in UTC, `YYYY-MM-DD HH:MM:SS.ffffff`. */
import { writeFileAtomic } from '@autoslo/config';
import type { Trace } from '../trace.js';
import { csvField } from './csv-field.js';
import { formatTimestampMs } from './timestamp.js';
import { REQUIRED_WORKLOAD_COLUMNS, WORKLOAD_COLUMNS } from './workload-columns.js';

/** The CSV text of a trace. */
export function workloadCsvText(trace: Trace): string {
  const header = [...REQUIRED_WORKLOAD_COLUMNS];
  if (trace.isolatedLatencyS) header.push(WORKLOAD_COLUMNS.isolatedLatencyS);
  const lines = [header.join(',')];
  for (let i = 0; i < trace.length; i++) {
    let line = `${trace.queryId[i]},${formatTimestampMs(trace.absStartMs[i] as number)},${csvField(trace.queryTextId[i] as string)},${trace.repetitionId[i]}`;
    if (trace.isolatedLatencyS) {
      const x = trace.isolatedLatencyS[i] as number;
      line += Number.isNaN(x) ? ',' : `,${x}`;
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes a trace as CSV, atomically. */
export async function writeWorkloadCsv(path: string, trace: Trace): Promise<void> {
  await writeFileAtomic(path, workloadCsvText(trace));
}
