/**
 * The command that would produce a missing run: the execution manifest that lists the same
 * (workload, config id) pair if there is one, else a `simulate` call with the point's params.
 * A tuned config that is not published yet is first tuned by the tuning manifest naming it.
 */
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  configStem,
  type DataDir,
  execConfigRefOf,
  formatParamValue,
  loadExecutionManifest,
  loadTuningManifest,
  makeRunId,
  type Params,
  type PlotPoint,
  resolveConfigRef,
  workloadId,
} from '@autoslo/config';
import type { PointRun } from './locate-point.js';

interface ManifestPair {
  readonly manifest: string;
  readonly workloadId: string;
  readonly configId: string;
}

/** Every (workload id, config id) pair each execution manifest runs in this mode. */
export async function executionManifestPairs(
  dataDir: DataDir,
  live: boolean,
): Promise<ManifestPair[]> {
  let files: string[];
  try {
    files = (await readdir(dataDir.manifestsDir('execution')))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return [];
  }
  const pairs: ManifestPair[] = [];
  for (const file of files) {
    try {
      const loaded = await loadExecutionManifest(join(dataDir.manifestsDir('execution'), file), {
        dataDir,
      });
      for (const entry of loaded.value.main_content) {
        const ref = execConfigRefOf(entry, live);
        pairs.push({
          manifest: loaded.stem,
          workloadId: workloadId(entry.workload_config),
          configId: makeRunId([configStem(resolveConfigRef(ref, dataDir))], entry.params),
        });
      }
    } catch {
      // A malformed manifest cannot name the run; `validate` reports its problems.
    }
  }
  return pairs;
}

/**
 * `tune --tuning-manifest <m>` when the point's execution config does not exist yet and a
 * tuning manifest publishes it (its run name is the config's stem under `tuned/`), else null.
 */
export async function tunePrerequisite(
  configRef: string,
  dataDir: DataDir,
): Promise<string | null> {
  const file = resolveConfigRef(configRef, dataDir);
  try {
    await access(file);
    return null;
  } catch {
    // Not published yet: look for the tuning manifest that publishes it.
  }
  if (file !== dataDir.tunedConfig(configStem(file))) return null;
  let manifests: string[];
  try {
    manifests = (await readdir(dataDir.manifestsDir('tuning')))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch {
    return null;
  }
  for (const m of manifests) {
    try {
      const loaded = await loadTuningManifest(join(dataDir.manifestsDir('tuning'), m), { dataDir });
      if (Object.hasOwn(loaded.value.main_content, configStem(file))) {
        return `pnpm autoslo tune --tuning-manifest ${shellWord(loaded.stem)}`;
      }
    } catch {
      // A malformed manifest cannot name the run; `validate` reports its problems.
    }
  }
  return null;
}

/** Quote a shell word when it holds anything but plain characters. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function paramFlags(params: Params): string[] {
  return Object.keys(params)
    .sort()
    .flatMap((k) => ['--param', shellWord(`${k}=${formatParamValue(params[k] ?? null)}`)]);
}

export function produceCommand(
  point: PlotPoint,
  run: PointRun,
  live: boolean,
  manifests: readonly ManifestPair[],
  /** A command to run first (see `tunePrerequisite`), joined with `&&`. */
  prerequisite: string | null = null,
): string {
  const command = runCommand(point, run, live, manifests);
  return prerequisite ? `${prerequisite} && ${command}` : command;
}

function runCommand(
  point: PlotPoint,
  run: PointRun,
  live: boolean,
  manifests: readonly ManifestPair[],
): string {
  const listed = manifests.find(
    (m) => m.workloadId === run.workloadId && m.configId === run.configId,
  );
  if (listed) {
    return `pnpm autoslo execute --execution-manifest ${shellWord(listed.manifest)}${live ? ' --live' : ''}`;
  }
  if (live) {
    return `add {workload_config: ${run.workloadId}, execution_config: ${run.configRef}} to an execution manifest, then pnpm autoslo execute --execution-manifest <name> --live`;
  }
  const w = point.workload_config;
  return [
    'pnpm autoslo simulate --execution-config',
    shellWord(run.configRef),
    ...paramFlags(point.params),
    '--workload',
    shellWord(w.workload_name),
    ...(w.target_date ? ['--target-date', shellWord(w.target_date)] : []),
    '--rescale-factor',
    String(w.rescale_factor ?? 1),
  ].join(' ');
}
