/**
 * Writes an imported history: `workloads/<name>.parquet`, `measurements/<name>.parquet` and
 * `query_texts/<schema>/<TTT>.sql` (the directory built aside and renamed). Existing
 * outputs are replaced only with `force`; otherwise nothing is written.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDir, InputError, writeDirAtomic } from '@autoslo/config';
import { writeWorkloadParquet } from '../io/write-workload-parquet.js';
import type { HistoryImport } from './import-history.js';
import { writeMeasuredLatencies } from './measured-latencies.js';

export interface SavedHistoryImport {
  readonly workloadFile: string;
  readonly measuredFile: string;
  readonly queryTextsDir: string;
}

/** Path of the measured-latency table of workload `name`. */
export function measuredLatenciesFile(dataDir: string, name: string): string {
  return join(dataDir, 'measurements', `${name}.parquet`);
}

export async function saveHistoryImport(
  result: HistoryImport,
  options: { dataDir: string; force?: boolean },
): Promise<SavedHistoryImport> {
  const dir = new DataDir(options.dataDir);
  const workloadFile = dir.workload(result.name);
  const measuredFile = measuredLatenciesFile(options.dataDir, result.name);
  const queryTextsDir = join(options.dataDir, 'query_texts', result.schema);
  if (!options.force) {
    const existing = [workloadFile, measuredFile, queryTextsDir].filter((f) => existsSync(f));
    if (existing.length > 0) {
      throw new InputError(
        existing.map((file) => ({ file, message: 'already exists (use --force to replace it)' })),
      );
    }
  }
  await writeDirAtomic(queryTextsDir, async (tmp) => {
    for (const t of result.templates) {
      const note = t.truncated ? '-- truncated by SYS_QUERY_HISTORY at 4,000 characters\n' : '';
      await writeFile(join(tmp, `${String(t.template).padStart(3, '0')}.sql`), `${note}${t.sql}\n`);
    }
  });
  await writeMeasuredLatencies(measuredFile, result.measured);
  await writeWorkloadParquet(workloadFile, result.trace);
  return { workloadFile, measuredFile, queryTextsDir };
}
