/** What the endpoint remembers about a Data API statement, and its JSON views. */
import { randomUUID } from 'node:crypto';
import { epochSeconds, type JsonObject } from './json-input.js';
import { bindNamedParameters, type SqlParameterJson } from './named-parameters.js';
import type { EngineField, EngineValue } from './sql-engine.js';
import type { QueryHistoryEntry } from './system-tables.js';

export type StatementStatus =
  | 'SUBMITTED'
  | 'PICKED'
  | 'STARTED'
  | 'FINISHED'
  | 'FAILED'
  | 'ABORTED';

export const ACTIVE_STATUSES: readonly StatementStatus[] = ['SUBMITTED', 'PICKED', 'STARTED'];

/** One SQL text: the statement itself, or one of a batch (`<id>:<n>`). */
export interface SubStatement {
  readonly id: string;
  readonly sql: string;
  /** SQL with `$n` placeholders, and their values. */
  readonly text: string;
  readonly values: string[] | undefined;
  status: StatementStatus;
  readonly createdMs: number;
  updatedMs: number;
  startedMs: number | null;
  endedMs: number | null;
  error: string | null;
  fields: readonly EngineField[];
  rows: readonly (readonly EngineValue[])[];
  rowCount: number;
  resultSize: number;
  hasResultSet: boolean;
  redshiftQueryId: number;
  history: QueryHistoryEntry | null;
}

export interface StatementRecord {
  readonly id: string;
  readonly isBatch: boolean;
  readonly workgroupName: string;
  readonly namespaceName: string;
  readonly database: string;
  readonly dbUser: string;
  readonly statementName: string | undefined;
  readonly sessionId: string | undefined;
  readonly parameters: unknown[] | undefined;
  readonly resultFormat: string;
  readonly createdMs: number;
  status: StatementStatus;
  updatedMs: number;
  pid: number | null;
  error: string | null;
  cancelRequested: boolean;
  readonly subs: SubStatement[];
}

export const isActive = (status: StatementStatus): boolean => ACTIVE_STATUSES.includes(status);

/** Nanoseconds of execution; -1 until the statement ends, as the service reports it. */
function durationNs(s: { startedMs: number | null; endedMs: number | null }): number {
  if (s.startedMs === null || s.endedMs === null) return -1;
  return Math.round((s.endedMs - s.startedMs) * 1e6);
}

export function subStatementJson(sub: SubStatement): JsonObject {
  return {
    Id: sub.id,
    Status: sub.status,
    CreatedAt: epochSeconds(sub.createdMs),
    UpdatedAt: epochSeconds(sub.updatedMs),
    Duration: durationNs(sub),
    QueryString: sub.sql,
    ResultRows: sub.hasResultSet ? sub.rowCount : -1,
    ResultSize: sub.resultSize,
    RedshiftQueryId: sub.redshiftQueryId,
    HasResultSet: sub.hasResultSet,
    ...(sub.error !== null ? { Error: sub.error } : {}),
  };
}

export function describeJson(rec: StatementRecord): JsonObject {
  const first = rec.subs[0];
  const last = rec.subs[rec.subs.length - 1];
  const started = first?.startedMs ?? null;
  const ended = rec.subs.every((s) => s.endedMs !== null || s.startedMs === null)
    ? (last?.endedMs ?? null)
    : null;
  const common: JsonObject = {
    Id: rec.id,
    Status: rec.status,
    CreatedAt: epochSeconds(rec.createdMs),
    UpdatedAt: epochSeconds(rec.updatedMs),
    Database: rec.database,
    DbUser: rec.dbUser,
    WorkgroupName: rec.workgroupName,
    ResultFormat: rec.resultFormat,
    Duration: isActiveOrNotStarted(rec) ? -1 : durationNs({ startedMs: started, endedMs: ended }),
    ...(rec.pid !== null ? { RedshiftPid: rec.pid } : {}),
    ...(rec.error !== null ? { Error: rec.error } : {}),
    ...(rec.sessionId ? { SessionId: rec.sessionId } : {}),
    ...(rec.parameters ? { QueryParameters: rec.parameters } : {}),
  };
  if (rec.isBatch) {
    return {
      ...common,
      HasResultSet: false,
      ResultRows: -1,
      ResultSize: rec.subs.reduce((a, s) => a + s.resultSize, 0),
      RedshiftQueryId: last?.redshiftQueryId ?? 0,
      SubStatements: rec.subs.map(subStatementJson),
    };
  }
  const sub = first as SubStatement;
  return {
    ...common,
    QueryString: sub.sql,
    HasResultSet: sub.hasResultSet,
    ResultRows: sub.hasResultSet ? sub.rowCount : -1,
    ResultSize: sub.resultSize,
    RedshiftQueryId: sub.redshiftQueryId,
  };
}

