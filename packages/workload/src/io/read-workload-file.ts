/** Reads a workload file by its extension: `.parquet` or `.csv`. */
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '@autoslo/config';
import type { Trace } from '../trace.js';
import { readWorkloadCsv } from './read-workload-csv.js';
import { readWorkloadParquet, type WorkloadReadOptions } from './read-workload-parquet.js';

/**
 * `options.window` lets a Parquet read skip row groups outside it, and a CSV read drop the
 * rows outside it as they stream by.
 * @throws InputError for a missing file, an unknown extension or any bad row
 */
export async function readWorkloadFile(
  file: string,
  options: WorkloadReadOptions = {},
): Promise<Trace> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.parquet' && ext !== '.csv') {
    throw new InputError({
      file,
      message: `unsupported workload file type '${ext || '(none)'}'`,
      expected: '.parquet or .csv',
    });
  }
  try {
    await stat(file);
  } catch {
    throw new InputError({ file, message: 'workload file not found' });
  }
  return ext === '.parquet' ? readWorkloadParquet(file, options) : readWorkloadCsv(file, options);
}
