/**
 * An execution manifest's preflight plan, for both clocks: every entry loaded (config and
 * workload) and given an action: run, or skip because it exists, is missing or belongs to
 * another split. The simulator runs the plan in simulated time, the live runner on a
 * warehouse (which decides "exists" from its own run index).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataDir,
  type ExecutionConfig,
  type ExecutionManifestEntry,
  execConfigRefOf,
  isInputError,
  loadExecutionConfig,
  loadExecutionManifest,
  makeRunId,
  resolveConfigRef,
  workloadId,
} from '@autoslo/config';
import { type LoadedWorkload, loadWorkload } from '@autoslo/workload';
import { EXECUTION_CONFIG_FILENAME } from '../result/index.js';

export type PlanAction = 'run' | 'skip-exists' | 'skip-missing' | 'skip-split';

export interface PlannedRun {
  readonly index: number;
  readonly configLabel: string;
  readonly workloadId: string;
  readonly outDir: string;
  readonly action: PlanAction;
  readonly reason: string | null;
  /** Last arrival, seconds since start (the planned simulated duration); NaN if unknown. */
  readonly maxRelTimeS: number;
  readonly config: ExecutionConfig | null;
  readonly workload: LoadedWorkload | null;
}

export interface ExecutionPlan {
  readonly manifestFile: string;
  readonly runs: readonly PlannedRun[];
}

export interface PlanOptions {
  readonly dataDir: string;
  readonly force?: boolean;
  readonly splits?: number;
  readonly splitIndex?: number;
  readonly cwd?: string;
}

/** Loads the manifest, its configs and workloads, and decides what each entry does. */
export async function planExecution(
  manifest: string,
  options: PlanOptions,
): Promise<ExecutionPlan> {
  const dir = new DataDir(options.dataDir);
  const loaded = await loadExecutionManifest(manifest, {
    dataDir: options.dataDir,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  const workloads = new Map<string, Promise<LoadedWorkload>>();
  const runs: PlannedRun[] = [];
  const entries = loaded.value.main_content as readonly ExecutionManifestEntry[];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as ExecutionManifestEntry;
    const ref = execConfigRefOf(entry, false);
    const file = resolveConfigRef(ref, options.dataDir, options.cwd);
    const stem = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
    const params = entry.params ?? {};
    const configLabel = makeRunId([stem], params);
    const wid = workloadId(entry.workload_config);
    const outDir = dir.simulatorRun(wid, configLabel);
    const base = { index: i, configLabel, workloadId: wid, outDir };
    if (options.splits !== undefined && i % options.splits !== (options.splitIndex ?? 0)) {
      runs.push({
        ...base,
        action: 'skip-split',
        reason: null,
        maxRelTimeS: Number.NaN,
        config: null,
        workload: null,
      });
      continue;
    }
    let config: ExecutionConfig;
    let workload: LoadedWorkload;
    try {
      if (!existsSync(file)) throw new Error(`execution config ${file} not found`);
      config = (
        await loadExecutionConfig(ref, {
          dataDir: options.dataDir,
          params,
          overrides: { workload_config: entry.workload_config },
        })
      ).value;
      let pending = workloads.get(wid);
      if (pending === undefined) {
        pending = loadWorkload(entry.workload_config, { dataDir: options.dataDir });
        workloads.set(wid, pending);
      }
      workload = await pending;
    } catch (error) {
      if (!isInputError(error) && !(error instanceof Error && /not found/.test(error.message)))
        throw error;
      runs.push({
        ...base,
        action: 'skip-missing',
        reason: (error as Error).message.split('\n')[0] ?? null,
        maxRelTimeS: Number.NaN,
        config: null,
        workload: null,
      });
      continue;
    }
    const maxRel =
      workload.relStartS.length > 0
        ? (workload.relStartS[workload.relStartS.length - 1] as number)
        : 0;
    const exists = existsSync(join(outDir, EXECUTION_CONFIG_FILENAME));
    runs.push({
      ...base,
      action: exists && !options.force ? 'skip-exists' : 'run',
      reason: null,
      maxRelTimeS: maxRel,
      config,
      workload,
    });
  }
  return { manifestFile: loaded.file, runs };
}
