/** The Redshift Data API operations: statements, results, cancel, listing, sessions. */
import type { Clock } from './clock.js';
import type { EnginePool } from './engine-pool.js';
import type { FaultInjector } from './faults.js';
import {
  epochSeconds,
  type JsonObject,
  optionalArray,
  optionalInteger,
  optionalString,
  requiredString,
} from './json-input.js';
import type { SqlParameterJson } from './named-parameters.js';
import type { OperationHandler } from './serverless-api.js';
import type { ServerlessRegistry, WorkgroupRecord } from './serverless-registry.js';
import { type BusyInterval, serverlessUsageRows } from './serverless-usage.js';
import { notFound, ServiceError, validation } from './service-error.js';
import { MAX_KEEP_ALIVE_S, type SessionRecord, SessionStore } from './sessions.js';
import type { EngineConnection } from './sql-engine.js';
import { executeStatement } from './statement-executor.js';
import {
  describeJson,
  describeSubJson,
  isActive,
  newStatementRecord,
  type StatementRecord,
  type SubStatement,
} from './statement-record.js';
import { listStatements, statementResult } from './statement-results.js';
import type { QueryHistoryEntry } from './system-tables.js';

/** The service's hard limit on statement text. */
export const MAX_STATEMENT_BYTES = 100 * 1024;
const MAX_BATCH_SQLS = 40;

export interface DataApiLimits {
  /** Active (SUBMITTED, PICKED, STARTED) statements per workgroup before refusing more. */
  readonly maxActiveStatements: number;
  /** Rows per GetStatementResult page. */
  readonly resultPageRows: number;
}

interface WorkgroupActivity {
  readonly history: QueryHistoryEntry[];
  readonly busy: BusyInterval[];
}

export class DataApi {
  private readonly statements = new Map<string, StatementRecord>();
  private readonly clientTokens = new Map<string, string>();
  private readonly activity = new Map<string, WorkgroupActivity>();
  private readonly running = new Map<string, EngineConnection>();
  /** Ids of each workgroup's SUBMITTED, PICKED and STARTED statements (checked per submit). */
  private readonly active = new Map<string, Set<string>>();
  private readonly inFlight = new Set<Promise<void>>();
  readonly sessions: SessionStore;
  private queryId = 0;

  constructor(
    private readonly registry: ServerlessRegistry,
    private readonly engines: EnginePool,
    private readonly clock: Clock,
    private readonly faults: FaultInjector,
    private readonly limits: DataApiLimits,
  ) {
    this.sessions = new SessionStore(clock);
  }

  /** What a workgroup executed: query history and billing intervals. */
  activityOf(workgroupName: string): WorkgroupActivity {
    let a = this.activity.get(workgroupName);
    if (!a) {
      a = { history: [], busy: [] };
      this.activity.set(workgroupName, a);
    }
    return a;
  }

