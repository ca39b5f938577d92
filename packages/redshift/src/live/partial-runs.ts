/**
 * The partial directories (`runs/.<run id>.partial/`) of live runs that were killed: their owner
 * process is gone. `autoslo cleanup` removes them once their journal lists nothing still to
 * delete (while it does, the directory holds what the next cleanup needs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDir, isProcessRunning } from '@autoslo/config';
import { OWNER_PID_FILENAME } from './cleanup.js';
import { JOURNAL_FILENAME, outstandingResources } from './resource-journal.js';

/** A run claims its directory, then writes its pid at once: older than this without one, it died. */
const UNOWNED_GRACE_MS = 60_000;

export interface PartialRun {
  readonly dir: string;
  readonly runId: string;
  /** Workgroups and namespaces its journal lists as created and not deleted. */
  readonly outstanding: number;
}

function ownerGone(dir: string): boolean {
  const pidFile = join(dir, OWNER_PID_FILENAME);
  if (!existsSync(pidFile)) return Date.now() - statSync(dir).mtimeMs > UNOWNED_GRACE_MS;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return !Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !isProcessRunning(pid));
}

/** Partial run directories whose run is no longer in progress. */
export function abandonedPartialRuns(dataDir: string): PartialRun[] {
  const runs = new DataDir(dataDir).runsDir;
  if (!existsSync(runs)) return [];
  const out: PartialRun[] = [];
  for (const entry of readdirSync(runs, { withFileTypes: true })) {
    const match = /^\.(.+)\.partial$/.exec(entry.name);
    if (!entry.isDirectory() || !match) continue;
    const dir = join(runs, entry.name);
    if (!ownerGone(dir)) continue;
    const outstanding = outstandingResources(join(dir, JOURNAL_FILENAME)).length;
    out.push({ dir, runId: match[1] as string, outstanding });
  }
  return out.sort((a, b) => a.runId.localeCompare(b.runId));
}

/** Removes the abandoned partial directories with nothing left to delete; returns them. */
export async function removeAbandonedPartialRuns(dataDir: string): Promise<PartialRun[]> {
  const removable = abandonedPartialRuns(dataDir).filter((r) => r.outstanding === 0);
  for (const r of removable) await rm(r.dir, { recursive: true, force: true });
  return removable;
}
