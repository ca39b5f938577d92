/**
 * The port a wall-clock driver runs a data warehouse through. The driver knows clusters by
 * name and size only; an adapter (Redshift Serverless through its Data and Serverless APIs,
 * an in-memory warehouse in tests, ...) turns each call into the service's own operations.
 */

/** A cluster as the backend sees it: the control plane's name and size. */
export interface BackendCluster {
  readonly name: string;
  /** Capacity in the backend's units (Redshift: RPU). */
  readonly rpu: number;
}

/** One statement to run on a cluster. */
export interface BackendStatement {
  readonly queryId: number;
  readonly queryTextId: string;
  readonly sql: string;
}

export interface StatementResult {
  readonly success: boolean;
  readonly error: string | null;
  /** The service's own span of the statement (its queueing + execution), s; NaN when unknown. */
  readonly serviceS: number;
  /** Backend facts worth logging with the statement (statement id, engine query id, ...). */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export interface ClusterStats {
  /** Engine-side latency (queue + execution) of the run's statements, s, by query id. */
  readonly elapsedS: ReadonlyMap<number, number>;
  /** Seconds the service charged for the cluster over the run's window. */
  readonly chargedSeconds: number;
  /** Rows saved per system table (e.g. `sys_query_history: 12`). */
  readonly savedRows: Readonly<Record<string, number>>;
}

export interface WarehouseBackend {
  /** Creates `cluster` and resolves once it takes statements; rejects when it cannot. */
  provision(cluster: BackendCluster): Promise<void>;
  /** Stands `cluster` for an existing resource (checked, never created or deleted). */
  adopt(cluster: BackendCluster, existing: string): Promise<void>;
  /** Deletes what `provision` created, also after a failed provision; missing is fine. */
  decommission(cluster: BackendCluster): Promise<void>;
  /** Runs one statement; aborting `signal` cancels it on the service. */
  execute(
    cluster: BackendCluster,
    statement: BackendStatement,
    signal: AbortSignal,
  ): Promise<StatementResult>;
  /**
   * Saves the run's statistics of `cluster` (after its last statement, before it is
   * decommissioned); `startMs` is the run's start, epoch ms.
   */
  collectStats(
    cluster: BackendCluster,
    window: { readonly startMs: number },
  ): Promise<ClusterStats>;
}
