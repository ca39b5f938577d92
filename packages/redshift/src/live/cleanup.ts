/**
 * Finds what earlier runs left behind (a killed process, a failed teardown) and deletes it.
 * Two sources, merged: the resource journals in `data/runs/*` (what a run announced and did
 * not confirm deleted) and the service itself (workgroups and namespaces tagged
 * `autoslo:run_id`). Runs still in progress (their owner process alive) are left alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDir } from '@autoslo/config';
import {
  ListTagsForResourceCommand,
  paginateListNamespaces,
  paginateListWorkgroups,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { sleep } from './rate-limiter.js';
import { JOURNAL_FILENAME, outstandingResources, ResourceJournal } from './resource-journal.js';
import { deleteWorkgroupAndNamespace, RUN_ID_TAG } from './serverless-provisioner.js';

export const OWNER_PID_FILENAME = 'owner.pid';

export interface Leftover {
  readonly kind: 'workgroup' | 'namespace';
  readonly name: string;
  readonly runId: string;
  /** Where it was found. */
  readonly source: 'journal' | 'tag' | 'journal+tag';
  /** The run directory whose journal lists it, if any. */
  readonly runDir: string | null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run directories (complete or partial) with a journal, and whether their run is active. */
function journaledRuns(dataDir: string): { dir: string; runId: string; active: boolean }[] {
  const runs = new DataDir(dataDir).runsDir;
  if (!existsSync(runs)) return [];
  const out: { dir: string; runId: string; active: boolean }[] = [];
  for (const entry of readdirSync(runs, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(runs, entry.name);
    if (!existsSync(join(dir, JOURNAL_FILENAME))) continue;
    const runId = entry.name.replace(/^\./, '').replace(/\.partial$/, '');
    let active = false;
    const pidFile = join(dir, OWNER_PID_FILENAME);
    if (entry.name.endsWith('.partial') && existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      active = Number.isInteger(pid) && pid !== process.pid && processAlive(pid);
    }
    out.push({ dir, runId, active });
  }
  return out;
}

async function taggedRunId(
  client: RedshiftServerlessClient,
  arn: string | undefined,
): Promise<string | null> {
  if (!arn) return null;
  const tags = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return tags.tags?.find((t) => t.key === RUN_ID_TAG)?.value ?? null;
}

export async function findLeftovers(
  dataDir: string,
  client: RedshiftServerlessClient,
  options: { runId?: string; pageSize?: number } = {},
): Promise<Leftover[]> {
  const runs = journaledRuns(dataDir);
  const active = new Set(runs.filter((r) => r.active).map((r) => r.runId));
  const found = new Map<string, Leftover>();
  const add = (l: Leftover) => {
    if (active.has(l.runId)) return;
    if (options.runId !== undefined && l.runId !== options.runId) return;
    const key = `${l.kind}:${l.name}`;
    const prior = found.get(key);
    found.set(
      key,
      prior ? { ...prior, source: 'journal+tag', runDir: prior.runDir ?? l.runDir } : l,
    );
  };
  for (const run of runs) {
    for (const r of outstandingResources(join(run.dir, JOURNAL_FILENAME))) {
      add({ kind: r.kind, name: r.name, runId: r.run_id, source: 'journal', runDir: run.dir });
    }
  }
  // The SDK's paginators; a service answering the same token twice ends the listing.
  const paging = {
    client,
    stopOnSameToken: true,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
  };
  for await (const page of paginateListWorkgroups(paging, {})) {
    for (const wg of page.workgroups ?? []) {
      const runId = await taggedRunId(client, wg.workgroupArn);
      if (runId !== null && wg.workgroupName)
        add({ kind: 'workgroup', name: wg.workgroupName, runId, source: 'tag', runDir: null });
    }
  }
  for await (const page of paginateListNamespaces(paging, {})) {
    for (const ns of page.namespaces ?? []) {
      const runId = await taggedRunId(client, ns.namespaceArn);
      if (runId !== null && ns.namespaceName)
        add({ kind: 'namespace', name: ns.namespaceName, runId, source: 'tag', runDir: null });
    }
  }
  return [...found.values()].sort(
    (a, b) =>
      a.runId.localeCompare(b.runId) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name),
  );
}

/** Deletes leftovers (workgroups before namespaces), noting each deletion in its run's journal. */
export async function deleteLeftovers(
  client: RedshiftServerlessClient,
  leftovers: readonly Leftover[],
  options: { maxPollMs?: number; timeoutS?: number } = {},
): Promise<{ deleted: Leftover[]; failed: { leftover: Leftover; error: string }[] }> {
  const maxPoll = options.maxPollMs ?? 5000;
  const timeoutMs = (options.timeoutS ?? 1200) * 1000;
  const until = async (what: string, probe: () => Promise<boolean>) => {
    const deadline = Date.now() + timeoutMs;
    let wait = 100;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(wait);
      wait = Math.min(maxPoll, wait * 1.5);
    }
  };
  const deleted: Leftover[] = [];
  const failed: { leftover: Leftover; error: string }[] = [];
  const remove = async (l: Leftover): Promise<void> => {
    try {
      await deleteWorkgroupAndNamespace(
        client,
        l.kind === 'workgroup' ? l.name : null,
        l.kind === 'namespace' ? l.name : null,
        {
          onDeleted: (kind) => {
            if (l.runDir) new ResourceJournal(l.runDir, l.runId).deleted(kind, l.name);
          },
          until,
        },
      );
      deleted.push(l);
    } catch (error) {
      failed.push({ leftover: l, error: (error as Error).message });
    }
  };
  // Workgroups (in parallel) before namespaces: a namespace cannot go while its workgroup exists.
  await Promise.all(leftovers.filter((l) => l.kind === 'workgroup').map(remove));
  await Promise.all(leftovers.filter((l) => l.kind === 'namespace').map(remove));
  return { deleted, failed };
}
