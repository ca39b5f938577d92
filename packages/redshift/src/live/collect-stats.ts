/**
 * After a workgroup's last query, while it still exists: its SYS_QUERY_HISTORY rows of this
 * run (found by the `--<run_id>/` tag) and its SYS_SERVERLESS_USAGE rows over the run's
 * window, saved as `sys_query_history+<cluster>.parquet` and
 * `sys_serverless_usage+<cluster>.parquet` in the run directory.
 */
import { join } from 'node:path';
import { parseRedshiftTimestamp, writeRowsParquet } from './rows-parquet.js';
import type { StatementRunner, StatementTarget } from './statement-runner.js';

export const QUERY_HISTORY_PREFIX = 'sys_query_history+';
export const SERVERLESS_USAGE_PREFIX = 'sys_serverless_usage+';

/** `2024-05-27 00:00:30` in UTC, the literal form Redshift compares timestamps with. */
function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export interface CollectedStats {
  readonly historyRows: number;
  readonly usageRows: number;
  readonly chargedSeconds: number;
  /** Engine-side latency (SYS_QUERY_HISTORY.elapsed_time: queue + execution), s, by query id. */
  readonly elapsedS: ReadonlyMap<number, number>;
}

/** Query id of a tagged statement's text (`--<run_id>/<query_id>` first), or null. */
export function taggedQueryId(runId: string, queryText: unknown): number | null {
  const prefix = `--${runId}/`;
  if (typeof queryText !== 'string' || !queryText.startsWith(prefix)) return null;
  const id = Number.parseFloat(queryText.slice(prefix.length));
  return Number.isFinite(id) ? id : null;
}

async function query(
  runner: StatementRunner,
  target: StatementTarget,
  sql: string,
  file: string,
): Promise<Record<string, unknown>[]> {
  const outcome = await runner.run(target, [sql]);
  if (outcome.status !== 'FINISHED') {
    throw new Error(`stats query failed on ${target.workgroupName}: ${outcome.error}`);
  }
  const columns = await runner.columns(outcome.id);
  const rows = await runner.rows(outcome.id);
  await writeRowsParquet(file, columns, rows);
  return rows;
}

export async function collectWorkgroupStats(
  runner: StatementRunner,
  target: StatementTarget,
  options: { runId: string; clusterName: string; outDir: string; runStartMs: number },
): Promise<CollectedStats> {
  const { runId, clusterName, outDir } = options;
  const history = await query(
    runner,
    target,
    `SELECT * FROM sys_query_history WHERE query_text LIKE '--${runId}/%' ORDER BY start_time`,
    join(outDir, `${QUERY_HISTORY_PREFIX}${clusterName}.parquet`),
  );
  // Usage window: the reference's [first start - 1 min, last end + 3 min], or the run so far.
  let fromMs = options.runStartMs;
  let toMs = Date.now();
  for (const row of history) {
    const start = parseRedshiftTimestamp(row.start_time)?.getTime();
    const end = parseRedshiftTimestamp(row.end_time)?.getTime();
    if (start !== undefined) fromMs = Math.min(fromMs, start);
    if (end !== undefined) toMs = Math.max(toMs, end);
  }
  const usage = await query(
    runner,
    target,
    `SELECT * FROM sys_serverless_usage WHERE end_time >= '${sqlTimestamp(fromMs - 60_000)}' ` +
      `AND start_time <= '${sqlTimestamp(toMs + 180_000)}' ORDER BY start_time`,
    join(outDir, `${SERVERLESS_USAGE_PREFIX}${clusterName}.parquet`),
  );
  let charged = 0;
  for (const row of usage) charged += Number(row.charged_seconds ?? 0) || 0;
  const elapsedS = new Map<number, number>();
  for (const row of history) {
    const id = taggedQueryId(runId, row.query_text);
    const elapsedUs = Number(row.elapsed_time);
    if (id !== null && Number.isFinite(elapsedUs) && elapsedUs >= 0)
      elapsedS.set(id, elapsedUs / 1e6);
  }
  return {
    historyRows: history.length,
    usageRows: usage.length,
    chargedSeconds: charged,
    elapsedS,
  };
}
