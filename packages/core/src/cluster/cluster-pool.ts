/**
 * The managed pool: clusters by name, their lifecycle (PENDING -> READY -> DRAINING ->
 * REMOVED) and the spin-up budget. It knows nothing about clocks: callers pass `now`.
 */

import { type LatencyModelSettings, parallelismOf } from '../latency/latency-model-settings.js';
import { ProcessorSharingExecution } from '../latency/processor-sharing-execution.js';
import type { RunningQuery } from '../latency/running-query.js';
import { Cluster } from './cluster.js';
import { SpinUpBudget } from './spin-up-budget.js';

export type TeardownOutcome = 'removed' | 'draining' | 'blocked' | 'unknown';

export class ClusterPool {
  private readonly byName = new Map<string, Cluster>();
  private counter = 0;
  private readyCache: Cluster[] | null = null;

  constructor(
    readonly latencyModel: LatencyModelSettings,
    readonly budget: SpinUpBudget,
    /** Middle part of generated names: `autoslo-<rpu>-<runTag>-<counter>`. */
    readonly runTag = 'sim',
  ) {}

  /** Every cluster ever created, in creation order. */
  all(): IterableIterator<Cluster> {
    return this.byName.values();
  }

  get(name: string): Cluster | undefined {
    return this.byName.get(name);
  }

  /** READY clusters sorted by name (the order routing ties are broken in). */
  ready(): readonly Cluster[] {
    if (this.readyCache === null) {
      this.readyCache = [...this.byName.values()]
        .filter((c) => c.state === 'READY')
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.readyCache;
  }

  pending(): Cluster[] {
    return [...this.byName.values()].filter((c) => c.state === 'PENDING');
  }

  /** Clusters that hold queries or may still take them (not REMOVED). */
  live(): Cluster[] {
    return [...this.byName.values()].filter((c) => c.state !== 'REMOVED');
  }

  private create(rpu: number, now: number): Cluster {
    const name = `autoslo-${rpu}-${this.runTag}-${String(this.counter++).padStart(3, '0')}`;
    const execution = new ProcessorSharingExecution(
      parallelismOf(this.latencyModel, rpu),
      this.latencyModel.admissionLimit,
    );
    const cluster = new Cluster(name, rpu, now, execution);
    this.byName.set(name, cluster);
    return cluster;
  }

  /** An initial cluster: counted against the budget, never refused, READY at once. */
  addInitial(rpu: number, now: number): Cluster {
    this.budget.useForced();
    const cluster = this.create(rpu, now);
    this.markReady(cluster.name, now);
    return cluster;
  }

  /**
   * A PENDING cluster, drawn on the reserved part of the budget (`scheduled`) or the
   * available part. @returns undefined when the budget refuses.
   */
  requestSpinUp(rpu: number, now: number, scheduled: boolean): Cluster | undefined {
    const granted = scheduled ? this.budget.useReserved() : this.budget.tryUseAvailable();
    if (!granted) return undefined;
    return this.create(rpu, now);
  }

  markReady(name: string, now: number): Cluster | undefined {
    const cluster = this.byName.get(name);
    if (cluster === undefined || cluster.state !== 'PENDING') return undefined;
    cluster.state = 'READY';
    cluster.readyS = now;
    this.readyCache = null;
    return cluster;
  }

  /**
   * Tears a cluster down: REMOVED at once when idle, else DRAINING until its last query
   * finishes. Unless `force`, the last READY cluster is never torn down.
   */
  requestTeardown(name: string, now: number, force = false): TeardownOutcome {
    const cluster = this.byName.get(name);
    if (cluster === undefined || cluster.state === 'REMOVED') return 'unknown';
    if (!force && cluster.state === 'READY' && this.ready().length <= 1) return 'blocked';
    if (force) cluster.clear(now);
    this.readyCache = null;
    if (cluster.isIdle || cluster.state === 'PENDING') {
      this.remove(cluster, now);
      return 'removed';
    }
    cluster.state = 'DRAINING';
    return 'draining';
  }

  /** Finalises a DRAINING cluster once it is empty. @returns true when it was removed. */
  settleDraining(cluster: Cluster, now: number): boolean {
    if (cluster.state !== 'DRAINING' || !cluster.isIdle) return false;
    this.remove(cluster, now);
    return true;
  }

  private remove(cluster: Cluster, now: number): void {
    cluster.state = 'REMOVED';
    cluster.removedS = now;
    this.readyCache = null;
  }

  /** A copy of the READY and DRAINING clusters for counterfactual replay. */
  forkLive(map: Map<RunningQuery, RunningQuery>): ClusterPool {
    const copy = new ClusterPool(
      this.latencyModel,
      new SpinUpBudget(Number.POSITIVE_INFINITY, 0),
      this.runTag,
    );
    copy.counter = this.counter;
    for (const c of this.byName.values()) {
      if (c.state === 'READY' || c.state === 'DRAINING') copy.byName.set(c.name, c.fork(map));
    }
    return copy;
  }

  /** Adds a hypothetical READY cluster (counterfactual replay only). */
  addHypothetical(rpu: number, now: number): Cluster {
    const execution = new ProcessorSharingExecution(
      parallelismOf(this.latencyModel, rpu),
      this.latencyModel.admissionLimit,
    );
    const cluster = new Cluster(`autoslo-${rpu}-hypothetical`, rpu, now, execution);
    cluster.state = 'READY';
    cluster.readyS = now;
    this.byName.set(cluster.name, cluster);
    this.readyCache = null;
    return cluster;
  }

  /** Marks every READY cluster but `keep` DRAINING (replace policy, counterfactual only). */
  drainAllBut(keep: string): void {
    for (const c of this.byName.values())
      if (c.state === 'READY' && c.name !== keep) c.state = 'DRAINING';
    this.readyCache = null;
  }
}
