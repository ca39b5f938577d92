/**
 * Validate any config file, and for a manifest every config it references with each entry's
 * params, as `autoslo validate` does. Problems are collected, never thrown.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { displayPath } from './_issues.js';
import { type CheckResult, checkConfigText } from './check-text.js';
import { type ConfigKind, inferConfigKind, isManifestKind, SCHEMA_OF_KIND } from './config-kind.js';
import { type DataDir, toDataDir } from './data-dir.js';
import { InputError, type InputIssue, isInputError } from './errors.js';
import { readConfigText } from './load.js';
import { formatParamValue, type Params } from './params.js';
import { substitutePlaceholders } from './placeholders.js';
import { resolveConfigRef } from './refs.js';
import type { ExecutionConfig } from './schemas/execution-config.js';
import type { ExecutionManifest, TuningManifest } from './schemas/manifests.js';
import { type PlottingManifest, plotPanels } from './schemas/plotting-manifest.js';
import type { SloResolverConfig } from './schemas/slo-configs.js';
import type { TunerConfig } from './schemas/tuner-config.js';
import type { WorkloadConfig } from './schemas/workload-config.js';
import { settingNotes } from './setting-notes.js';
import type { PathKey } from './yaml-tree.js';

export interface CheckedFile {
  readonly file: string;
  readonly kind: ConfigKind;
  readonly params: Params;
}

export interface ValidationReport {
  readonly kind: ConfigKind;
  readonly file: string;
  readonly valid: boolean;
  /** Every problem, in this file and in the configs it references. */
  readonly issues: readonly InputIssue[];
  /** Things that do not make the file invalid (e.g. a tuned config not produced yet). */
  readonly warnings: readonly InputIssue[];
  /** The target first, then each distinct (referenced file, params) checked. */
  readonly checked: readonly CheckedFile[];
}

export interface ValidateOptions {
  readonly dataDir: string | DataDir;
  /** The file kind; inferred from the reference scheme or the path when absent. */
  readonly kind?: ConfigKind;
  /** Placeholder values for a config (a manifest's entries bring their own). */
  readonly params?: Params;
  readonly cwd?: string;
  /** Reuse parsed files across calls that see the same files (not across file changes). */
  readonly cache?: ValidationCache;
  /**
   * Checking before a run (`simulate`, `execute`, `tune`): every workload a config names must
   * exist, and a tuned config not produced yet is an issue, not a warning.
   */
  readonly forRun?: boolean;
  /** Dotted-path overrides applied to the target config (not to a manifest's configs). */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

/**
 * Texts and check results shared by several validations in one pass (e.g. a whole data dir),
 * so a config used by many manifests is parsed once per distinct substituted text.
 */
export class ValidationCache {
  readonly texts = new Map<string, Promise<string>>();
  readonly results = new Map<string, CheckResult<unknown>>();
}

class Validation {
  readonly issues: InputIssue[] = [];
  readonly warnings: InputIssue[] = [];
  readonly checked: CheckedFile[] = [];
  private readonly seenIssues = new Set<string>();
  /** Files whose setting notes are given already (once per file, whatever the params). */
  private readonly noted = new Set<string>();
  private readonly results: Map<string, CheckResult<unknown>>;
  private readonly texts: Map<string, Promise<string>>;

  constructor(
    readonly dataDir: DataDir,
    cache: ValidationCache = new ValidationCache(),
    readonly forRun = false,
  ) {
    this.results = cache.results;
    this.texts = cache.texts;
  }

  addIssue(issue: InputIssue): void {
    const key = JSON.stringify(issue);
    if (this.seenIssues.has(key)) return;
    this.seenIssues.add(key);
    this.issues.push(issue);
  }