function isActiveOrNotStarted(rec: StatementRecord): boolean {
  return isActive(rec.status) || rec.subs[0]?.startedMs === null;
}

/** A sub-statement seen on its own (DescribeStatement of `<id>:<n>`). */
export function describeSubJson(rec: StatementRecord, sub: SubStatement): JsonObject {
  return {
    ...subStatementJson(sub),
    Database: rec.database,
    DbUser: rec.dbUser,
    WorkgroupName: rec.workgroupName,
    ...(rec.pid !== null ? { RedshiftPid: rec.pid } : {}),
  };
}

export function listEntryJson(rec: StatementRecord): JsonObject {
  return {
    Id: rec.id,
    Status: rec.status,
    CreatedAt: epochSeconds(rec.createdMs),
    UpdatedAt: epochSeconds(rec.updatedMs),
    IsBatchStatement: rec.isBatch,
    ResultFormat: rec.resultFormat,
    ...(rec.statementName ? { StatementName: rec.statementName } : {}),
    ...(rec.sessionId ? { SessionId: rec.sessionId } : {}),
    ...(rec.isBatch
      ? { QueryStrings: rec.subs.map((s) => s.sql) }
      : { QueryString: rec.subs[0]?.sql }),
    ...(rec.parameters ? { QueryParameters: rec.parameters } : {}),
  };
}

export interface NewStatement {
  readonly sqls: readonly string[];
  readonly isBatch: boolean;
  readonly parameters: SqlParameterJson[] | undefined;
  readonly workgroupName: string;
  readonly namespaceName: string;
  readonly database: string;
  readonly dbUser: string;
  readonly statementName: string | undefined;
  readonly sessionId: string | undefined;
  readonly resultFormat: string;
  readonly nowMs: number;
}

/**
 * A SUBMITTED statement with one sub-statement per SQL text (`<id>:<n>` in a batch).
 * @throws ServiceError ValidationException when the parameters do not match the SQL.
 */
export function newStatementRecord(s: NewStatement): StatementRecord {
  const id = randomUUID();
  const subs: SubStatement[] = s.sqls.map((sql, i) => {
    const bound = bindNamedParameters(sql, s.parameters);
    return {
      id: s.isBatch ? `${id}:${i + 1}` : id,
      sql,
      text: bound.text,
      values: bound.values,
      status: 'SUBMITTED',
      createdMs: s.nowMs,
      updatedMs: s.nowMs,
      startedMs: null,
      endedMs: null,
      error: null,
      fields: [],
      rows: [],
      rowCount: 0,
      resultSize: 0,
      hasResultSet: false,
      redshiftQueryId: 0,
      history: null,
    };
  });
  return {
    id,
    isBatch: s.isBatch,
    workgroupName: s.workgroupName,
    namespaceName: s.namespaceName,
    database: s.database,
    dbUser: s.dbUser,
    statementName: s.statementName,
    sessionId: s.sessionId,
    parameters: s.parameters,
    resultFormat: s.resultFormat,
    createdMs: s.nowMs,
    status: 'SUBMITTED',
    updatedMs: s.nowMs,
    pid: null,
    error: null,
    cancelRequested: false,
    subs,
  };
}
