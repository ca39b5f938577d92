/**
 * A live run directory (`runs/<id>/`) as a measured run: the SYS_QUERY_HISTORY rows each
 * workgroup saved (`sys_query_history+<cluster>.parquet`), with each cluster's RPU and each
 * query's template taken from the run's structured log. This adapter is the one place that
 * knows the live driver's file names and event vocabulary.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { readStructuredLog, STRUCTURED_LOG_FILENAME } from '@autoslo/core';
import { importHistory, type MeasuredLatencies, readHistoryFile } from '@autoslo/workload';
import { sliceMeasured } from './calibrate.js';
import type { MeasuredRun } from './observations.js';

const HISTORY_FILE = /^sys_query_history\+(.+)\.parquet$/;

/** Query id of a statement tagged `--<run_id>/<query_id>` by the live driver, or null. */
function taggedId(runId: string, text: string): number | null {
  const prefix = `--${runId}/`;
  if (!text.startsWith(prefix)) return null;
  const id = Number.parseFloat(text.slice(prefix.length));
  return Number.isFinite(id) ? id : null;
}

function concat(tables: readonly MeasuredLatencies[]): MeasuredLatencies {
  const rows = tables.flatMap((t, k) =>
    Array.from({ length: t.length }, (_, i) => [k, i] as const),
  );
  rows.sort(
    (a, b) =>
      (tables[a[0]]?.startMs[a[1]] as number) - (tables[b[0]]?.startMs[b[1]] as number) ||
      a[0] - b[0] ||
      a[1] - b[1],
  );
  const get = <T>(pick: (t: MeasuredLatencies) => ArrayLike<T>) =>
    rows.map(([k, i]) => pick(tables[k] as MeasuredLatencies)[i] as T);
  return {
    length: rows.length,
    queryId: Float64Array.from(get((t) => t.queryId)),
    queryTextId: get((t) => t.queryTextId),
    startMs: Float64Array.from(get((t) => t.startMs)),
    elapsedS: Float64Array.from(get((t) => t.elapsedS)),
    queueS: Float64Array.from(get((t) => t.queueS)),
    executionS: Float64Array.from(get((t) => t.executionS)),
    status: get((t) => t.status),
    queryType: get((t) => t.queryType),
    resultCacheHit: Uint8Array.from(get((t) => t.resultCacheHit)),
    category: get((t) => t.category),
    workgroup: get((t) => t.workgroup),
    rpu: Float64Array.from(get((t) => t.rpu)),
  };
}

export async function readLiveRunMeasurements(runDir: string, runId: string): Promise<MeasuredRun> {
  const log = await readStructuredLog(join(runDir, STRUCTURED_LOG_FILENAME));
  const rpuOf = new Map<string, number>();
  const textOf = new Map<number, string>();
  for (let i = 0; i < log.length; i++) {
    const cluster = log.clusterName(i);
    const rpu = cluster === null ? undefined : Number(log.details(i)?.rpu);
    if (cluster !== null && rpu !== undefined && rpu > 0) rpuOf.set(cluster, rpu);
    const q = log.queryId(i);
    const t = log.queryTextId(i);
    if (q !== null && t !== null) textOf.set(q, t);
  }
  const files = (await readdir(runDir)).filter((f) => HISTORY_FILE.test(f)).sort();
  if (files.length === 0) {
    throw new InputError({
      file: runDir,
      message:
        'no sys_query_history+<cluster>.parquet in the run directory (was it a live run that finished?)',
    });
  }
  const tables: MeasuredLatencies[] = [];
  for (const f of files) {
    const cluster = (HISTORY_FILE.exec(f) as RegExpExecArray)[1] as string;
    const rpu = rpuOf.get(cluster);
    const table = await readHistoryFile(join(runDir, f));
    const imported = importHistory(table, {
      name: runId,
      workgroup: cluster,
      ...(rpu === undefined ? {} : { rpu }),
    });
    const m = imported.measured;
    // Templates as the run's workload named them; untagged statements are not the run's.
    const texts = (table.columns.get('query_text') ?? []) as ArrayLike<unknown>;
    const byId = new Map<number, string>();
    for (let i = 0; i < table.length; i++) {
      const id = taggedId(runId, String(texts[i] ?? ''));
      const tid = id === null ? undefined : textOf.get(id);
      const qid = Number(table.columns.get('query_id')?.[i]);
      if (tid !== undefined) byId.set(qid, tid);
    }
    const own = sliceMeasured(m, (i) => byId.has(m.queryId[i] as number) || m.category[i] !== 'ok');
    own.queryTextId.forEach((_, i) => {
      own.queryTextId[i] = byId.get(own.queryId[i] as number) ?? '';
    });
    tables.push(own);
  }
  return { id: runId, table: concat(tables) };
}
