/**
 * Validate a whole data directory: every manifest (with the configs it references), SLO
 * table, and every config without placeholders. A config with placeholders can only be
 * checked with values, so it is checked through the manifests that use it, or skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inferConfigKind } from './config-kind.js';
import { PLACEHOLDER_PATTERN } from './placeholders.js';
import { ValidationCache, type ValidationReport, validateConfigFile } from './validate.js';

export interface DataDirValidation {
  readonly reports: readonly ValidationReport[];
  /** Configs with placeholders that no manifest of the directory checked. */
  readonly unchecked: readonly string[];
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFilesUnder(p);
      return /\.ya?ml$/.test(entry.name) ? [p] : [];
    });
}

/** True when `dir` has the folders of a data directory. */
export function looksLikeDataDir(dir: string): boolean {
  return ['execution_configs', 'tuner_configs', 'manifests', 'slos'].some((sub) => {
    try {
      return statSync(join(dir, sub)).isDirectory();
    } catch {
      return false;
    }
  });
}

/** Validate every config file of `dir` whose kind its place implies. */
export async function validateDataDir(dir: string): Promise<DataDirValidation> {
  const files = yamlFilesUnder(dir)
    .map((file) => ({ file, kind: inferConfigKind(file) }))
    .filter((f) => f.kind !== undefined);
  const reports: ValidationReport[] = [];
  const cache = new ValidationCache();
  const checkedWithParams = new Set<string>();
  const withPlaceholders: string[] = [];
  // Manifests first: they check the configs with placeholders, with each entry's params.
  const order = (kind: string | undefined) => (kind?.endsWith('-manifest') ? 0 : 1);
  for (const { file, kind } of [...files].sort((a, b) => order(a.kind) - order(b.kind))) {
    const isConfig = kind === 'execution-config' || kind === 'tuner-config';
    if (isConfig && new RegExp(PLACEHOLDER_PATTERN.source).test(readFileSync(file, 'utf8'))) {
      withPlaceholders.push(file);
      continue;
    }
    const report = await validateConfigFile(file, {
      dataDir: dir,
      cache,
      ...(kind ? { kind } : {}),
    });
    for (const c of report.checked) checkedWithParams.add(c.file);
    reports.push(report);
  }
  return { reports, unchecked: withPlaceholders.filter((f) => !checkedWithParams.has(f)) };
}
