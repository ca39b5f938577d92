/** A PostgreSQL server reached by URL: a pool per workgroup and database, real concurrency. */

import { Semaphore } from '@autoslo/core';
import pg from 'pg';
import type {
  AcquireOptions,
  EngineConnection,
  EngineValue,
  QueryOutcome,
  SqlEngine,
} from './sql-engine.js';
import { TEXT_KEPT_TYPE_OIDS } from './sql-engine.js';

const INT8_OID = 20;
/** Connections Data API sessions may hold beside the statement slots. */
const SESSION_CONNECTIONS = 16;

function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (TEXT_KEPT_TYPE_OIDS.includes(oid)) return (v) => v;
  // bigint arrives as text; the Data API returns it as a longValue, exact beyond 2^53.
  if (oid === INT8_OID)
    return (v) => {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : BigInt(v);
    };
  return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
}

function toEngineValue(value: unknown): EngineValue {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    typeof value === 'string'
  ) {
    return value;
  }
  if (value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/** The URL with its database replaced, so each Data API database maps to one server database. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export class PostgresEngine implements SqlEngine {
  readonly holdsSessionConnections = true;
  private readonly pool: pg.Pool;
  private initialised: Promise<void> | null = null;

  /** Statements at once (the workgroup's slots); sessions hold connections beside them. */
  private readonly slots: Semaphore;

  constructor(
    private readonly connectionString: string,
    private readonly initSql: readonly string[] = [],
    statementSlots = 4,
  ) {
    this.slots = new Semaphore(statementSlots);
    this.pool = new pg.Pool({
      connectionString,
      max: statementSlots + SESSION_CONNECTIONS,
      types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
    });
    // Errors of idle clients (server restart) must not crash the endpoint.
    this.pool.on('error', () => undefined);
  }

  private init(): Promise<void> {
    this.initialised ??= (async () => {
      if (this.initSql.length === 0) return;
      const client = await this.pool.connect();
      // Several namespaces share one server database: serialise the idempotent set-up.
      await client.query('SELECT pg_advisory_lock(727270001)');
      try {
        for (const sql of this.initSql) await client.query(sql);
      } finally {
        await client.query('SELECT pg_advisory_unlock(727270001)').catch(() => undefined);
        client.release();
      }
    })();
    return this.initialised;
  }

  async acquire(options: AcquireOptions = {}): Promise<EngineConnection> {
    await this.init();
    const freeSlot = options.forSession ? () => {} : await this.slots.acquire();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      freeSlot();
      throw error;
    }
    const pid = (client as unknown as { processID: number }).processID;
    let released = false;
    return {
      pid,
      query: async (sql, params): Promise<QueryOutcome> => {
        const result = await client.query({
          text: sql,
          values: params ? [...params] : [],
          rowMode: 'array',
        });
        const fields = result.fields.map((f) => ({
          name: f.name,
          dataTypeID: f.dataTypeID,
          typeModifier: f.dataTypeModifier,
        }));
        const rows = (result.rows as unknown[][]).map((row) => row.map(toEngineValue));
        return { fields, rows, rowCount: fields.length > 0 ? rows.length : (result.rowCount ?? 0) };
      },
      cancel: async () => {
        const canceller = new pg.Client({ connectionString: this.connectionString });
        await canceller.connect();
        try {
          const r = await canceller.query('SELECT pg_cancel_backend($1) AS ok', [pid]);
          return (r.rows[0] as { ok: boolean } | undefined)?.ok === true;
        } finally {
          await canceller.end();
        }
      },
      release: () => {
        if (released) return;
        released = true;
        client.release();
        freeSlot();
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
