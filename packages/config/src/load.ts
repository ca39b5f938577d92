/** Loading config files: read, check, and throw one {@link InputError} with every issue. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type * as v from 'valibot';
import { type CheckResult, checkConfigText } from './check-text.js';
import { type DataDir, type ManifestKind, toDataDir } from './data-dir.js';
import { InputError } from './errors.js';
import type { Params } from './params.js';
import { configStem, resolveConfigRef } from './refs.js';
import { type ExecutionConfig, ExecutionConfigSchema } from './schemas/execution-config.js';
import {
  type ExecutionManifest,
  ExecutionManifestSchema,
  type TuningManifest,
  TuningManifestSchema,
} from './schemas/manifests.js';
import { type PlottingManifest, PlottingManifestSchema } from './schemas/plotting-manifest.js';
import { type SloTableFile, SloTableFileSchema } from './schemas/slo-table.js';
import { type TunerConfig, TunerConfigSchema } from './schemas/tuner-config.js';

/** A loaded file: its parsed value, its absolute path and its stem (name without `.yml`). */
export interface Loaded<T> {
  readonly value: T;
  readonly file: string;
  readonly stem: string;
  /** The `<PLACEHOLDER>` params the file used (a param it does not use is likely a typo). */
  readonly usedParams: ReadonlySet<string>;
}

export interface LoadOptions {
  /** The data directory, for `exec:`/`tuner:` references and manifest names. */
  readonly dataDir: string | DataDir;
  readonly params?: Params;
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Base of relative paths (default `process.cwd()`). */
  readonly cwd?: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The 1-based line and column of the first byte that is not valid UTF-8 in `bytes`. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  // The longest prefix that decodes: binary search on a fatal decoder would split sequences,
  // so walk the bytes, decoding one character's sequence at a time.
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 0;
    if (length === 0) return { line, column };
    try {
      strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return { line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { line, column };
}

/** The text of `file`, or an {@link InputError} naming it (missing, a directory, not UTF-8). */
export async function readConfigText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError({ file, message });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new InputError({
      file,
      ...firstInvalidUtf8(bytes),
      message: 'not UTF-8 text: a config file must be saved as UTF-8',
    });
  }
}

function orThrow<T>(file: string, r: CheckResult<T>): Loaded<T> {
  if (r.issues.length > 0 || r.value === undefined) throw new InputError(r.issues);
  return { value: r.value, file, stem: configStem(file), usedParams: r.usedParams };
}

async function loadWith<S extends v.GenericSchema<unknown, unknown>>(
  file: string,
  schema: S,
  options: {
    params?: Params;
    overrides?: Readonly<Record<string, unknown>>;
    markFloatsUnder?: string;
  },
): Promise<Loaded<v.InferOutput<S>>> {
  const text = await readConfigText(file);
  return orThrow(file, checkConfigText(text, file, schema, options));
}

/**
 * Load an execution config from an `exec:` reference or a path, with `<PLACEHOLDER>`
 * params substituted and dotted `overrides` applied before validation.
 * @throws InputError listing every problem (file, line, column, config path).
 */
export function loadExecutionConfig(
  refOrPath: string,
  options: LoadOptions,
): Promise<Loaded<ExecutionConfig>> {
  const file = resolveConfigRef(refOrPath, options.dataDir, options.cwd);
  return loadWith(file, ExecutionConfigSchema, { ...options, params: options.params ?? {} });
}

/**
 * Load a tuner config from a `tuner:` reference or a path.
 * @throws InputError listing every problem.
 */
export function loadTunerConfig(
  refOrPath: string,
  options: LoadOptions,
): Promise<Loaded<TunerConfig>> {
  const file = resolveConfigRef(refOrPath, options.dataDir, options.cwd);
  return loadWith(file, TunerConfigSchema, { ...options, params: options.params ?? {} });
}

/**
 * A manifest argument to a file: an existing path (absolute, or relative to `cwd`) is used as
 * it is; otherwise it is a name under `manifests/<kind>/` (`.yml` optional).
 */
export function resolveManifestRef(
  kind: ManifestKind,
  nameOrPath: string,
  dataDir: string | DataDir,
  cwd: string = process.cwd(),
): string {
  if (isAbsolute(nameOrPath)) return nameOrPath;
  const asPath = resolve(cwd, nameOrPath);
  if (existsSync(asPath)) return asPath;
  return toDataDir(dataDir).manifest(kind, nameOrPath);
}

type ManifestOptions = Pick<LoadOptions, 'dataDir' | 'cwd'>;

/** @throws InputError listing every problem. */
export function loadTuningManifest(
  nameOrPath: string,
  options: ManifestOptions,
): Promise<Loaded<TuningManifest>> {
  const file = resolveManifestRef('tuning', nameOrPath, options.dataDir, options.cwd);
  return loadWith(file, TuningManifestSchema, { markFloatsUnder: 'params' });
}

/** @throws InputError listing every problem. */
export function loadExecutionManifest(
  nameOrPath: string,
  options: ManifestOptions,
): Promise<Loaded<ExecutionManifest>> {
  const file = resolveManifestRef('execution', nameOrPath, options.dataDir, options.cwd);
  return loadWith(file, ExecutionManifestSchema, { markFloatsUnder: 'params' });
}

/** @throws InputError listing every problem. */
export function loadPlottingManifest(
  nameOrPath: string,
  options: ManifestOptions,
): Promise<Loaded<PlottingManifest>> {
  const file = resolveManifestRef('plotting', nameOrPath, options.dataDir, options.cwd);
  return loadWith(file, PlottingManifestSchema, { markFloatsUnder: 'params' });
}

/**
 * Load an SLO table file (`slos/<name>.yml`).
 * @throws InputError listing every problem.
 */
export function loadSloTable(file: string): Promise<Loaded<SloTableFile>> {
  return loadWith(file, SloTableFileSchema, {});
}
