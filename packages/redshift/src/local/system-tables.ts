/**
 * SYS_QUERY_HISTORY and SYS_SERVERLESS_USAGE, queryable like any table: before a statement
 * that names one runs, the endpoint (re)fills a temporary table of that name on the
 * statement's connection. Temporary tables come first in Postgres name resolution, so the
 * statement's own SQL (filters, joins, aggregates) runs unchanged. Times are UTC timestamps,
 * durations microseconds, as in Redshift.
 */

import type { ServerlessUsageRow } from './serverless-usage.js';
import type { EngineConnection } from './sql-engine.js';

export interface QueryHistoryEntry {
  queryId: number;
  transactionId: number;
  /** Backend process id of the connection. */
  sessionId: number;
  userId: number;
  databaseName: string;
  queryType: string;
  /** running, success, failed or canceled. */
  status: string;
  /** Submitted at (start_time), epoch ms. */
  startMs: number;
  endMs: number | null;
  queueUs: number;
  executionUs: number;
  errorMessage: string;
  returnedRows: number;
  returnedBytes: number;
  queryText: string;
}

const QUERY_HISTORY_DDL = `CREATE TEMP TABLE IF NOT EXISTS sys_query_history (
  user_id integer, query_id bigint, query_label varchar(320), transaction_id bigint,
  session_id integer, database_name varchar(128), query_type varchar(32), status varchar(10),
  result_cache_hit boolean, start_time timestamp, end_time timestamp, elapsed_time bigint,
  queue_time bigint, execution_time bigint, error_message varchar(512), returned_rows bigint,
  returned_bytes bigint, query_text varchar(4000), compute_type varchar(32))`;

const SERVERLESS_USAGE_DDL = `CREATE TEMP TABLE IF NOT EXISTS sys_serverless_usage (
  start_time timestamp, end_time timestamp, compute_seconds double precision,
  compute_capacity double precision, data_storage integer,
  cross_region_transferred_data integer, charged_seconds double precision, usage_limit integer)`;

const QUERY_HISTORY = /\bsys_query_history\b/i;
const SERVERLESS_USAGE = /\bsys_serverless_usage\b/i;

/** `2024-05-27 00:00:30.125000`, the text form of a Redshift timestamp. */
export function timestampText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** SELECT, INSERT, UPDATE, DELETE, DDL or UTILITY, from the first keyword after comments. */
export function queryTypeOf(sql: string): string {
  const bare = sql.replace(/^(\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/))*\s*/, '');
  const word = (/^[A-Za-z]+/.exec(bare)?.[0] ?? '').toUpperCase();
  if (word === 'SELECT' || word === 'WITH' || word === 'VALUES') return 'SELECT';
  if (word === 'INSERT' || word === 'UPDATE' || word === 'DELETE') return word;
  if (word === 'CREATE' || word === 'DROP' || word === 'ALTER' || word === 'TRUNCATE') return 'DDL';
  return 'UTILITY';
}

export function mentionsSystemTables(sql: string): boolean {
  return QUERY_HISTORY.test(sql) || SERVERLESS_USAGE.test(sql);
}

function historyJson(e: QueryHistoryEntry): Record<string, unknown> {
  return {
    user_id: e.userId,
    query_id: e.queryId,
    query_label: 'default',
    transaction_id: e.transactionId,
    session_id: e.sessionId,
    database_name: e.databaseName,
    query_type: e.queryType,
    status: e.status,
    result_cache_hit: false,
    start_time: timestampText(e.startMs),
    end_time: e.endMs === null ? null : timestampText(e.endMs),
    elapsed_time: e.queueUs + e.executionUs,
    queue_time: e.queueUs,
    execution_time: e.executionUs,
    error_message: e.errorMessage,
    returned_rows: e.returnedRows,
    returned_bytes: e.returnedBytes,
    query_text: e.queryText.slice(0, 4000),
    compute_type: 'primary',
  };
}

function usageJson(r: ServerlessUsageRow): Record<string, unknown> {
  return {
    start_time: timestampText(r.startMs),
    end_time: timestampText(r.endMs),
    compute_seconds: r.computeSeconds,
    compute_capacity: r.computeCapacity,
    data_storage: 0,
    cross_region_transferred_data: 0,
    charged_seconds: r.chargedSeconds,
    usage_limit: 0,
  };
}

async function fill(
  conn: EngineConnection,
  ddl: string,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  await conn.query(ddl);
  await conn.query(`DELETE FROM pg_temp.${table}`);
  if (rows.length === 0) return;
  await conn.query(
    `INSERT INTO pg_temp.${table} SELECT * FROM json_populate_recordset(NULL::pg_temp.${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

/** Fills the system tables `sql` names, on the connection that will run it. */
export async function refreshSystemTables(
  conn: EngineConnection,
  sql: string,
  source: { history(): readonly QueryHistoryEntry[]; usage(): readonly ServerlessUsageRow[] },
): Promise<void> {
  if (QUERY_HISTORY.test(sql)) {
    await fill(conn, QUERY_HISTORY_DDL, 'sys_query_history', source.history().map(historyJson));
  }
  if (SERVERLESS_USAGE.test(sql)) {
    await fill(conn, SERVERLESS_USAGE_DDL, 'sys_serverless_usage', source.usage().map(usageJson));
  }
}
