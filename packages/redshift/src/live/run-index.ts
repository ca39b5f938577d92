/**
 * `data/runs/map.yml`, the index of live runs: a YAML list of { run_id, workload_id,
 * execution_config_id, started_at }. Parallel `--splits` processes append to it under a
 * lock file taken with O_EXCL (retried, and broken when older than a minute: its owner
 * died), each entry in one append-mode write.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataDir } from '@autoslo/config';
import { parse } from 'yaml';
import { sleep } from './rate-limiter.js';

export interface RunIndexEntry {
  readonly run_id: string;
  readonly workload_id: string;
  readonly execution_config_id: string;
  /** UTC ISO time the run started. */
  readonly started_at: string;
}

const STALE_LOCK_MS = 60_000;

async function withLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(lock, { force: true });
      else await sleep(Math.min(50, 2 * 2 ** Math.min(attempt, 5)));
    }
  }
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
  }
}

function entryYaml(e: RunIndexEntry): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML scalar
  return (
    `- run_id: ${q(e.run_id)}\n` +
    `  workload_id: ${q(e.workload_id)}\n` +
    `  execution_config_id: ${q(e.execution_config_id)}\n` +
    `  started_at: ${q(e.started_at)}\n`
  );
}

export async function appendRunIndex(dataDir: string, entry: RunIndexEntry): Promise<void> {
  const file = new DataDir(dataDir).runIndex;
  await withLock(file, () => appendFile(file, entryYaml(entry)));
}

export async function readRunIndex(dataDir: string): Promise<RunIndexEntry[]> {
  const file = new DataDir(dataDir).runIndex;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const doc = parse(text) as unknown;
  if (!Array.isArray(doc)) return [];
  return doc
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({
      run_id: String(e.run_id),
      workload_id: String(e.workload_id),
      execution_config_id: String(e.execution_config_id),
      started_at: String(e.started_at ?? ''),
    }));
}

/**
 * The newest complete run (largest numeric run id whose directory has its
 * execution_config.yml) of a (config, workload) pair, or null.
 */
export async function latestCompleteRun(
  dataDir: string,
  executionConfigId: string,
  workloadId: string,
): Promise<string | null> {
  const dir = new DataDir(dataDir);
  const runs = (await readRunIndex(dataDir))
    .filter((e) => e.execution_config_id === executionConfigId && e.workload_id === workloadId)
    .sort((a, b) => Number(b.run_id) - Number(a.run_id));
  for (const r of runs) {
    if (existsSync(join(dir.run(r.run_id), 'execution_config.yml'))) return r.run_id;
  }
  return null;
}
