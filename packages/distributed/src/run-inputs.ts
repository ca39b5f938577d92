/**
 * The files a simulation reads besides its workload: the SLO table
 * (`slo_resolver_config.slo_dict_filename`, under `slos/`) and the latency profile
 * (`latency_model_config.profile_filename`, under `slos/` or else `profiles/`). The
 * submitter reads them from its data dir; workers rebuild that slice of a data dir from
 * their contents, so no machine needs a shared disk.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '@autoslo/config';
import type { SimulationConfig } from '@autoslo/simulator';

/** A file a config reads: its path relative to the data dir, and where it is here. */
export interface RunInputFile {
  readonly path: string;
  readonly file: string;
}

function relative(filename: string, field: string): void {
  if (isAbsolute(filename) || filename.split(/[\\/]/).includes('..'))
    throw new InputError({
      path: field,
      message: `${filename}: runs on workers read inputs relative to the data dir; give a name under slos/ (or profiles/)`,
    });
}

/**
 * The input files of `config`, as the simulator resolves them against `dataDir`. Missing
 * files are left out: the worker then fails exactly as a local run would.
 * @throws InputError for an absolute path or one leaving the data dir.
 */
export function runInputFiles(config: SimulationConfig, dataDir: string): RunInputFile[] {
  const files: RunInputFile[] = [];
  const table = config.slo_resolver_config?.slo_dict_filename;
  if (typeof table === 'string' && table !== '') {
    relative(table, 'slo_resolver_config.slo_dict_filename');
    files.push({ path: join('slos', table), file: join(dataDir, 'slos', table) });
  }
  const profile = config.latency_model_config?.profile_filename;
  if (typeof profile === 'string' && profile !== '') {
    relative(profile, 'latency_model_config.profile_filename');
    const inSlos = join('slos', profile);
    const path = existsSync(join(dataDir, inSlos)) ? inSlos : join('profiles', profile);
    files.push({ path, file: join(dataDir, path) });
  }
  return files.filter((f) => existsSync(f.file));
}
