/** Writes an import's workload to `workloads/<name>.parquet` and its profile to `profiles/<name>.yml`. */
import { join } from 'node:path';
import { writeFileAtomic } from '@autoslo/config';
import { writeWorkloadParquet } from '../io/write-workload-parquet.js';
import type { RedsetImport } from './import-redset.js';
import { latencyProfileYaml } from './latency-profile.js';

export async function saveRedsetImport(
  result: RedsetImport,
  options: { dataDir: string },
): Promise<{ workloadFile: string; profileFile: string }> {
  const workloadFile = join(options.dataDir, 'workloads', `${result.name}.parquet`);
  const profileFile = join(options.dataDir, 'profiles', `${result.name}.yml`);
  await writeWorkloadParquet(workloadFile, result.trace);
  await writeFileAtomic(profileFile, latencyProfileYaml(result.profile));
  return { workloadFile, profileFile };
}
