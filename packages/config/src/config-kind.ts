/** The kinds of file `validate` knows, and how a kind is guessed from where a file sits. */
import { sep } from 'node:path';
import type * as v from 'valibot';
import { ExecutionConfigSchema } from './schemas/execution-config.js';
import { ExecutionManifestSchema, TuningManifestSchema } from './schemas/manifests.js';
import { PlottingManifestSchema } from './schemas/plotting-manifest.js';
import { SloTableFileSchema } from './schemas/slo-table.js';
import { TunerConfigSchema } from './schemas/tuner-config.js';

export const CONFIG_KINDS = [
  'execution-config',
  'tuner-config',
  'tuning-manifest',
  'execution-manifest',
  'plotting-manifest',
  'slo-table',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** Schema of each kind. */
export const SCHEMA_OF_KIND: Record<ConfigKind, v.GenericSchema<unknown, unknown>> = {
  'execution-config': ExecutionConfigSchema,
  'tuner-config': TunerConfigSchema,
  'tuning-manifest': TuningManifestSchema,
  'execution-manifest': ExecutionManifestSchema,
  'plotting-manifest': PlottingManifestSchema,
  'slo-table': SloTableFileSchema,
};

/** Manifests keep integral floats of their `params:` as PyFloat (run ids need `300.0`). */
export function isManifestKind(kind: ConfigKind): boolean {
  return kind.endsWith('-manifest');
}

/** `execution`, `execution_config`, `exec` ... to a {@link ConfigKind}, or `undefined`. */
export function parseConfigKind(text: string): ConfigKind | undefined {
  const t = text.trim().toLowerCase().replaceAll('_', '-');
  const aliases: Record<string, ConfigKind> = {
    exec: 'execution-config',
    execution: 'execution-config',
    tuner: 'tuner-config',
    tuning: 'tuning-manifest',
    plotting: 'plotting-manifest',
    slo: 'slo-table',
    slos: 'slo-table',
  };
  if ((CONFIG_KINDS as readonly string[]).includes(t)) return t as ConfigKind;
  return aliases[t];
}

/**
 * The kind implied by a file's place in a data directory: `execution_configs/`,
 * `tuner_configs/`, `manifests/{tuning,execution,plotting}/`, `slos/`. The innermost match
 * wins, so data dirs nested anywhere (e.g. `reference-data/autoslo/data/`) work.
 */
export function inferConfigKind(path: string): ConfigKind | undefined {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== sep);
  for (let i = parts.length - 2; i >= 0; i--) {
    const dir = parts[i];
    if (dir === 'execution_configs') return 'execution-config';
    if (dir === 'tuner_configs') return 'tuner-config';
    if (dir === 'slos') return 'slo-table';
    if (parts[i - 1] === 'manifests') {
      if (dir === 'tuning') return 'tuning-manifest';
      if (dir === 'execution') return 'execution-manifest';
      if (dir === 'plotting') return 'plotting-manifest';
    }
  }
  return undefined;
}
