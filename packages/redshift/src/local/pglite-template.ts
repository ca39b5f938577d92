/**
 * A fresh PGlite database costs seconds to initialise (initdb in WebAssembly) but under half
 * a second to restore from a dump. The first instance dumps its empty data directory; later
 * instances (in this process, and in later processes through a file in the OS temp
 * directory, keyed by the PGlite version) start from that dump.
 */
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

const templateFile = join(tmpdir(), `autoslo-pglite-empty-${pgliteVersion()}.tar`);
let inMemory: Uint8Array | null = null;

/** The empty-database dump, or null when none has been made yet. */
export async function loadPgliteTemplate(): Promise<Uint8Array | null> {
  if (inMemory) return inMemory;
  try {
    const bytes = new Uint8Array(await readFile(templateFile));
    if (bytes.byteLength > 0) inMemory = bytes;
  } catch {
    // No template yet: this instance will make one.
  }
  return inMemory;
}

/** Keeps a freshly made dump, in memory and (best effort) on disk. */
export async function savePgliteTemplate(bytes: Uint8Array): Promise<void> {
  inMemory ??= bytes;
  await writeFileAtomic(templateFile, bytes).catch(() => undefined);
}
