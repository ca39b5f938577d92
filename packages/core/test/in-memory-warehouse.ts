/**
 * A warehouse held in memory, as a `WarehouseBackend`: the wall-clock driver's second
 * backend. Clusters come up after a pause (or fail to, on request), run `rpu / 8`
 * statements at once, each taking `statementMs`, and keep a history the stats are read from.
 */
import {
  type BackendCluster,
  type BackendStatement,
  type ClusterStats,
  Semaphore,
  type StatementResult,
  sleep,
  type WarehouseBackend,
} from '../src/index.js';

interface HistoryRow {
  readonly queryId: number;
  readonly elapsedS: number;
}

export class InMemoryWarehouse implements WarehouseBackend {
  /** Names of clusters that are up now. */
  readonly up = new Set<string>();
  readonly provisionCalls: string[] = [];
  readonly decommissioned: string[] = [];
  readonly statementsBy = new Map<string, number[]>();
  private readonly slots = new Map<string, Semaphore>();
  private readonly history = new Map<string, HistoryRow[]>();
  private failuresLeft: number;

  constructor(
    private readonly o: {
      readonly provisionMs: number;
      readonly statementMs: number;
      /** This many provisions after the first (the initial cluster) fail. */
      readonly failProvisions?: number;
      readonly existing?: readonly string[];
    },
  ) {
    this.failuresLeft = o.failProvisions ?? 0;
  }

  async provision(cluster: BackendCluster): Promise<void> {
    this.provisionCalls.push(cluster.name);
    await sleep(this.o.provisionMs);
    if (this.provisionCalls.length > 1 && this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('InsufficientCapacityException: no capacity in the zone (injected)');
    }
    this.up.add(cluster.name);
    this.slots.set(cluster.name, new Semaphore(Math.max(1, Math.floor(cluster.rpu / 8))));
  }

  async adopt(cluster: BackendCluster, existing: string): Promise<void> {
    if (!(this.o.existing ?? []).includes(existing)) throw new Error(`${existing} does not exist`);
    this.up.add(cluster.name);
    this.slots.set(cluster.name, new Semaphore(Math.max(1, Math.floor(cluster.rpu / 8))));
  }

  async decommission(cluster: BackendCluster): Promise<void> {
    this.up.delete(cluster.name);
    this.decommissioned.push(cluster.name);
  }

  async execute(
    cluster: BackendCluster,
    statement: BackendStatement,
    signal: AbortSignal,
  ): Promise<StatementResult> {
    const slots = this.slots.get(cluster.name);
    if (!this.up.has(cluster.name) || slots === undefined)
      return {
        success: false,
        error: `${cluster.name} is not up`,
        serviceS: Number.NaN,
        details: {},
      };
    const t0 = performance.now();
    const release = await slots.acquire();
    try {
      await sleep(this.o.statementMs, signal);
    } finally {
      release();
    }
    const elapsedS = (performance.now() - t0) / 1000;
    const rows = this.history.get(cluster.name) ?? [];
    rows.push({ queryId: statement.queryId, elapsedS });
    this.history.set(cluster.name, rows);
    this.statementsBy.set(cluster.name, [
      ...(this.statementsBy.get(cluster.name) ?? []),
      statement.queryId,
    ]);
    if (signal.aborted)
      return { success: false, error: 'cancelled', serviceS: elapsedS, details: {} };
    return {
      success: true,
      error: null,
      serviceS: elapsedS,
      details: { sql_bytes: statement.sql.length },
    };
  }

  async collectStats(cluster: BackendCluster): Promise<ClusterStats> {
    const rows = this.history.get(cluster.name) ?? [];
    return {
      elapsedS: new Map(rows.map((r) => [r.queryId, r.elapsedS])),
      chargedSeconds: 60,
      savedRows: { history: rows.length },
    };
  }
}
