/**
 * One SQL engine per namespace and database, created on first use. Data lives in the
 * namespace, as in Redshift Serverless; the `dev` database gets the demo dataset.
 */
import { DEMO_DATABASE, demoDatasetSql } from './demo-dataset.js';
import { PgliteEngine } from './pglite-engine.js';
import { PostgresEngine, urlForDatabase } from './postgres-engine.js';
import type { SqlEngine } from './sql-engine.js';

export interface EnginePoolOptions {
  /** A PostgreSQL server URL; PGlite (in worker threads) when absent. */
  readonly postgresUrl?: string;
  /** Pool size per namespace and database on a PostgreSQL server. */
  readonly maxConnections?: number;
  /** Create the demo dataset in `dev` on first use (default true). */
  readonly demoDataset?: boolean;
}

export class EnginePool {
  private readonly engines = new Map<string, SqlEngine>();

  constructor(private readonly options: EnginePoolOptions = {}) {}

  get(namespaceName: string, database: string): SqlEngine {
    const key = `${namespaceName}\u0000${database}`;
    let engine = this.engines.get(key);
    if (!engine) {
      const init =
        database === DEMO_DATABASE && this.options.demoDataset !== false ? demoDatasetSql() : [];
      engine = this.options.postgresUrl
        ? new PostgresEngine(
            urlForDatabase(this.options.postgresUrl, database),
            init,
            this.options.maxConnections,
          )
        : new PgliteEngine(init);
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
