import { join, resolve } from 'node:path';

export type ManifestKind = 'tuning' | 'execution' | 'plotting';

function withYml(name: string): string {
  return /\.ya?ml$/.test(name) ? name : `${name}.yml`;
}

/**
 * Every path of the data directory in one place (design.md "Data directory"). Methods only
 * compute paths; nothing here touches the disk.
 */
export class DataDir {
  constructor(readonly root: string) {}

  get executionConfigsDir(): string {
    return join(this.root, 'execution_configs');
  }
  /** `execution_configs/<subpath>.yml`, e.g. `handmade/main_eval_base_v8`. */
  executionConfig(subpathOrName: string): string {
    return join(this.executionConfigsDir, withYml(subpathOrName));
  }
  /** Where the tuner publishes a run's final config: `execution_configs/tuned/<name>.yml`. */
  tunedConfig(name: string): string {
    return join(this.executionConfigsDir, 'tuned', withYml(name));
  }
  get tunerConfigsDir(): string {
    return join(this.root, 'tuner_configs');
  }
  tunerConfig(name: string): string {
    return join(this.tunerConfigsDir, withYml(name));
  }
  manifestsDir(kind: ManifestKind): string {
    return join(this.root, 'manifests', kind);
  }
  manifest(kind: ManifestKind, name: string): string {
    return join(this.manifestsDir(kind), withYml(name));
  }
  get workloadsDir(): string {
    return join(this.root, 'workloads');
  }
  /** `workloads/<name>.parquet`. */
  workload(name: string): string {
    return join(this.workloadsDir, `${name}.parquet`);
  }
  /**
   * Where a `workload_config`'s trace may be, in the order tried: `<dir>/<name>.parquet`, then
   * `.csv`, with `<dir>` its `workload_dir` (relative to the data dir) or `workloads/`.
   */
  workloadFiles(cfg: {
    readonly workload_name: string;
    readonly workload_dir?: string | null;
  }): [string, string] {
    const dir = cfg.workload_dir ? resolve(this.root, cfg.workload_dir) : this.workloadsDir;
    return [join(dir, `${cfg.workload_name}.parquet`), join(dir, `${cfg.workload_name}.csv`)];
  }
  get slosDir(): string {
    return join(this.root, 'slos');
  }
  sloFile(filename: string): string {
    return join(this.slosDir, filename);
  }
  get profilesDir(): string {
    return join(this.root, 'profiles');
  }
  get simulatorRunsDir(): string {
    return join(this.root, 'simulator_runs');
  }
  /** `simulator_runs/<workload id>/<execution config id>/`. */
  simulatorRun(workloadId: string, configId: string): string {
    return join(this.simulatorRunsDir, workloadId, configId);
  }
  get tunerRunsDir(): string {
    return join(this.root, 'tuner_runs');
  }
  tunerRun(name: string): string {
    return join(this.tunerRunsDir, name);
  }
  /** Live runs. */
  get runsDir(): string {
    return join(this.root, 'runs');
  }
  run(runId: string): string {
    return join(this.runsDir, runId);
  }
  /** The live-run index `runs/map.yml` (run id, workload id, config id, start time). */
  get runIndex(): string {
    return join(this.runsDir, 'map.yml');
  }
  get plotsDir(): string {
    return join(this.root, 'plots');
  }
  /** `plots/<name>.png`; companions (`_bars.png`, `.csv`, `.tex`) sit beside it. */
  plot(name: string): string {
    return join(this.plotsDir, `${name}.png`);
  }
  get queryTextsDir(): string {
    return join(this.root, 'query_texts');
  }
  /** `query_texts/<schema>/<query_text_id>.sql`. */
  queryText(schema: string, queryTextId: string): string {
    return join(this.queryTextsDir, schema, `${queryTextId}.sql`);
  }
}

/** A `DataDir` from either a root path or an existing `DataDir`. */
export function toDataDir(dataDir: string | DataDir): DataDir {
  return typeof dataDir === 'string' ? new DataDir(dataDir) : dataDir;
}