  /** Check one file once per (params, overrides). */
  async check(
    file: string,
    kind: ConfigKind,
    params: Params,
    overrides?: Record<string, unknown>,
  ): Promise<CheckResult<unknown>> {
    let text = this.texts.get(file);
    if (!text) {
      text = readConfigText(file);
      this.texts.set(file, text);
    }
    let source: string;
    try {
      source = await text;
    } catch (error) {
      if (!isInputError(error)) throw error;
      for (const issue of error.issues) this.addIssue(issue);
      return { issues: error.issues, usedParams: new Set() };
    }
    // Entries often differ only in params a file does not use: check each distinct text once.
    const substitute = kind === 'execution-config' || kind === 'tuner-config';
    const substituted = substitute ? substitutePlaceholders(source, params).text : source;
    const key = JSON.stringify([file, kind, substituted, overrides ?? null]);
    this.checked.push({ file, kind, params });
    let result = this.results.get(key);
    if (!result) {
      result = checkConfigText(source, file, SCHEMA_OF_KIND[kind], {
        ...(substitute ? { params } : {}),
        ...(overrides ? { overrides } : {}),
        ...(isManifestKind(kind) ? { markFloatsUnder: 'params' } : {}),
      });
      this.results.set(key, result);
    }
    for (const issue of result.issues) this.addIssue(issue);
    if ((kind === 'execution-config' || kind === 'tuner-config') && !this.noted.has(file)) {
      this.noted.add(file);
      this.warnings.push(...settingNotes(source, file, kind));
    }
    if (result.value !== undefined && result.locate) {
      if (kind === 'execution-config') this.checkExecutionRefs(file, result);
      if (kind === 'tuner-config' && this.forRun) {
        const reservoir = (result.value as TunerConfig).sampling_config.forecaster_config
          ?.reservoir_config;
        const at = ['sampling_config', 'forecaster_config', 'reservoir_config'];
        if (reservoir) this.checkWorkload(file, reservoir, at, result);
      }
    }
    return result;
  }

  /** The SLO table and latency profile (and, before a run, the workload) a config names must exist. */
  private checkExecutionRefs(file: string, result: CheckResult<unknown>): void {
    const cfg = result.value as ExecutionConfig;
    this.checkSloFile(file, cfg.slo_resolver_config, ['slo_resolver_config'], result);
    if (this.forRun) this.checkWorkload(file, cfg.workload_config, ['workload_config'], result);
    const profile = cfg.latency_model_config.profile_filename;
    if (profile !== null) {
      const candidates = [
        this.dataDir.sloFile(profile),
        resolve(this.dataDir.profilesDir, profile),
      ];
      if (!candidates.some((c) => existsSync(c))) {
        this.addIssue({
          file,
          ...result.locate?.(['latency_model_config', 'profile_filename']),
          path: 'latency_model_config.profile_filename',
          message: `latency profile '${profile}' not found in slos/ or profiles/ of the data dir`,
        });
      }
    }
  }

  checkWorkload(
    file: string,
    workload: Pick<WorkloadConfig, 'workload_name' | 'workload_dir'>,
    at: PathKey[],
    result: CheckResult<unknown>,
  ): void {
    const candidates = this.dataDir.workloadFiles(workload);
    if (candidates.some((c) => existsSync(c))) return;
    const path = [...at, 'workload_name'];
    this.addIssue({
      file,
      ...result.locate?.(path),
      path: displayPath(path),
      message: `no workload '${workload.workload_name}' (.parquet or .csv) in ${dirname(candidates[0] as string)}`,
    });
  }

  checkSloFile(
    file: string,
    resolver: SloResolverConfig,
    at: PathKey[],
    result: CheckResult<unknown>,
  ): void {
    const name = resolver.slo_dict_filename;
    if (name === null || existsSync(this.dataDir.sloFile(name))) return;
    const path = [...at, 'slo_dict_filename'];
    this.addIssue({
      file,
      ...result.locate?.(path),
      path: displayPath(path),
      message: `SLO table '${name}' not found in ${this.dataDir.slosDir}`,
    });
  }

