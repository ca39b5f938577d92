/**
 * A workgroup's capacity on PGlite: up to `maxReplicas` PGlite engines (worker threads), so
 * that many statements run at once. Reads go to any idle replica; a statement that may
 * write (DDL, DML, anything in a session) runs alone, on every replica, and is kept in a
 * log that later replicas replay before their first statement, so every replica holds the
 * same data. Replicas start on demand: memory grows with the concurrency actually used.
 *
 * A WebAssembly query cannot be interrupted, so cancelling one stops the replica's worker:
 * the slot is free at once, what the cancelled statement wrote is dropped from the log, and
 * a fresh replica (template + log) takes the slot when it is next needed.
 */
import { PgliteEngine } from './pglite-engine.js';
import type { AcquireOptions, EngineConnection, QueryOutcome, SqlEngine } from './sql-engine.js';

/** Past this many bytes of logged writes, no new replica starts (the log stops growing). */
const MAX_WRITE_LOG_BYTES = 16 * 1024 * 1024;

interface Replica {
  readonly engine: PgliteEngine;
  /** Resolves once the replica has replayed the writes logged before it started. */
  readonly synced: Promise<void>;
  busy: boolean;
}

interface Waiter {
  readonly exclusive: boolean;
  readonly grant: (replicas: Replica[]) => void;
}

export class PgliteReplicas implements SqlEngine {
  readonly holdsSessionConnections = false;
  private readonly replicas: Replica[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly writeLog: { sql: string; params?: readonly string[] }[] = [];
  private writeLogBytes = 0;
  private exclusiveHeld = false;

  constructor(
    private readonly initSql: readonly string[],
    /** Statements at once (>= 1). */
    readonly maxReplicas: number,
  ) {}

  /** Replicas started so far. */
  get started(): number {
    return this.replicas.length;
  }

  private startReplica(): Replica {
    const engine = new PgliteEngine(this.initSql);
    const log = [...this.writeLog];
    const synced = (async () => {
      if (log.length === 0) return;
      const conn = await engine.acquire();
      try {
        // Failed writes failed everywhere: replaying them keeps transactions as they were.
        for (const w of log) await conn.query(w.sql, w.params).catch(() => undefined);
      } finally {
        conn.release();
      }
    })();
    const replica: Replica = { engine, synced, busy: false };
    this.replicas.push(replica);
    return replica;
  }

  /** Grants waiters in arrival order; a waiter that cannot be served holds the ones behind. */
  private pump(): void {
    while (this.waiters.length > 0 && !this.exclusiveHeld) {
      const head = this.waiters[0] as Waiter;
      if (head.exclusive) {
        if (this.replicas.some((r) => r.busy)) return;
        if (this.replicas.length === 0) this.startReplica();
        this.waiters.shift();
        this.exclusiveHeld = true;
        for (const r of this.replicas) r.busy = true;
        head.grant([...this.replicas]);
        continue;
      }
      let replica = this.replicas.find((r) => !r.busy);
      if (
        replica === undefined &&
        this.replicas.length < this.maxReplicas &&
        this.writeLogBytes <= MAX_WRITE_LOG_BYTES
      )
        replica = this.startReplica();
      if (replica === undefined) return;
      this.waiters.shift();
      replica.busy = true;
      head.grant([replica]);
    }
  }

  async acquire(options: AcquireOptions = {}): Promise<EngineConnection> {
    const exclusive = options.exclusive ?? false;
    const granted = await new Promise<Replica[]>((grant) => {
      this.waiters.push({ exclusive, grant });
      this.pump();
    });
    const free = () => {
      for (const r of granted) r.busy = false;
      if (exclusive) this.exclusiveHeld = false;
      this.pump();
    };
    let conns: EngineConnection[];
    try {
      await Promise.all(granted.map((r) => r.synced));
      conns = await Promise.all(granted.map((r) => r.engine.acquire()));
    } catch (error) {
      free();
      throw error;
    }
    let released = false;
    const first = conns[0] as EngineConnection;
    /** This holder's entries of the write log (dropped if it is cancelled). */
    const logged: { sql: string; params?: readonly string[] }[] = [];
    return {
      pid: first.pid,
      query: async (sql, params): Promise<QueryOutcome> => {
        if (!exclusive) return first.query(sql, params);
        const entry = { sql, ...(params ? { params } : {}) };
        logged.push(entry);
        this.writeLog.push(entry);
        this.writeLogBytes += sql.length;
        const outcomes = await Promise.allSettled(conns.map((c) => c.query(sql, params)));
        const head = outcomes[0] as PromiseSettledResult<QueryOutcome>;
        if (head.status === 'rejected') throw head.reason;
        return head.value;
      },
      cancel: async () => {
        for (const entry of logged) {
          const at = this.writeLog.indexOf(entry);
          if (at >= 0) this.writeLog.splice(at, 1);
        }
        for (const r of granted) {
          const at = this.replicas.indexOf(r);
          if (at >= 0) this.replicas.splice(at, 1);
        }
        // Rejects the running query ('engine closed'), then ends the worker.
        await Promise.allSettled(granted.map((r) => r.engine.close()));
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        for (const c of conns) c.release();
        free();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.replicas.map((r) => r.engine.close()));
  }
}
