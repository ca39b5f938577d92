/**
 * Data API sessions: `SessionKeepAliveSeconds` keeps a connection for later statements that
 * pass the `SessionId`. A session runs one statement at a time and closes after staying idle
 * for its keep-alive time.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.js';
import { validation } from './service-error.js';
import type { EngineConnection } from './sql-engine.js';

export const MAX_KEEP_ALIVE_S = 86_400;

export interface SessionRecord {
  readonly id: string;
  readonly workgroupName: string;
  readonly database: string;
  readonly dbUser: string;
  keepAliveS: number;
  lastUsedMs: number;
  busyStatementId: string | null;
  /** Held on a server pool; null on PGlite, whose single connection everyone shares. */
  connection: EngineConnection | null;
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(private readonly clock: Clock) {}

  create(
    workgroupName: string,
    database: string,
    dbUser: string,
    keepAliveS: number,
  ): SessionRecord {
    const session: SessionRecord = {
      id: randomUUID(),
      workgroupName,
      database,
      dbUser,
      keepAliveS,
      lastUsedMs: this.clock.now(),
      busyStatementId: null,
      connection: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  private expired(s: SessionRecord): boolean {
    return s.busyStatementId === null && this.clock.now() > s.lastUsedMs + s.keepAliveS * 1000;
  }

  /** Closes idle sessions past their keep-alive, releasing held connections. */
  sweep(): void {
    for (const [id, s] of this.sessions) {
      if (!this.expired(s)) continue;
      s.connection?.release();
      this.sessions.delete(id);
    }
  }

  /** The live, idle session with this id, or the service's error. */
  take(id: string): SessionRecord {
    this.sweep();
    const session = this.sessions.get(id);
    if (!session) throw validation(`Session ${id} is not available: it ended or never existed.`);
    if (session.busyStatementId !== null) {
      throw validation(`Session ${id} is busy with statement ${session.busyStatementId}.`);
    }
    return session;
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.connection?.release();
    this.sessions.clear();
  }
}
