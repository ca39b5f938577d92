/**
 * One Redshift Serverless workgroup as the control plane sees it: lifecycle state, the
 * queries on it (through its execution model), and its busy-window billing.
 */
import { BillingAccumulator } from '../billing/billing-accumulator.js';
import { costOf } from '../billing/billing-rules.js';
import type { ProcessorSharingExecution } from '../latency/processor-sharing-execution.js';
import type { RunningQuery } from '../latency/running-query.js';
import { type BillingLedger, ForkedBilling } from './billing-ledger.js';

export type ClusterState = 'PENDING' | 'READY' | 'DRAINING' | 'REMOVED';

export class Cluster {
  state: ClusterState = 'PENDING';
  /** When the cluster became READY (NaN until then). */
  readyS = Number.NaN;
  removedS = Number.NaN;
  /** Start of the open busy window, NaN while idle. */
  windowStartS = Number.NaN;
  mostRecentCompletionS: number;
  /** Bumped on every change of the queries on it; caches of predictions key on it. */
  version = 0;
  completedQueries = 0;
  /** Clusters to tear down when this one becomes READY (replace policy). */
  deferredTeardowns: string[] = [];

  constructor(
    readonly name: string,
    readonly rpu: number,
    /** Request time of the spin-up (not the ready time). */
    readonly creationS: number,
    readonly execution: ProcessorSharingExecution,
    readonly billing: BillingLedger = new BillingAccumulator(),
  ) {
    this.mostRecentCompletionS = creationS;
  }

  get activeCount(): number {
    return this.execution.activeCount;
  }

  /** Queries it runs at full speed, `c(r)`. */
  get parallelism(): number {
    return this.execution.parallelism;
  }

  get isIdle(): boolean {
    return this.execution.activeCount === 0;
  }

  /** Puts a query on the cluster at `now`, opening a busy window if it was idle. */
  place(query: RunningQuery, now: number): void {
    if (this.isIdle) this.windowStartS = now;
    this.execution.add(query, now);
    this.version++;
  }

  /** Takes a finished query off at `now`; closes the busy window when the cluster empties. */
  finish(query: RunningQuery, now: number): boolean {
    if (!this.execution.remove(query, now)) return false;
    this.version++;
    this.completedQueries++;
    this.mostRecentCompletionS = now;
    if (this.isIdle) this.closeWindow(now);
    return true;
  }

  /** Drops every query (forced teardown at the end of a run) and closes the window at `now`. */
  clear(now: number): void {
    for (const q of [...this.execution.queries()]) this.execution.remove(q, now);
    this.version++;
    this.closeWindow(now);
  }

  private closeWindow(now: number): void {
    if (!Number.isNaN(this.windowStartS)) {
      this.billing.add(this.windowStartS, Math.max(now, this.windowStartS));
      this.windowStartS = Number.NaN;
    }
  }

  /**
   * Billed seconds over the cluster's whole history if it drains at `drainEndS`
   * (reference `cluster_cost_until_drained`, in seconds). `openAtS` opens a window for a
   * query about to be placed on an idle cluster.
   */
  billedSecondsUntilDrained(drainEndS: number, openAtS = Number.NaN): number {
    const start = Number.isNaN(this.windowStartS) ? openAtS : this.windowStartS;
    if (Number.isNaN(start)) return this.billing.billedSeconds();
    return this.billing.billedSecondsIfAdded(start, Math.max(drainEndS, start));
  }

  costOfSeconds(billedSeconds: number, pricePerRpuHour: number): number {
    return costOf(billedSeconds, this.rpu, pricePerRpuHour);
  }

  /**
   * A copy for counterfactual replay: predicted work stands in for true work, billing is
   * forked. `map` takes this cluster's queries to the copy's.
   */
  fork(map: Map<RunningQuery, RunningQuery>): Cluster {
    const { copy: execution, map: queryMap } = this.execution.cloneAsPredicted();
    for (const [k, v] of queryMap) map.set(k, v);
    const c = new Cluster(
      this.name,
      this.rpu,
      this.creationS,
      execution,
      new ForkedBilling(this.billing),
    );
    c.state = this.state;
    c.readyS = this.readyS;
    c.windowStartS = this.windowStartS;
    c.mostRecentCompletionS = this.mostRecentCompletionS;
    return c;
  }
}
