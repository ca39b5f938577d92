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
  /** An application's own request to send as it is (a gateway proxying its clients). */
  readonly passThrough?: PassThroughStatement;
}

/**
 * A statement an application sent in the backend's own protocol (the gateway's case): the
 * adapter sends `request` (its target replaced by the chosen cluster) instead of `sql`, and
 * reports the service's answer to the submission through `onSubmitted` before it waits for
 * the end. The payloads are opaque to the driver.
 */
export interface PassThroughStatement {
  readonly operation: string;
  readonly request: Readonly<Record<string, unknown>>;
  /** Called once the service answered the submission on `cluster`. */
  onSubmitted(reply: ForwardedReply, cluster: BackendCluster): void;
}

/** A service's raw answer to one forwarded request. */
export interface ForwardedReply {
  readonly status: number;
  /** The body as the service sent it (so results pass back byte for byte). */
  readonly body: string;
  /** The service's error code when `status` is not 2xx. */
  readonly errorCode: string | null;
  /** Time spent waiting on the service for this answer, all attempts and back-off, ms. */
  readonly serviceMs: number;
}

/**
 * Optional capability of a backend whose clients' by-id requests (status, result pages,
 * cancel, listing) can be forwarded as they are.
 */
export interface StatementForwarding {
  forward(operation: string, request: Readonly<Record<string, unknown>>): Promise<ForwardedReply>;
}

export function canForward(
  backend: WarehouseBackend,
): backend is WarehouseBackend & StatementForwarding {
  return typeof (backend as Partial<StatementForwarding>).forward === 'function';
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
