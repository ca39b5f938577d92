/**
 * Outputs are written aside and renamed into place, so a crash never leaves
 * a file or a run directory that looks complete. Data is flushed to disk before the rename and
 * the directory after it, so an OS crash cannot leave a complete-looking but empty file either.
 * An aside left by a process that was killed is removed by the next write beside it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `.<name>.tmp-<pid>-<8 hex>`, and `<that>.old` for the directory being replaced. */
const ASIDE_NAME = /^\..+\.tmp-(\d+)-[0-9a-f]{8}(?:\.old)?$/;

function asidePath(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Whether process `pid` is running (signal 0 probes; EPERM: running, as another user). */
export function isProcessRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories swept by this process already (an aside of a live process is never removed). */
const swept = new Set<string>();

/**
 * Remove the asides in `dir` whose writing process is no longer running (it was killed
 * mid-write). Returns the names removed. Asides of running processes are left alone.
 */
export async function removeStaleAsides(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = ASIDE_NAME.exec(name)?.[1];
    return pid !== undefined && !isProcessRunning(Number(pid));
  });
  for (const name of stale) await rm(join(dir, name), { recursive: true, force: true });
  return stale;
}

async function sweepOnce(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  await removeStaleAsides(dir);
}

/** fsync a file or directory. Directories cannot be opened for sync on every platform. */
async function syncPath(path: string, isDir = false): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isDir) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!isDir || (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * fsync every file under `dir`, then the directories themselves, deepest first. Siblings are
 * synced together: the file system commits concurrent syncs in one journal flush.
 */
async function syncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return syncTree(path);
      return entry.isFile() ? syncPath(path) : Promise.resolve();
    }),
  );
  await syncPath(dir, true);
}

/** Write `data` to `target` through a temporary sibling, flushed, and an atomic rename. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await sweepOnce(parent);
  const tmp = asidePath(target);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
    await syncPath(parent, true);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Build a directory completely in a temporary sibling, then move it into place.
 * An existing `target` is replaced only once the new one is complete and flushed.
 * If `fill` throws, nothing is left behind and `target` is untouched.
 */
export async function writeDirAtomic<T>(
  target: string,
  fill: (tmpDir: string) => Promise<T>,
): Promise<T> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await sweepOnce(parent);
  const tmp = asidePath(target);
  await mkdir(tmp, { recursive: true });
  try {
    const result = await fill(tmp);
    await syncTree(tmp);
    const old = `${tmp}.old`;
    let hadOld = false;
    try {
      await rename(target, old);
      hadOld = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(tmp, target);
    await syncPath(parent, true);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
