/**
 * The check every run command makes before any work starts: the config or manifest and
 * everything it references (configs with each entry's params, SLO tables, latency profiles,
 * workloads, tuned configs) validated together, so every problem is reported at once with its
 * file, line, column and config path, and nothing is written (exit 2).
 */
import {
  type ConfigKind,
  checkConfigText,
  ExecutionManifestSchema,
  formatIssue,
  InputError,
  type Params,
  readConfigText,
  resolveManifestRef,
  validateConfigFile,
} from '@autoslo/config';

export interface PreflightTarget {
  readonly kind: ConfigKind;
  /** A manifest name or path, or a config reference (`exec:...`, `tuner:...`) or path. */
  readonly target: string;
  readonly params?: Params;
  readonly overrides?: Readonly<Record<string, unknown>>;
}

const MANIFEST_KINDS = {
  'execution-manifest': 'execution',
  'tuning-manifest': 'tuning',
  'plotting-manifest': 'plotting',
} as const;

/** @throws InputError with every problem of every target. */
export async function preflight(
  targets: readonly PreflightTarget[],
  context: {
    readonly dataDir: string;
    readonly cwd: string;
    /** Where warnings go (settings without effect here, ...), each as `warning: <issue>`. */
    readonly log: (line: string) => void;
  },
): Promise<void> {
  const issues = [];
  for (const t of targets) {
    const manifestKind = MANIFEST_KINDS[t.kind as keyof typeof MANIFEST_KINDS];
    const target = manifestKind
      ? resolveManifestRef(manifestKind, t.target, context.dataDir, context.cwd)
      : t.target;
    const report = await validateConfigFile(target, {
      dataDir: context.dataDir,
      cwd: context.cwd,
      kind: t.kind,
      forRun: true,
      ...(t.params ? { params: t.params } : {}),
      ...(t.overrides ? { overrides: t.overrides } : {}),
    });
    issues.push(...report.issues);
    for (const w of report.warnings) context.log(`warning: ${formatIssue(w)}`);
  }
  if (issues.length > 0) throw new InputError(issues);
}

/**
 * `--param K=V` flags no `<K>` placeholder of the given files uses: refused, since such a
 * param would otherwise only change the run's name.
 * @throws InputError naming each unused param and the files searched
 */
export function refuseUnusedParams(
  params: Params,
  loaded: readonly { readonly file: string; readonly usedParams: ReadonlySet<string> }[],
): void {
  const unused = Object.keys(params).filter((k) => !loaded.some((l) => l.usedParams.has(k)));
  if (unused.length === 0) return;
  throw new InputError(
    unused.map((k) => ({
      file: loaded[0]?.file,
      path: `--param ${k}`,
      message: `no <${k}> placeholder in ${loaded.map((l) => l.file).join(' or ')}; check the name`,
    })),
  );
}

/**
 * Manifest entries the plan found nothing to run for (a target day with no queries in the
 * workload, say), as one error located at each entry's `workload_config`.
 */
export async function missingEntriesError(
  manifestFile: string,
  missing: readonly { readonly index: number; readonly reason: string | null }[],
): Promise<InputError> {
  const { locate } = checkConfigText(
    await readConfigText(manifestFile),
    manifestFile,
    ExecutionManifestSchema,
    { markFloatsUnder: 'params' },
  );
  return new InputError(
    missing.map((m) => ({
      file: manifestFile,
      ...locate?.(['main_content', m.index, 'workload_config']),
      path: `main_content[${m.index}]`,
      message: `${m.reason ?? 'missing input'} (--skip-missing skips such entries)`,
    })),
  );
}
