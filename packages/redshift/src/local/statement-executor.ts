/**
 * Runs a submitted statement on its engine and walks it through the service's life cycle:
 * SUBMITTED (queued for a connection) -> PICKED (connection taken, system tables refreshed)
 * -> STARTED -> FINISHED, FAILED or ABORTED. A batch runs its SQL in one transaction and
 * rolls back on the first failure.
 */
import type { Clock } from './clock.js';
import type { FaultInjector } from './faults.js';
import { isRedshiftOnlySetting } from './redshift-settings.js';
import type { ServerlessUsageRow } from './serverless-usage.js';
import type { SessionRecord } from './sessions.js';
import type { EngineConnection, SqlEngine } from './sql-engine.js';
import type { StatementRecord, StatementStatus, SubStatement } from './statement-record.js';
import {
  mentionsSystemTables,
  type QueryHistoryEntry,
  queryTypeOf,
  refreshSystemTables,
} from './system-tables.js';
import { resultSizeBytes } from './typed-records.js';

export interface ExecutionContext {
  readonly clock: Clock;
  readonly faults: FaultInjector;
  readonly engine: SqlEngine;
  readonly session: SessionRecord | null;
  /** Capacity the workgroup bills at while this statement runs. */
  readonly rpu: number;
  readonly nextQueryId: () => number;
  readonly history: QueryHistoryEntry[];
  readonly systemTables: {
    history(): readonly QueryHistoryEntry[];
    usage(): readonly ServerlessUsageRow[];
  };
  /** Connections of running statements, for CancelStatement. */
  readonly running: Map<string, EngineConnection>;
  /** Called once with the execution interval, for billing. */
  readonly onBusy: (startMs: number, endMs: number, rpu: number) => void;
}

class StatementAborted extends Error {}

const USER_ID = 100;

function setStatus(rec: StatementRecord, status: StatementStatus, now: number): void {
  rec.status = status;
  rec.updatedMs = now;
}

function historyEntry(
  rec: StatementRecord,
  sub: SubStatement,
  pid: number,
  queueMs: number,
  startMs: number,
): QueryHistoryEntry {
  return {
    queryId: sub.redshiftQueryId,
    transactionId: rec.subs[0]?.redshiftQueryId ?? sub.redshiftQueryId,
    sessionId: pid,
    userId: USER_ID,
    databaseName: rec.database,
    queryType: queryTypeOf(sub.sql),
    status: 'running',
    startMs,
    endMs: null,
    queueUs: Math.round(queueMs * 1000),
    executionUs: 0,
    errorMessage: '',
    returnedRows: 0,
    returnedBytes: 0,
    queryText: sub.sql,
  };
}

async function acquire(
  rec: StatementRecord,
  ctx: ExecutionContext,
): Promise<{ conn: EngineConnection; held: boolean; exclusive: boolean }> {
  const session = ctx.session;
  if (session?.connection) return { conn: session.connection, held: true, exclusive: true };
  // Anything that may change data or session state runs alone (on every replica); the
  // Redshift-only settings (result cache off) are not run at all.
  const exclusive =
    session !== null ||
    rec.subs.some((s) => !isRedshiftOnlySetting(s.sql) && queryTypeOf(s.sql) !== 'SELECT');
  const conn = await ctx.engine.acquire({ exclusive, forSession: session !== null });
  if (session && ctx.engine.holdsSessionConnections) {
    session.connection = conn;
    return { conn, held: true, exclusive };
  }
  return { conn, held: false, exclusive };
}

