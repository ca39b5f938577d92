/**
 * The control plane's clusters as real workgroups: carries out its `provision` and
 * `decommission` actions (spin-up awaited, then `onClusterReady`; stats collected, then
 * teardown) and maps each cluster to the workgroup its queries go to.
 */
import type { Cluster, ControlAction, ControlEventSink, ControlPlane } from '@autoslo/core';
import { type CollectedStats, collectWorkgroupStats } from './collect-stats.js';
import type { ServerlessProvisioner } from './serverless-provisioner.js';
import type { StatementRunner, StatementTarget } from './statement-runner.js';

export interface LiveClustersDeps {
  readonly cp: ControlPlane;
  readonly provisioner: ServerlessProvisioner;
  readonly runner: StatementRunner;
  readonly sink: ControlEventSink;
  readonly runId: string;
  /** Where the system-table files go (the partial run directory). */
  readonly outDir: string;
  readonly database: string;
  readonly secretArn?: string;
  /** Workgroups that stand for the initial clusters, in order (never created or deleted). */
  readonly existingWorkgroups?: readonly string[];
  /** Seconds since the run's start. */
  readonly now: () => number;
  /** Once aborted, ready clusters are no longer reported to the control plane. */
  readonly stopped: AbortSignal;
  readonly say: (line: string) => void;
}

export class LiveClusters {
  /** Workgroups this run created, in creation order. */
  readonly created: string[] = [];
  readonly stats: Record<string, CollectedStats> = {};
  /** Epoch ms of the run's start: the usage window begins here. */
  runStartMs = Date.now();
  private readonly workgroupOf = new Map<string, string>();
  private readonly preexisting = new Set<string>();
  private readonly spinUps = new Map<string, Promise<boolean>>();
  private readonly teardowns: Promise<void>[] = [];

  constructor(private readonly deps: LiveClustersDeps) {}

  private log(eventType: string, cluster: Cluster, details?: Record<string, unknown>): void {
    this.deps.sink.record({
      rel_time_s: this.deps.now(),
      event_type: eventType,
      source: eventType.startsWith('stats') ? 'pool' : 'provisioner',
      cluster_name: cluster.name,
      ...(details ? { details } : {}),
    });
  }

  /** Where `cluster`'s queries go. */
  targetOf(cluster: Cluster): StatementTarget {
    return {
      workgroupName: this.workgroupOf.get(cluster.name) ?? cluster.name,
      database: this.deps.database,
      ...(this.deps.secretArn ? { secretArn: this.deps.secretArn } : {}),
    };
  }

  /** Brings up the initial clusters (READY in the control plane from the start). */
  async startInitial(clusters: readonly Cluster[]): Promise<boolean> {
    const ok = await Promise.all(
      clusters.map((c, i) => {
        const existing = this.deps.existingWorkgroups?.[i];
        if (existing === undefined) return this.spinUp(c);
        this.preexisting.add(c.name);
        this.workgroupOf.set(c.name, existing);
        return this.deps.provisioner.checkExisting(existing).then(
          () => true,
          (error: unknown) => {
            this.deps.say(`${c.name}: ${(error as Error).message}`);
            return false;
          },
        );
      }),
    );
    return !ok.includes(false);
  }

  private spinUp(cluster: Cluster): Promise<boolean> {
    this.created.push(cluster.name);
    this.workgroupOf.set(cluster.name, cluster.name);
    this.log('cluster_spin_up_started', cluster, { rpu: cluster.rpu });
    const t0 = performance.now();
    const p = this.deps.provisioner.spinUp(cluster.name, cluster.rpu).then(
      () => {
        const durationS = (performance.now() - t0) / 1000;
        this.log('cluster_spin_up_completed', cluster, { rpu: cluster.rpu, duration_s: durationS });
        return true;
      },
      (error: unknown) => {
        const message = String((error as Error).message ?? error);
        this.log('cluster_spin_up_failed', cluster, { error: message });
        this.deps.say(`spin-up of ${cluster.name} failed: ${message}`);
        return false;
      },
    );
    this.spinUps.set(cluster.name, p);
    return p;
  }

  /** Carries out the control plane's actions (and those that follow from them). */
  handle(actions: readonly ControlAction[]): void {
    const { cp, now, stopped } = this.deps;
    for (const a of actions) {
      if (a.kind === 'decommission') {
        const task = this.decommission(a.cluster);
        // Reported by `teardownsDone`; handled here so a failure mid-run cannot crash the process.
        task.catch(() => undefined);
        this.teardowns.push(task);
        continue;
      }
      void this.spinUp(a.cluster).then((ok) => {
        if (stopped.aborted) return;
        if (ok) this.handle(cp.onClusterReady(a.cluster.name, now()));
        else cp.pool.requestTeardown(a.cluster.name, now(), true);
      });
    }
  }

  private async decommission(cluster: Cluster): Promise<void> {
    const { runner, provisioner } = this.deps;
    const up = (await this.spinUps.get(cluster.name)) ?? this.preexisting.has(cluster.name);
    if (up && !Number.isNaN(cluster.readyS)) {
      try {
        this.stats[cluster.name] = await collectWorkgroupStats(runner, this.targetOf(cluster), {
          runId: this.deps.runId,
          clusterName: cluster.name,
          outDir: this.deps.outDir,
          runStartMs: this.runStartMs,
        });
        this.log('stats_collected', cluster);
      } catch (error) {
        const message = (error as Error).message;
        this.deps.say(`stats collection on ${cluster.name} failed: ${message}`);
        this.log('stats_collection_failed', cluster, { error: message });
      }
    }
    if (this.preexisting.has(cluster.name)) return;
    this.log('cluster_tear_down_started', cluster);
    await provisioner.tearDown(cluster.name);
    this.log('cluster_tear_down_completed', cluster);
  }

  /** Resolves when every spin-up under way has ended. */
  async spinUpsSettled(): Promise<void> {
    await Promise.allSettled([...this.spinUps.values()]);
  }

  /** Resolves when every teardown requested so far is done; rejects if one failed. */
  async teardownsDone(): Promise<void> {
    await Promise.all(this.teardowns);
  }

  /** Waits for everything under way, failures included (before an abort's teardown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.spinUps.values(), ...this.teardowns]);
  }
}
