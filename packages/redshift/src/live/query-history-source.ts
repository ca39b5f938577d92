/**
 * A workgroup's SYS_QUERY_HISTORY through the Data API, as a history table for
 * @autoslo/workload's `importHistory`: every column the view returns (so `generic_query_hash`
 * is used where the warehouse has it), result pages read with the SDK's paginator, plus
 * `workgroup_name` and `compute_capacity` (the workgroup's RPU in the minute the query
 * started, from SYS_SERVERLESS_USAGE; else its base capacity).
 */

import type { HistoryTable } from '@autoslo/workload';
import { paginateGetStatementResult, type RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import {
  GetWorkgroupCommand,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { parseRedshiftTimestamp } from './rows-parquet.js';
import { type PollSettings, StatementRunner, type StatementTarget } from './statement-runner.js';

export interface QueryHistorySourceOptions extends StatementTarget {
  /** Queries that started at or after this time (epoch ms), and before `untilMs`. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly poll?: PollSettings;
  /** Rows read so far, after each result page. */
  readonly onProgress?: (rows: number) => void;
}

/** `2024-05-27 00:00:30.125` in UTC, the literal form Redshift compares timestamps with. */
function sqlTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

function window(column: string, options: QueryHistorySourceOptions): string {
  const where: string[] = [];
  if (options.sinceMs !== undefined) where.push(`${column} >= '${sqlTimestamp(options.sinceMs)}'`);
  if (options.untilMs !== undefined) where.push(`${column} < '${sqlTimestamp(options.untilMs)}'`);
  return where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
}

/** Runs `sql` and reads its whole result, page by page, as columns. */
async function columnsOf(
  data: RedshiftDataClient,
  runner: StatementRunner,
  target: StatementTarget,
  sql: string,
  onPage?: (rows: number) => void,
): Promise<{ names: string[]; columns: unknown[][] }> {
  const outcome = await runner.run(target, [sql]);
  if (outcome.status !== 'FINISHED') {
    throw new Error(`reading ${target.workgroupName}'s history failed: ${outcome.error}`);
  }
  let names: string[] = [];
  let columns: unknown[][] = [];
  let rows = 0;
  for await (const page of paginateGetStatementResult({ client: data }, { Id: outcome.id })) {
    if (names.length === 0 && page.ColumnMetadata) {
      names = page.ColumnMetadata.map((c) => (c.name ?? c.label ?? '').toLowerCase());
      columns = names.map(() => []);
    }
    for (const record of page.Records ?? []) {
      record.forEach((field, i) => {
        const value = field.isNull
          ? null
          : (field.stringValue ??
            field.longValue ??
            field.doubleValue ??
            field.booleanValue ??
            null);
        columns[i]?.push(value);
      });
      rows++;
    }
    onPage?.(rows);
  }
  return { names, columns };
}

export async function readQueryHistory(
  clients: { readonly data: RedshiftDataClient; readonly serverless?: RedshiftServerlessClient },
  options: QueryHistorySourceOptions,
): Promise<HistoryTable> {
  const runner = new StatementRunner(clients.data, options.poll);
  const target: StatementTarget = {
    workgroupName: options.workgroupName,
    database: options.database,
    ...(options.secretArn ? { secretArn: options.secretArn } : {}),
  };
  const history = await columnsOf(
    clients.data,
    runner,
    target,
    `SELECT * FROM sys_query_history${window('start_time', options)} ORDER BY start_time, query_id`,
    options.onProgress,
  );
  const usage = await columnsOf(
    clients.data,
    runner,
    target,
    `SELECT start_time, compute_capacity FROM sys_serverless_usage${window('end_time', options)} ORDER BY start_time`,
  );
  // RPU by minute from the usage rows; the base capacity where no row covers a minute.
  const capacityByMinute = new Map<number, number>();
  usage.columns[0]?.forEach((start, i) => {
    const t = parseRedshiftTimestamp(start)?.getTime();
    const c = Number(usage.columns[1]?.[i]);
    if (t !== undefined && c > 0) capacityByMinute.set(Math.floor(t / 60_000), c);
  });
  let base: number | null = null;
  if (clients.serverless) {
    const wg = await clients.serverless.send(
      new GetWorkgroupCommand({ workgroupName: options.workgroupName }),
    );
    base = wg.workgroup?.baseCapacity ?? null;
  }
  const columns = new Map<string, ArrayLike<unknown>>();
  history.names.forEach((name, i) => {
    columns.set(name, history.columns[i] as unknown[]);
  });
  const starts = columns.get('start_time') ?? [];
  const length = starts.length;
  columns.set('workgroup_name', new Array(length).fill(options.workgroupName));
  columns.set(
    'compute_capacity',
    Array.from({ length }, (_, i) => {
      const t = parseRedshiftTimestamp(starts[i])?.getTime();
      const c = t === undefined ? undefined : capacityByMinute.get(Math.floor(t / 60_000));
      return c ?? base;
    }),
  );
  return { source: `workgroup ${options.workgroupName}`, length, columns, lines: null };
}