async function runSub(
  rec: StatementRecord,
  sub: SubStatement,
  conn: EngineConnection,
  ctx: ExecutionContext,
  index: number,
): Promise<void> {
  const now = ctx.clock.now();
  sub.startedMs = now;
  sub.status = 'STARTED';
  sub.updatedMs = now;
  sub.redshiftQueryId = ctx.nextQueryId();
  const submittedMs = index === 0 ? rec.createdMs : now;
  sub.history = historyEntry(rec, sub, conn.pid, now - submittedMs, submittedMs);
  ctx.history.push(sub.history);
  const injected = ctx.faults.statementFailure(sub.sql);
  if (injected !== null) throw new Error(injected);
  const outcome = isRedshiftOnlySetting(sub.sql)
    ? { fields: [], rows: [], rowCount: 0 }
    : await conn.query(sub.text, sub.values);
  if (rec.cancelRequested) throw new StatementAborted('Query was cancelled.');
  const end = ctx.clock.now();
  sub.fields = outcome.fields;
  sub.rows = outcome.rows;
  sub.hasResultSet = outcome.fields.length > 0;
  sub.rowCount = outcome.rowCount;
  sub.resultSize = resultSizeBytes(outcome.rows);
  sub.status = 'FINISHED';
  sub.endedMs = end;
  sub.updatedMs = end;
  Object.assign(sub.history, {
    status: 'success',
    endMs: end,
    executionUs: Math.round((end - now) * 1000),
    returnedRows: sub.hasResultSet ? sub.rowCount : 0,
    returnedBytes: sub.resultSize,
  });
}

function failSubs(rec: StatementRecord, error: unknown, ctx: ExecutionContext): void {
  const now = ctx.clock.now();
  const aborted = rec.cancelRequested || error instanceof StatementAborted;
  const message = aborted ? 'Query was cancelled.' : (error as Error).message;
  const status: StatementStatus = aborted ? 'ABORTED' : 'FAILED';
  // The first unfinished statement carries the error; the ones after it never ran.
  let blamed = false;
  for (const sub of rec.subs) {
    if (sub.status === 'FINISHED') continue;
    sub.status = blamed ? 'ABORTED' : status;
    if (!blamed) sub.error = message;
    blamed = true;
    sub.updatedMs = now;
    if (sub.startedMs !== null) sub.endedMs ??= now;
    if (sub.history && sub.history.endMs === null) {
      Object.assign(sub.history, {
        status: aborted ? 'canceled' : 'failed',
        endMs: now,
        executionUs: Math.round((now - (sub.startedMs ?? now)) * 1000),
        errorMessage: message.slice(0, 512),
      });
    }
  }
  rec.error = message;
  setStatus(rec, status, now);
}

export async function executeStatement(rec: StatementRecord, ctx: ExecutionContext): Promise<void> {
  let acquired: Awaited<ReturnType<typeof acquire>>;
  try {
    acquired = await acquire(rec, ctx);
  } catch (error) {
    failSubs(rec, error, ctx);
    if (ctx.session) ctx.session.busyStatementId = null;
    return;
  }
  const { conn, held, exclusive } = acquired;
  let startedMs: number | null = null;
  try {
    if (rec.cancelRequested) throw new StatementAborted('Query was cancelled.');
    rec.pid = conn.pid;
    ctx.running.set(rec.id, conn);
    setStatus(rec, 'PICKED', ctx.clock.now());
    const sqlTexts = rec.subs.map((s) => s.sql).join('\n');
    if (mentionsSystemTables(sqlTexts)) await refreshSystemTables(conn, sqlTexts, ctx.systemTables);
    if (rec.cancelRequested) throw new StatementAborted('Query was cancelled.');
    startedMs = ctx.clock.now();
    setStatus(rec, 'STARTED', startedMs);
    if (rec.isBatch) await conn.query('BEGIN');
    for (const [i, sub] of rec.subs.entries()) await runSub(rec, sub, conn, ctx, i);
    if (rec.isBatch) await conn.query('COMMIT');
    setStatus(rec, 'FINISHED', ctx.clock.now());
  } catch (error) {
    if (rec.isBatch) await conn.query('ROLLBACK').catch(() => undefined);
    failSubs(rec, error, ctx);
  } finally {
    ctx.running.delete(rec.id);
    if (startedMs !== null) ctx.onBusy(startedMs, ctx.clock.now(), ctx.rpu);
    // A statement without a session is a session of its own, as on the service: what it
    // set (search_path, temporary tables, ...) does not outlive it.
    if (ctx.session === null && exclusive && !rec.cancelRequested)
      await conn.query('DISCARD ALL').catch(() => undefined);
    if (!held) conn.release();
    if (ctx.session) {
      ctx.session.busyStatementId = null;
      ctx.session.lastUsedMs = ctx.clock.now();
    }
  }
}
