/**
 * PGlite runs Postgres compiled to WebAssembly, synchronously: a query blocks the thread it
 * runs on. Each database therefore gets its own worker thread, so the HTTP endpoint keeps
 * answering (DescribeStatement shows STARTED while a query runs) and separate workgroups
 * execute in parallel. One instance has one connection: statements queue on it in order.
 */
import { Worker } from 'node:worker_threads';
import {
  loadPgliteTemplate,
  PGLITE_ENTRY,
  savePgliteTemplate,
  templateKey,
} from './pglite-template.js';
import type { EngineConnection, QueryOutcome, SqlEngine } from './sql-engine.js';
import { TEXT_KEPT_TYPE_OIDS } from './sql-engine.js';

// Plain JavaScript evaluated in the worker: it works the same from `src/` under jest and
// from `dist/`, with no separate worker file to locate.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  const { PGlite } = await import(pathToFileURL(workerData.pglitePath).href);
  const keep = (v) => v;
  const parsers = {};
  for (const oid of workerData.textOids) parsers[oid] = keep;
  const tryLoad = async (bytes) => {
    if (!bytes) return undefined;
    try {
      return await PGlite.create({ parsers, loadDataDir: new Blob([bytes]) });
    } catch {
      return undefined;
    }
  };
  let db = await tryLoad(workerData.built);
  let emptyDump;
  let builtDump;
  if (!db) {
    db = await tryLoad(workerData.empty);
    if (!db) {
      db = await PGlite.create({ parsers });
      emptyDump = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    }
    for (const sql of workerData.initSql) await db.exec(sql);
    if (workerData.initSql.length > 0) {
      builtDump = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    }
  }
  const pid = (await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  parentPort.on('message', async (msg) => {
    try {
      const r = await db.query(msg.sql, msg.params, { rowMode: 'array' });
      const rowCount = r.fields.length > 0 ? r.rows.length : (r.affectedRows ?? 0);
      // json and array values arrive parsed; they travel as JSON text, as from a server.
      const rows = r.rows.map((row) =>
        row.map((v) =>
          v !== null && typeof v === 'object' && !(v instanceof Uint8Array) ? JSON.stringify(v) : v,
        ),
      );
      parentPort.postMessage({ id: msg.id, ok: { fields: r.fields, rows, rowCount } });
    } catch (e) {
      parentPort.postMessage({ id: msg.id, error: String(e && e.message ? e.message : e) });
    }
  });
  const dumps = [emptyDump, builtDump].filter(Boolean);
  parentPort.postMessage({ ready: pid, emptyDump, builtDump }, dumps.map((d) => d.buffer));
})().catch((e) => parentPort.postMessage({ fatal: String(e && e.stack ? e.stack : e) }));
`;

interface WorkerReply {
  id?: number;
  ok?: QueryOutcome;
  error?: string;
  ready?: number;
  emptyDump?: Uint8Array;
  builtDump?: Uint8Array;
  fatal?: string;
}

export class PgliteEngine implements SqlEngine {
  readonly holdsSessionConnections = false;
  private readonly worker: Promise<Worker>;
  private readonly ready: Promise<number>;
  private readonly pending = new Map<
    number,
    { resolve: (o: QueryOutcome) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private stopped: Error | null = null;
  /** Tail of the FIFO of connection holders. */
  private turn: Promise<void> = Promise.resolve();

  /** `initSql` runs once before the first statement (the demo dataset of `dev`). */
  constructor(initSql: readonly string[] = []) {
    const key = templateKey(initSql);
    this.worker = Promise.all([
      loadPgliteTemplate('empty'),
      initSql.length > 0 ? loadPgliteTemplate(key) : null,
    ]).then(
      ([empty, built]) =>
        new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            pglitePath: PGLITE_ENTRY,
            textOids: TEXT_KEPT_TYPE_OIDS,
            initSql,
            empty,
            built,
          },
        }),
    );
    this.ready = this.worker.then(
      (worker) =>
        new Promise<number>((resolve, reject) => {
          worker.on('message', (reply: WorkerReply) => {
            if (reply.ready !== undefined) {
              if (reply.emptyDump) void savePgliteTemplate('empty', reply.emptyDump);
              if (reply.builtDump) void savePgliteTemplate(key, reply.builtDump);
              resolve(reply.ready);
            } else if (reply.fatal !== undefined) {
              reject(new Error(`PGlite failed: ${reply.fatal}`));
            } else if (reply.id !== undefined) this.settle(reply);
          });
          // A worker that dies fails its waiting statements instead of leaving them STARTED.
          const stop = (why: string) => {
            this.stopped ??= new Error(`PGlite worker stopped: ${why}`);
            reject(this.stopped);
            for (const waiter of this.pending.values()) waiter.reject(this.stopped);
            this.pending.clear();
          };
          worker.on('error', (error) => stop(String(error)));
          worker.on('exit', (code) => stop(`exit code ${code}`));
        }),
    );
    // A failed start is reported to whoever acquires; avoid an unhandled rejection meanwhile.
    this.ready.catch(() => undefined);
  }

  private settle(reply: WorkerReply): void {
    const waiter = this.pending.get(reply.id ?? -1);
    if (!waiter) return;
    this.pending.delete(reply.id ?? -1);
    if (reply.ok) waiter.resolve(reply.ok);
    else waiter.reject(new Error(reply.error ?? 'unknown PGlite error'));
  }

  private send(sql: string, params?: readonly string[]): Promise<QueryOutcome> {
    const id = this.nextId++;
    if (this.stopped) return Promise.reject(this.stopped);
    return this.worker.then(
      (worker) =>
        new Promise<QueryOutcome>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ id, sql, params: params ? [...params] : undefined });
        }),
    );
  }

  async acquire(): Promise<EngineConnection> {
    let release!: () => void;
    const previous = this.turn;
    this.turn = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    let pid: number;
    try {
      pid = await this.ready;
    } catch (error) {
      release();
      throw error;
    }
    let released = false;
    return {
      pid,
      query: (sql, params) => this.send(sql, params),
      // A WebAssembly query cannot be interrupted from outside.
      cancel: async () => false,
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  async close(): Promise<void> {
    for (const waiter of this.pending.values()) waiter.reject(new Error('engine closed'));
    this.pending.clear();
    await (await this.worker).terminate();
  }
}
