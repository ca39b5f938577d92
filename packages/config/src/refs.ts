import { basename, resolve } from 'node:path';
import { type DataDir, toDataDir } from './data-dir.js';
import { InputError } from './errors.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/**
 * A config reference to a file path (reference §0.2): `exec:<path>` is
 * `execution_configs/<path>.yml`, `tuner:<name>` is `tuner_configs/<name>.yml` (scheme case
 * insensitive, `.yml` optional); anything without a scheme is a plain path, resolved against
 * `cwd`. Other schemes are an {@link InputError}.
 */
export function resolveConfigRef(
  ref: string,
  dataDir: string | DataDir,
  cwd: string = process.cwd(),
): string {
  const m = SCHEME.exec(ref);
  // A single letter before ':' is a Windows drive, not a scheme.
  if (!m || m[1]?.length === 1) return resolve(cwd, ref);
  const scheme = (m[1] ?? '').toLowerCase();
  const rest = (m[2] ?? '').trim().replace(/\.ya?ml$/, '');
  const dir = toDataDir(dataDir);
  if (rest === '') {
    throw new InputError({ message: `config reference '${ref}' names no file`, received: ref });
  }
  if (scheme === 'exec') return dir.executionConfig(rest);
  if (scheme === 'tuner') return dir.tunerConfig(rest);
  throw new InputError({
    message: `unknown config reference scheme '${m[1]}:'`,
    expected: '"exec:<path>" or "tuner:<name>" or a file path',
    received: JSON.stringify(ref),
  });
}

/** The file name without directories and `.yml` (`main_eval_base_v8`); run ids use it. */
export function configStem(path: string): string {
  return basename(path).replace(/\.ya?ml$/, '');
}
