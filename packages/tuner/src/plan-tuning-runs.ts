/**
 * Which tuning runs a `tune` invocation asks for: every entry of a tuning manifest (the key
 * is the run name), or one run from an execution config, a tuner config and params (named
 * `<exec stem>__<tuner stem>__KEY=value...`). Both configs are loaded with the same params.
 */
import {
  InputError,
  loadExecutionConfig,
  loadTunerConfig,
  loadTuningManifest,
  makeRunId,
  type Params,
} from '@autoslo/config';
import { isTuningRunPublished, type TuningRunSpec } from './tuning-run.js';

export interface TuningPlanInput {
  /** A tuning manifest name (under `manifests/tuning/`) or path. */
  readonly manifest?: string;
  /** Single-run mode: an execution config and a tuner config (refs or paths), and params. */
  readonly initialExecutionConfig?: string;
  readonly tunerConfig?: string;
  readonly params?: Params;
}

export interface PlannedTuningRun {
  readonly spec: TuningRunSpec;
  readonly execFile: string;
  readonly tunerFile: string;
  readonly params: Params;
  /** Already published (`execution_configs/tuned/<name>.yml` exists). */
  readonly published: boolean;
}

/**
 * Loads every config the invocation names, so that all input problems surface before any
 * run starts.
 * @throws InputError for a missing or invalid manifest or config, or a wrong flag mix.
 */
export async function planTuningRuns(
  input: TuningPlanInput,
  options: { readonly dataDir: string; readonly cwd?: string },
): Promise<PlannedTuningRun[]> {
  const single = input.initialExecutionConfig !== undefined || input.tunerConfig !== undefined;
  if (input.manifest !== undefined && single) {
    throw new InputError({
      message: 'give either a tuning manifest or an execution config and a tuner config, not both',
    });
  }
  const entries: { name: string | null; exec: string; tuner: string; params: Params }[] = [];
  if (input.manifest !== undefined) {
    if (input.params && Object.keys(input.params).length > 0) {
      throw new InputError({
        path: '--param',
        message: 'params come from the manifest in manifest mode',
      });
    }
    const manifest = await loadTuningManifest(input.manifest, options);
    for (const [name, entry] of Object.entries(manifest.value.main_content)) {
      entries.push({
        name,
        exec: entry.configs.initial_execution_config,
        tuner: entry.configs.tuner_config,
        params: entry.params,
      });
    }
  } else {
    if (input.initialExecutionConfig === undefined || input.tunerConfig === undefined) {
      throw new InputError({
        message: 'give a tuning manifest, or both an initial execution config and a tuner config',
      });
    }
    entries.push({
      name: null,
      exec: input.initialExecutionConfig,
      tuner: input.tunerConfig,
      params: input.params ?? {},
    });
  }
  const planned: PlannedTuningRun[] = [];
  const problems: InputError[] = [];
  for (const entry of entries) {
    try {
      const load = {
        dataDir: options.dataDir,
        params: entry.params,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      };
      const exec = await loadExecutionConfig(entry.exec, load);
      const tuner = await loadTunerConfig(entry.tuner, load);
      // A --param no placeholder uses would only change the run's name (a typo, most likely).
      // Manifest entries share params between configs, as in the reference: not checked.
      const unused = Object.keys(entry.params).filter(
        (k) => !exec.usedParams.has(k) && !tuner.usedParams.has(k),
      );
      if (entry.name === null && unused.length > 0) {
        throw new InputError(
          unused.map((k) => ({
            file: exec.file,
            path: `--param ${k}`,
            message: `no <${k}> placeholder in ${exec.file} or ${tuner.file}; check the name`,
          })),
        );
      }
      const name = entry.name ?? makeRunId([exec.stem, tuner.stem], entry.params);
      planned.push({
        spec: { name, initialConfig: exec.value, tunerConfig: tuner.value },
        execFile: exec.file,
        tunerFile: tuner.file,
        params: entry.params,
        published: await isTuningRunPublished(name, options.dataDir),
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new InputError(problems.flatMap((e) => e.issues));
  return planned;
}
