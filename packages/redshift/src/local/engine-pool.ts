/**
 * One SQL engine per namespace and database, created on first use. Data lives in the
 * namespace, as in Redshift Serverless; the `dev` database gets the demo dataset.
 *
 * RPU means capacity: a workgroup of r RPU runs `statementSlotsOf(r)` statements at once
 * (one slot per 8 RPU, at least one, at most `maxSlots`): that many PGlite replicas, or a
 * connection pool of that size on a PostgreSQL server. Statements beyond it queue.
 */
import { DEMO_DATABASE, demoDatasetSql } from './demo-dataset.js';
import { PgliteReplicas } from './pglite-replicas.js';
import { PostgresEngine, urlForDatabase } from './postgres-engine.js';
import type { SqlEngine } from './sql-engine.js';

export interface EnginePoolOptions {
  /** A PostgreSQL server URL; PGlite (in worker threads) when absent. */
  readonly postgresUrl?: string;
  /** Most statements at once per workgroup, whatever its RPU (default 4: 32 RPU and up). */
  readonly maxSlots?: number;
  /** Create the demo dataset in `dev` on first use (default true). */
  readonly demoDataset?: boolean;
}

/** RPU per statement slot: a workgroup of r RPU runs floor(r / 8) statements at once. */
export const RPU_PER_SLOT = 8;
export const DEFAULT_MAX_SLOTS = 4;

/** Statements a workgroup of `rpu` RPU runs at once. */
export function statementSlotsOf(rpu: number, maxSlots = DEFAULT_MAX_SLOTS): number {
  return Math.max(1, Math.min(maxSlots, Math.floor(rpu / RPU_PER_SLOT)));
}

export class EnginePool {
  private readonly engines = new Map<string, SqlEngine>();

  constructor(private readonly options: EnginePoolOptions = {}) {}

  /** The engine of a namespace's database, for a workgroup of `rpu` RPU. */
  get(namespaceName: string, database: string, rpu: number): SqlEngine {
    const slots = statementSlotsOf(rpu, this.options.maxSlots);
    // A resized workgroup gets an engine of its new size on its next statement's database.
    const key = `${namespaceName}\u0000${database}\u0000${slots}`;
    let engine = this.engines.get(key);
    if (!engine) {
      const init =
        database === DEMO_DATABASE && this.options.demoDataset !== false ? demoDatasetSql() : [];
      engine = this.options.postgresUrl
        ? new PostgresEngine(urlForDatabase(this.options.postgresUrl, database), init, slots)
        : new PgliteReplicas(init, slots);
      this.engines.set(key, engine);
    }
    return engine;
  }

  async closeAll(): Promise<void> {
    const all = [...this.engines.values()];
    this.engines.clear();
    await Promise.allSettled(all.map((e) => e.close()));
  }
}
