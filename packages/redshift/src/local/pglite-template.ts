/**
 * A fresh PGlite database costs seconds to initialise (initdb in WebAssembly), and the demo
 * dataset more; restoring a dump of the data directory takes under a second. Instances save
 * dumps of what they built - the empty database, and the database after its set-up SQL - and
 * later instances (in this process, and in later ones through files in the OS temp directory,
 * keyed by the PGlite version and a hash of the set-up SQL) start from them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@autoslo/config';

const require = createRequire(import.meta.url);

/** Absolute path of PGlite's entry module, for the worker to import. */
export const PGLITE_ENTRY = require.resolve('@electric-sql/pglite');

function pgliteVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(PGLITE_ENTRY), '..', 'package.json'), 'utf8'));
  return String((pkg as { version?: unknown }).version ?? 'unknown');
}

const VERSION = pgliteVersion();
const inMemory = new Map<string, Uint8Array>();

/** Template key of a database built by `initSql` ('empty' for none). */
export function templateKey(initSql: readonly string[]): string {
  if (initSql.length === 0) return 'empty';
  return createHash('sha256').update(initSql.join('\u0000')).digest('hex').slice(0, 16);
}

const fileOf = (key: string) => join(tmpdir(), `autoslo-pglite-${VERSION}-${key}.tar`);

/** The dump saved under `key`, or null when none has been made yet. */
export async function loadPgliteTemplate(key: string): Promise<Uint8Array | null> {
  const cached = inMemory.get(key);
  if (cached) return cached;
  try {
    const bytes = new Uint8Array(await readFile(fileOf(key)));
    if (bytes.byteLength > 0) inMemory.set(key, bytes);
  } catch {
    // None yet: the instance builds the database and sends its dump back.
  }
  return inMemory.get(key) ?? null;
}

/** Keeps a freshly made dump, in memory and (best effort) on disk. */
export async function savePgliteTemplate(key: string, bytes: Uint8Array): Promise<void> {
  if (inMemory.has(key)) return;
  inMemory.set(key, bytes);
  await writeFileAtomic(fileOf(key), bytes).catch(() => undefined);
}