  /** Cancels every statement still running or queued, then waits until all have ended. */
  async drain(): Promise<void> {
    for (const rec of this.statements.values()) {
      if (!isActive(rec.status)) continue;
      rec.cancelRequested = true;
      void this.running
        .get(rec.id)
        ?.cancel()
        .catch(() => false);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private availableWorkgroup(input: JsonObject, session: SessionRecord | null): WorkgroupRecord {
    if (input.ClusterIdentifier !== undefined) {
      throw validation(
        'This endpoint serves Redshift Serverless only: use WorkgroupName instead of ClusterIdentifier.',
      );
    }
    const name = optionalString(input, 'WorkgroupName') ?? session?.workgroupName;
    if (name === undefined) {
      throw validation('Either ClusterIdentifier or WorkgroupName needs to be specified.');
    }
    if (session && name !== session.workgroupName) {
      throw validation(`Session ${session.id} belongs to the workgroup ${session.workgroupName}.`);
    }
    let wg: WorkgroupRecord;
    try {
      wg = this.registry.workgroup(name);
    } catch {
      throw validation(`Workgroup ${name} does not exist.`);
    }
    const status = this.registry.workgroupStatus(wg);
    if (status !== 'AVAILABLE') {
      throw validation(`Workgroup ${name} is not available: its status is ${status}.`);
    }
    return wg;
  }

  private checkSql(sql: unknown): string {
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw validation('The SQL statement must not be empty.');
    }
    if (Buffer.byteLength(sql) > MAX_STATEMENT_BYTES) {
      throw validation(
        `The SQL statement is ${Buffer.byteLength(sql)} bytes; the limit is ${MAX_STATEMENT_BYTES}.`,
      );
    }
    return sql;
  }

  private submit(input: JsonObject, sqls: string[], isBatch: boolean): JsonObject {
    this.sessions.sweep();
    const token = optionalString(input, 'ClientToken');
    const earlier = token !== undefined ? this.clientTokens.get(token) : undefined;
    if (earlier !== undefined) {
      const rec = this.statements.get(earlier);
      if (rec) return this.submitted(rec, null);
    }
    const sessionId = optionalString(input, 'SessionId');
    const keepAlive = optionalInteger(input, 'SessionKeepAliveSeconds', 0, MAX_KEEP_ALIVE_S);
    let session = sessionId !== undefined ? this.sessions.take(sessionId) : null;
    const wg = this.availableWorkgroup(input, session);
    const database = optionalString(input, 'Database') ?? session?.database;
    if (database === undefined) throw validation('Database is required.');
    if (session && database !== session.database) {
      throw validation(`Session ${session.id} is connected to the database ${session.database}.`);
    }
    const activity = this.activityOf(wg.name);
    let active = this.active.get(wg.name);
    if (!active) {
      active = new Set();
      this.active.set(wg.name, active);
    }
    if (active.size >= this.limits.maxActiveStatements) {
      throw new ServiceError(
        'ActiveStatementsExceededException',
        `The workgroup ${wg.name} has ${active.size} active statements, the limit.`,
      );
    }
    const parameters = optionalArray(input, 'Parameters') as SqlParameterJson[] | undefined;
    if (isBatch && parameters && parameters.length > 0) {
      throw validation('Parameters are not supported with BatchExecuteStatement here.');
    }
    const resultFormat = optionalString(input, 'ResultFormat') ?? 'JSON';
    if (resultFormat !== 'JSON' && resultFormat !== 'CSV') {
      throw validation('ResultFormat must be JSON or CSV.');
    }
    const dbUser = optionalString(input, 'DbUser') ?? session?.dbUser ?? 'IAM:local';
    if (session && keepAlive !== undefined) session.keepAliveS = keepAlive;
    if (!session && keepAlive !== undefined && keepAlive > 0) {
      session = this.sessions.create(wg.name, database, dbUser, keepAlive);
    }
    const rec = newStatementRecord({
      sqls,
      isBatch,
      parameters,
      workgroupName: wg.name,
      namespaceName: wg.namespaceName,
      database,
      dbUser,
      statementName: optionalString(input, 'StatementName'),
      sessionId: session?.id,
      resultFormat,
      nowMs: this.clock.now(),
    });
    const id = rec.id;
    this.statements.set(id, rec);
    if (token !== undefined) this.clientTokens.set(token, id);
    if (session) session.busyStatementId = id;
    const run = executeStatement(rec, {
      clock: this.clock,
      faults: this.faults,
      engine: this.engines.get(wg.namespaceName, database, this.registry.capacityOf(wg)),
      session,
      rpu: this.registry.capacityOf(wg),
      nextQueryId: () => ++this.queryId,
      history: activity.history,
      systemTables: {
        history: () => activity.history,
        usage: () => serverlessUsageRows(activity.busy),
      },
      running: this.running,
      onBusy: (startMs, endMs, rpu) => activity.busy.push({ startMs, endMs, rpu }),
    });
    active.add(id);
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      active.delete(id);
    });
    return this.submitted(rec, session);
  }

  private submitted(rec: StatementRecord, session: SessionRecord | null): JsonObject {
    return {
      Id: rec.id,
      CreatedAt: epochSeconds(rec.createdMs),
      Database: rec.database,
      DbUser: rec.dbUser,
      DbGroups: [],
      WorkgroupName: rec.workgroupName,
      ...((rec.sessionId ?? session?.id) ? { SessionId: rec.sessionId ?? session?.id } : {}),
    };
  }

  private find(id: string): { rec: StatementRecord; sub: SubStatement | null } {
    const [base, n] = id.split(':');
    const rec = this.statements.get(base ?? '');
    if (!rec) throw notFound(`Query ${id} does not exist.`);
    if (n === undefined) return { rec, sub: null };
    const sub = rec.subs.find((s) => s.id === id);
    if (!sub || !rec.isBatch) throw notFound(`Query ${id} does not exist.`);
    return { rec, sub };
  }

  private cancel(input: JsonObject): JsonObject {
    const { rec } = this.find(requiredString(input, 'Id'));
    if (!isActive(rec.status)) {
      throw validation(`Could not cancel a query that is already in ${rec.status} state.`);
    }
    rec.cancelRequested = true;
    const conn = this.running.get(rec.id);
    // The record says ABORTED at once; the engine stops the query where it can (a server),
    // and PGlite's result is discarded when it arrives.
    if (conn) void conn.cancel().catch(() => false);
    rec.status = 'ABORTED';
    rec.updatedMs = this.clock.now();
    this.active.get(rec.workgroupName)?.delete(rec.id);
    return { Status: true };
  }

  operations(): Record<string, OperationHandler> {
    return {
      ExecuteStatement: (input) => this.submit(input, [this.checkSql(input.Sql)], false),
      BatchExecuteStatement: (input) => {
        const sqls = optionalArray(input, 'Sqls');
        if (!sqls || sqls.length === 0 || sqls.length > MAX_BATCH_SQLS) {
          throw validation(`Sqls must hold 1 to ${MAX_BATCH_SQLS} statements.`);
        }
        return this.submit(
          input,
          sqls.map((s) => this.checkSql(s)),
          true,
        );
      },
      DescribeStatement: (input) => {
        const { rec, sub } = this.find(requiredString(input, 'Id'));
        return sub ? describeSubJson(rec, sub) : describeJson(rec);
      },
      GetStatementResult: (input) => {
        const id = requiredString(input, 'Id');
        return statementResult(id, this.find(id), input, 'JSON', this.limits.resultPageRows);
      },
      GetStatementResultV2: (input) => {
        const id = requiredString(input, 'Id');
        return statementResult(id, this.find(id), input, 'CSV', this.limits.resultPageRows);
      },
      CancelStatement: (input) => this.cancel(input),
      ListStatements: (input) => listStatements(this.statements.values(), input),
      ListDatabases: (input) => {
        const wg = this.availableWorkgroup(input, null);
        const ns = this.registry.namespace(wg.namespaceName);
        return { Databases: [ns.dbName] };
      },
    };
  }
}
