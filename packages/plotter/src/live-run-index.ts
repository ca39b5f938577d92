/**
 * Finding a live run: the newest run for a (config id, workload id) pair. The index is
 * `runs/map.yml` (design.md): a list of entries `{run_id, workload_id, execution_config_id,
 * started_at}` (a top-level `runs:` list is accepted too). The reference's append-only
 * `runs/run_log.csv` (`run_id,config_id,workload_id,started_at`) is read when there is no
 * map.yml, so live runs recorded by the reference can be plotted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { parse } from 'yaml';

export interface LiveRunEntry {
  readonly runId: string;
  readonly workloadId: string;
  readonly executionConfigId: string;
  readonly startedAt: string | null;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null;

function fromMapYml(file: string, source: string): LiveRunEntry[] {
  const doc: unknown = parse(source, { intAsBigInt: true });
  const list =
    doc === null || doc === undefined
      ? []
      : Array.isArray(doc)
        ? doc
        : (doc as { runs?: unknown }).runs;
  if (!Array.isArray(list)) {
    throw new InputError({ file, message: 'expected a list of runs (or `runs:` with a list)' });
  }
  return list.map((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const runId = text(e.run_id ?? e.run_timestamp);
    const workloadId = text(e.workload_id);
    const executionConfigId = text(e.execution_config_id ?? e.config_id);
    if (!runId || !workloadId || !executionConfigId) {
      throw new InputError({
        file,
        path: `${i}`,
        message: 'a run entry needs run_id, workload_id and execution_config_id',
      });
    }
    return { runId, workloadId, executionConfigId, startedAt: text(e.started_at ?? e.start_time) };
  });
}

/** CSV rows with RFC 4180 quoting: config ids such as `INITIAL_RPU=[32, 32]` hold commas. */
function csvRows(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((c) => c.trim() !== '')) rows.push(row);
  return rows;
}

function fromRunLogCsv(source: string): LiveRunEntry[] {
  const [header, ...rows] = csvRows(source);
  const cols = (header ?? []).map((c) => c.trim());
  const at = (name: string) => cols.indexOf(name);
  return rows.map((row) => {
    const cells = row.map((c) => c.trim());
    return {
      runId: cells[at('run_id')] ?? '',
      executionConfigId: cells[at('config_id')] ?? '',
      workloadId: cells[at('workload_id')] ?? '',
      startedAt: cells[at('started_at')] ?? null,
    };
  });
}

/** Every recorded live run; empty when neither index exists. */
export async function readLiveRunIndex(runsDir: string): Promise<LiveRunEntry[]> {
  const mapFile = join(runsDir, 'map.yml');
  const map = await readIfExists(mapFile);
  if (map !== null) return fromMapYml(mapFile, map);
  const csv = await readIfExists(join(runsDir, 'run_log.csv'));
  return csv === null ? [] : fromRunLogCsv(csv);
}

/** Run ids are epoch milliseconds: compare them as integers, not as text. */
function runIdValue(runId: string): bigint {
  return /^\d+$/.test(runId) ? BigInt(runId) : -1n;
}

/**
 * The newest run for the pair (largest run id), ignoring runs older than `minRunId`; null
 * when there is none.
 */
export function newestLiveRun(
  entries: readonly LiveRunEntry[],
  executionConfigId: string,
  workloadId: string,
  minRunId: string | number | null = null,
): LiveRunEntry | null {
  const min = minRunId === null ? null : runIdValue(String(minRunId));
  let best: LiveRunEntry | null = null;
  for (const e of entries) {
    if (e.executionConfigId !== executionConfigId || e.workloadId !== workloadId) continue;
    const v = runIdValue(e.runId);
    if (min !== null && v < min) continue;
    if (best === null || v > runIdValue(best.runId)) best = e;
  }
  return best;
}
