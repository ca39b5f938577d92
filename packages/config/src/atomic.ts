/**
 * Outputs are written aside and renamed into place, so a crash never leaves
 * a file or a run directory that looks complete.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function asidePath(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Write `data` to `target` through a temporary sibling and an atomic rename. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = asidePath(target);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Build a directory completely in a temporary sibling, then move it into place.
 * An existing `target` is replaced only once the new one is complete.
 * If `fill` throws, nothing is left behind and `target` is untouched.
 */
export async function writeDirAtomic<T>(
  target: string,
  fill: (tmpDir: string) => Promise<T>,
): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = asidePath(target);
  await mkdir(tmp, { recursive: true });
  try {
    const result = await fill(tmp);
    const old = `${tmp}.old`;
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(tmp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
