/**
 * `autoslo validate <file or ref>... [--kind K] [--param K=V]...`: load and validate configs,
 * manifests (with every config they reference) and SLO tables; print every problem with file,
 * line, column and config path. Exit 0 when valid, 2 otherwise.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import {
  CONFIG_KINDS,
  type ConfigKind,
  formatIssue,
  type InputIssue,
  looksLikeDataDir,
  parseConfigKind,
  parseParamFlags,
  ValidationCache,
  type ValidationReport,
  validateConfigFile,
  validateDataDir,
} from '@autoslo/config';
import { type Command, UsageError } from '../command.js';

function kindFlag(value: unknown): ConfigKind | undefined {
  if (typeof value !== 'string') return undefined;
  const kind = parseConfigKind(value);
  if (!kind)
    throw new UsageError(`--kind must be one of ${CONFIG_KINDS.join(', ')}; got '${value}'`);
  return kind;
}

function paramFlags(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Paths under the working directory are shown relative to it, as a person typed them. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function shown(issue: InputIssue): InputIssue {
  return issue.file === undefined ? issue : { ...issue, file: shownPath(issue.file) };
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

function jsonOf(r: ValidationReport, elapsedMs: number) {
  return {
    file: r.file,
    kind: r.kind,
    valid: r.valid,
    issues: r.issues,
    warnings: r.warnings,
    files_checked: r.checked.length,
    elapsed_ms: Math.round(elapsedMs * 10) / 10,
  };
}

export const validateCommand: Command = {
  usage: [
    'Usage: autoslo validate <file, ref or data dir>... [--kind K] [--param KEY=VALUE]... [--json]',
    '',
    'A ref is exec:<path> (execution_configs/<path>.yml) or tuner:<name> (tuner_configs/<name>.yml).',
    'The kind is inferred from where the file sits in a data dir (execution_configs/, tuner_configs/,',
    `manifests/{tuning,execution,plotting}/, slos/); otherwise pass --kind (${CONFIG_KINDS.join(', ')}).`,
    '--param fills <PLACEHOLDER>s of a config; a manifest checks each config it references with',
    "that entry's params. Every problem is printed with file:line:column and config path.",
    'A directory is validated as a data dir: every manifest (with the configs it uses), SLO table',
    'and config without placeholders.',
    'Exit codes: 0 valid, 2 invalid.',
  ].join('\n'),
  options: {
    kind: { type: 'string' },
    param: { type: 'string', multiple: true },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length === 0)
      throw new UsageError('expected a file or a reference to validate');
    const kind = kindFlag(values.kind);
    const params = parseParamFlags(paramFlags(values.param));
    const reports: ReturnType<typeof jsonOf>[] = [];
    let allValid = true;
    const print = (report: ValidationReport, elapsed: number) => {
      allValid &&= report.valid;
      reports.push(jsonOf(report, elapsed));
      if (ctx.json) return;
      for (const w of report.warnings) ctx.log(`warning: ${formatIssue(shown(w))}`);
      for (const issue of report.issues) ctx.log(`error: ${formatIssue(shown(issue))}`);
      const checked = report.checked.length;
      const what = `${report.kind}, ${checked} file${checked === 1 ? '' : 's'} checked, ${elapsed.toFixed(0)} ms`;
      if (report.valid) ctx.stdout.write(`valid: ${shownPath(report.file)} (${what})\n`);
      else
        ctx.log(`invalid: ${shownPath(report.file)} (${report.issues.length} problem(s); ${what})`);
    };
    // Files named together are read once, however many manifests use them.
    const cache = new ValidationCache();
    for (const target of positionals) {
      const started = performance.now();
      if (isDirectory(target)) {
        // A directory is validated as a data dir of its own.
        if (!looksLikeDataDir(target)) {
          throw new UsageError(
            `${target} is a directory but not a data dir (no execution_configs/, manifests/, ...)`,
          );
        }
        const { reports: dirReports, unchecked } = await validateDataDir(resolve(target));
        for (const r of dirReports) print(r, 0);
        for (const f of unchecked) {
          if (!ctx.json)
            ctx.log(
              `warning: ${shownPath(f)}: not checked: it has placeholders and no manifest here uses it; validate it with --param`,
            );
        }
        continue;
      }
      const report = await validateConfigFile(target, {
        dataDir: ctx.dataDir,
        params,
        cache,
        ...(kind ? { kind } : {}),
      });
      print(report, performance.now() - started);
    }
    if (ctx.json) {
      const out = reports.length === 1 ? reports[0] : { valid: allValid, reports };
      ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    }
    return allValid ? 0 : 2;
  },
};