  /** Check a config a manifest entry references, reporting reference problems at the entry. */
  async checkRef(
    manifest: string,
    manifestResult: CheckResult<unknown>,
    at: PathKey[],
    ref: string,
    kind: 'execution-config' | 'tuner-config',
    params: Params,
    workload?: WorkloadConfig,
  ): Promise<void> {
    const where = {
      file: manifest,
      ...manifestResult.locate?.(at),
      path: displayPath(at),
    };
    let file: string;
    try {
      file = resolveConfigRef(ref, this.dataDir);
    } catch (error) {
      if (!isInputError(error)) throw error;
      for (const issue of error.issues) this.addIssue({ ...issue, ...where });
      return;
    }
    if (!existsSync(file)) {
      const tuned = resolve(file).startsWith(
        `${resolve(this.dataDir.tunedConfig('x'), '..')}${sep}`,
      );
      const issue = {
        ...where,
        message: tuned
          ? `'${ref}' is not produced yet (the tuner publishes it); run its tuning manifest first`
          : `'${ref}' not found: ${file}`,
      };
      if (tuned && !this.forRun) this.warnings.push(issue);
      else this.addIssue(issue);
      return;
    }
    const overrides = workload ? { workload_config: workload } : undefined;
    const before = this.issues.length;
    const result = await this.check(file, kind, params, overrides);
    // Its own issues, or a file it names that is missing (an SLO table, a workload).
    const problems = Math.max(result.issues.length, this.issues.length - before);
    if (problems > 0) {
      this.addIssue({
        ...where,
        message: `'${ref}' with params {${paramsKey(params)}} is invalid (${problems} problem(s) in ${file})`,
      });
    }
  }
}

function paramsKey(params: Params): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${formatParamValue(params[k] ?? null)}`)
    .join(', ');
}

function resolveTarget(
  target: string,
  options: ValidateOptions,
): { file: string; kind: ConfigKind | undefined } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(target)?.[1]?.toLowerCase();
  const file = resolveConfigRef(target, options.dataDir, options.cwd);
  const fromScheme: ConfigKind | undefined =
    scheme === 'exec' ? 'execution-config' : scheme === 'tuner' ? 'tuner-config' : undefined;
  return { file, kind: options.kind ?? fromScheme ?? inferConfigKind(file) };
}

/**
 * Validate a file or reference. A manifest's referenced configs are checked with each entry's
 * params (and, for execution and plotting entries, the entry's `workload_config` in place of
 * the config's, as the runs will use it).
 * @throws InputError only when the kind cannot be inferred or the reference is malformed.
 */
export async function validateConfigFile(
  target: string,
  options: ValidateOptions,
): Promise<ValidationReport> {
  const { file, kind } = resolveTarget(target, options);
  if (kind === undefined) {
    throw new InputError({
      file,
      message:
        'cannot tell the kind of this file from its place in a data dir; pass --kind (execution-config, tuner-config, tuning-manifest, execution-manifest, plotting-manifest, slo-table)',
    });
  }
  const run = new Validation(toDataDir(options.dataDir), options.cache, options.forRun === true);
  const params = isManifestKind(kind) ? {} : (options.params ?? {});
  const overrides = isManifestKind(kind) ? undefined : options.overrides;
  const result = await run.check(file, kind, params, overrides && { ...overrides });
  if (isManifestKind(kind) && Object.keys(options.params ?? {}).length > 0) {
    run.warnings.push({
      file,
      message: "--param is ignored for a manifest: each entry's params apply",
    });
  }
  // The reference only logs unused params; a warning catches typos such as KAPA=4.
  const unused = Object.keys(params).filter((k) => !result.usedParams.has(k));
  if (unused.length > 0 && (kind === 'execution-config' || kind === 'tuner-config')) {
    run.warnings.push({ file, message: `params not used by this file: ${unused.join(', ')}` });
  }
  if (result.value !== undefined) {
    if (kind === 'execution-manifest') {
      const m = result.value as ExecutionManifest;
      for (const [i, e] of m.main_content.entries()) {
        for (const key of [
          'execution_config',
          'sim_execution_config',
          'live_execution_config',
        ] as const) {
          const ref = e[key];
          if (ref === undefined) continue;
          await run.checkRef(
            file,
            result,
            ['main_content', i, key],
            ref,
            'execution-config',
            e.params,
            e.workload_config,
          );
        }
      }
    } else if (kind === 'tuning-manifest') {
      const m = result.value as TuningManifest;
      for (const [name, e] of Object.entries(m.main_content)) {
        const at: PathKey[] = ['main_content', name, 'configs'];
        await run.checkRef(
          file,
          result,
          [...at, 'initial_execution_config'],
          e.configs.initial_execution_config,
          'execution-config',
          e.params,
        );
        await run.checkRef(
          file,
          result,
          [...at, 'tuner_config'],
          e.configs.tuner_config,
          'tuner-config',
          e.params,
        );
      }
    } else if (kind === 'plotting-manifest') {
      const m = result.value as PlottingManifest;
      const grid = plotPanels(m.main_content);
      for (const [p, panel] of grid.panels.entries()) {
        const base: PathKey[] = grid.multiPanel ? ['main_content', 'panels', p] : ['main_content'];
        run.checkSloFile(file, panel.slo_resolver_config, [...base, 'slo_resolver_config'], result);
        for (const [i, point] of panel.points.entries()) {
          for (const key of [
            'execution_config',
            'sim_execution_config',
            'live_execution_config',
          ] as const) {
            const ref = point[key];
            if (ref === undefined) continue;
            await run.checkRef(
              file,
              result,
              [...base, 'points', i, key],
              ref,
              'execution-config',
              point.params,
              point.workload_config,
            );
          }
        }
      }
    }
  }
  return {
    kind,
    file,
    valid: run.issues.length === 0,
    issues: run.issues,
    warnings: run.warnings,
    checked: run.checked,
  };
}
