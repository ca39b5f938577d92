/**
 * The control plane driven in wall-clock time against a real warehouse, through a
 * `WarehouseBackend`: the counterpart of the simulator's event loop. It carries out the
 * control plane's actions (provision: awaited, then `onClusterReady` or `onClusterFailed`;
 * decommission: stats collected, then deleted) and runs statements submitted to it, each
 * routed at the moment it arrives and bounded by the concurrency caps. Statements come from
 * a replayed trace (`replayArrivals`) or from anywhere else (one `submit` per statement).
 */
import type { Cluster } from '../cluster/cluster.js';
import type { ControlEvent } from '../control/control-event.js';
import type { ControlAction, ControlPlane } from '../control/control-plane.js';
import type { QueryArrival } from '../control/query-arrival.js';
import type { LogEventType } from '../log/log-event-types.js';
import { Semaphore } from './semaphore.js';
import type { WallClockLog } from './wall-clock-log.js';
import type {
  BackendCluster,
  ClusterStats,
  PassThroughStatement,
  StatementResult,
  WarehouseBackend,
} from './warehouse-backend.js';

/** Why a wall-clock run stopped before its end. */
export type StopReason = 'signal' | 'cost_guard' | 'error';

export interface WallClockDriverOptions {
  /** The control plane, logging to `log`. */
  readonly cp: ControlPlane;
  readonly log: WallClockLog;
  readonly backend: WarehouseBackend;
  /** Statements in flight in all (default 512) and per cluster (default 150). */
  readonly maxInFlight?: number;
  readonly maxInFlightPerCluster?: number;
  /** Existing resources standing for the initial clusters, in order (never created or deleted). */
  readonly existing?: readonly string[];
  /** Stop the run once the estimated spend passes this many dollars. */
  readonly costLimit?: number | null;
  /** Progress and problems, one line each. */
  readonly say?: (line: string) => void;
}

/** What became of one submitted statement. */
export interface SubmittedQuery {
  readonly queryId: number;
  readonly clusterName: string;
  /** Seconds since the run's start. */
  readonly arrivalS: number;
  readonly endS: number;
  readonly success: boolean;
  readonly error: string | null;
}

interface FinishedQuery {
  readonly queryId: number;
  readonly queryTextId: string;
  readonly cluster: string;
  readonly arrivalS: number;
  /** Arrival to submission (waiting for a slot), s. */
  readonly waitS: number;
  readonly serviceS: number;
  readonly clientLatencyS: number;
  readonly success: boolean;
}

function asBackendCluster(c: Cluster): BackendCluster {
  return { name: c.name, rpu: c.rpu };
}

function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error);
}

export class WallClockDriver {
  /** Clusters this run provisioned, in order. */
  readonly created: string[] = [];
  /** Statistics collected per cluster before its decommission. */
  readonly stats: Record<string, ClusterStats> = {};
  /** Epoch ms of time zero. */
  startEpochMs = Date.now();
  done = 0;
  failed = 0;
  private zeroPerfMs = performance.now();
  private readonly stop = new AbortController();
  private reason: StopReason | null = null;
  private reasonMessage = '';
  private readonly adopted = new Set<string>();
  /** Each provisioning: resolves to null when up, else to the error message. */
  private readonly spinUps = new Map<string, Promise<string | null>>();
  private readonly followUps: Promise<void>[] = [];
  private readonly teardowns: Promise<void>[] = [];
  private readonly finished: FinishedQuery[] = [];
  private readonly global: Semaphore;
  private readonly perCluster = new Map<string, Semaphore>();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private readonly say: (line: string) => void;

  constructor(private readonly o: WallClockDriverOptions) {
    this.global = new Semaphore(o.maxInFlight ?? 512);
    this.say = o.say ?? (() => {});
  }

  /** Seconds since time zero (set by `start`). */
  now(): number {
    return (performance.now() - this.zeroPerfMs) / 1000;
  }

  /** Aborted once the run is stopped (`halt`). */
  get stopped(): AbortSignal {
    return this.stop.signal;
  }

  get stopReason(): StopReason | null {
    return this.reason;
  }

  get stopMessage(): string {
    return this.reasonMessage;
  }

  /** Stops the run: no new statement starts, those under way are cancelled. First call wins. */
  halt(reason: StopReason, message: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.reasonMessage = message;
    this.stop.abort();
  }

  private record(
    eventType: LogEventType,
    cluster: Cluster,
    source: 'provisioner' | 'pool',
    details?: Record<string, unknown>,
  ): void {
    this.o.log.record({
      rel_time_s: this.now(),
      event_type: eventType,
      source,
      cluster_name: cluster.name,
      ...(details ? { details } : {}),
    });
  }

  /** Estimated spend so far: each cluster's busy windows (60-s minimum) at its size. */
  estimatedSpend(): number {
    const { cp } = this.o;
    const now = this.now();
    let cost = 0;
    for (const c of cp.pool.all())
      cost += c.costOfSeconds(c.billedSecondsUntilDrained(now), cp.pricePerRpuHour);
    return cost;
  }

  /**
   * Brings the initial clusters up (READY in the control plane from the start), then sets
   * time zero, starts the log and the cost guard, and schedules the configured spin-ups
   * (`timeScale` times faster).
   * @throws Error when an initial cluster cannot be brought up.
   */
  async start(timeScale = 1): Promise<void> {
    const { cp, backend, existing } = this.o;
    cp.start(0);
    const results = await Promise.all(
      [...cp.pool.all()].map(async (c, i) => {
        const name = existing?.[i];
        if (name === undefined) return this.spinUp(c);
        this.adopted.add(c.name);
        try {
          await backend.adopt(asBackendCluster(c), name);
          return null;
        } catch (error) {
          return `${name}: ${messageOf(error)}`;
        }
      }),
    );
    const problems = results.filter((r): r is string => r !== null);
    if (problems.length > 0)
      throw new Error(`an initial cluster could not be brought up: ${problems.join('; ')}`);
    this.zeroPerfMs = performance.now();
    this.startEpochMs = Date.now();
    this.o.log.start(this.zeroPerfMs);
    const limit = this.o.costLimit ?? null;
    if (limit !== null) {
      const guard = setInterval(() => {
        const cost = this.estimatedSpend();
        if (cost > limit)
          this.halt('cost_guard', `estimated spend $${cost.toFixed(4)} passed the limit $${limit}`);
      }, 500);
      guard.unref();
      this.stop.signal.addEventListener('abort', () => clearInterval(guard), { once: true });
      this.timers.push(guard);
    }
    for (const s of cp.scheduledSpinups) {
      this.timers.push(
        setTimeout(
          () => {
            if (!this.stopped.aborted) this.handle(cp.onScheduledSpinup(s.rpu, this.now()));
          },
          (s.rel_time_s / timeScale) * 1000,
        ),
      );
    }
  }

  private spinUp(cluster: Cluster): Promise<string | null> {
    this.created.push(cluster.name);
    this.record('spin_up_started', cluster, 'provisioner', { rpu: cluster.rpu });
    const t0 = performance.now();
    const p = this.o.backend.provision(asBackendCluster(cluster)).then(
      () => {
        const durationS = (performance.now() - t0) / 1000;
        this.record('spin_up_completed', cluster, 'provisioner', {
          rpu: cluster.rpu,
          duration_s: durationS,
        });
        return null;
      },
      (error: unknown) => {
        const message = messageOf(error);
        this.say(`spin-up of ${cluster.name} failed: ${message}`);
        return message;
      },
    );
    this.spinUps.set(cluster.name, p);
    return p;
  }

  /** Carries out the control plane's actions (and those that follow from them). */
  handle(actions: readonly ControlAction[]): void {
    const { cp } = this.o;
    for (const a of actions) {
      if (a.kind === 'decommission') {
        const task = this.decommission(a.cluster);
        // Reported by `finish`; handled here so a failure mid-run cannot crash the process.
        task.catch(() => undefined);
        this.teardowns.push(task);
        continue;
      }
      const followUp = this.spinUp(a.cluster).then((error) => {
        if (error === null) {
          if (!this.stopped.aborted) this.handle(cp.onClusterReady(a.cluster.name, this.now()));
          return;
        }
        // Through the control plane even when stopped: the pool, the budget and the
        // autoscaler's one-spin-up-in-flight gate learn of it, and what is left is deleted.
        this.handle(cp.onClusterFailed(a.cluster.name, this.now(), error));
      });
      this.followUps.push(followUp);
    }
  }

  private async decommission(cluster: Cluster): Promise<void> {
    const { backend } = this.o;
    const ref = asBackendCluster(cluster);
    const provisioned = this.spinUps.get(cluster.name);
    const up =
      provisioned !== undefined ? (await provisioned) === null : this.adopted.has(ref.name);
    if (up && !Number.isNaN(cluster.readyS)) {
      try {
        this.stats[cluster.name] = await backend.collectStats(ref, { startMs: this.startEpochMs });
        this.record('stats_collected', cluster, 'pool', { ...this.stats[cluster.name]?.savedRows });
      } catch (error) {
        const message = messageOf(error);
        this.say(`stats collection on ${cluster.name} failed: ${message}`);
        this.record('stats_collection_failed', cluster, 'pool', { error: message });
      }
    }
    if (this.adopted.has(cluster.name)) return;
    this.record('tear_down_started', cluster, 'provisioner');
    await backend.decommission(ref);
    this.record('tear_down_completed', cluster, 'provisioner');
  }

  private slotsOf(cluster: string): Semaphore {
    let s = this.perCluster.get(cluster);
    if (s === undefined) {
      s = new Semaphore(this.o.maxInFlightPerCluster ?? 150);
      this.perCluster.set(cluster, s);
    }
    return s;
  }

  /**
   * Routes `arrival` now (its `arrivalS` is replaced by the wall clock's), runs `sql` on
   * the chosen cluster once a slot is free, and reports the completion to the control
   * plane. A failed statement is recorded and returned, never thrown. `passThrough` sends an
   * application's own request instead of `sql` (see `PassThroughStatement`).
   */
  async submit(
    arrival: QueryArrival,
    sql: string,
    passThrough?: PassThroughStatement,
  ): Promise<SubmittedQuery> {
    const { cp, log, backend } = this.o;
    const arrivalS = this.now();
    const routed = cp.onArrival({ ...arrival, arrivalS }, arrivalS);
    const { queryId, queryTextId } = arrival;
    const cluster = routed.cluster;
    this.handle(routed.actions);
    const releaseGlobal = await this.global.acquire();
    const releaseLocal = await this.slotsOf(cluster.name).acquire();
    const submitS = this.now();
    const base = { source: 'workload', query_id: queryId, cluster_name: cluster.name } as const;
    log.record({ ...base, rel_time_s: submitS, event_type: 'query_execution_start' });
    let result: StatementResult;
    try {
      if (this.stopped.aborted) throw new Error('run stopped before the query was sent');
      result = await backend.execute(
        asBackendCluster(cluster),
        { queryId, queryTextId, sql, ...(passThrough ? { passThrough } : {}) },
        this.stopped,
      );
    } catch (e) {
      const error = `${(e as Error).name}: ${(e as Error).message}`;
      result = { success: false, error, serviceS: Number.NaN, details: {} };
    } finally {
      releaseLocal();
      releaseGlobal();
    }
    const endS = this.now();
    const clientLatencyS = endS - arrivalS;
    if (!result.success) {
      this.failed++;
      // Once the run stops, every query still under way ends this way: not worth a line each.
      if (!this.stopped.aborted)
        this.say(`query ${queryId} (${queryTextId}) failed: ${result.error}`);
    }
    log.record({
      ...base,
      rel_time_s: endS,
      event_type: 'query_execution_finish',
      details: {
        ...result.details,
        latency_s: clientLatencyS,
        success: result.success,
        ...(result.error ? { error: result.error } : {}),
      },
    });
    this.finished.push({
      queryId,
      queryTextId,
      cluster: cluster.name,
      arrivalS,
      waitS: submitS - arrivalS,
      serviceS: result.serviceS,
      clientLatencyS,
      success: result.success,
    });
    if (!this.stopped.aborted) this.handle(cp.onCompletion(cluster, routed.query, endS));
    this.done++;
    return {
      queryId,
      clusterName: cluster.name,
      arrivalS,
      endS,
      success: result.success,
      error: result.error,
    };
  }

  /**
   * End of run: waits for spin-ups under way, tears every cluster down (stats first) and
   * logs each query's `completion` with its measured latency.
   * @throws Error when the run was stopped, or a teardown failed.
   */
  async finish(): Promise<void> {
    const { cp, log } = this.o;
    for (const t of this.timers) clearTimeout(t);
    // Spin-ups still under way finish (and count) before the end-of-run teardown.
    await this.spinUpsSettled();
    if (this.stopped.aborted) throw new Error(this.reasonMessage);
    this.handle(cp.finish(this.now()));
    await Promise.all(this.teardowns);
    const epochS = this.startEpochMs / 1000;
    for (const e of this.completions()) log.recordAt(e, epochS + e.rel_time_s);
  }

  /** Waits for everything under way, failures included (before an abort's teardown). */
  async settle(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await this.spinUpsSettled();
    await Promise.allSettled(this.teardowns);
  }

  private async spinUpsSettled(): Promise<void> {
    await Promise.allSettled([...this.spinUps.values()]);
    await Promise.allSettled(this.followUps);
  }

  /**
   * The `completion` event of every finished query. Latency = the wait for a slot plus the
   * service's own span of the statement (free of polling delay and clock skew), else the
   * engine's elapsed time from the collected stats, else what the client saw; never more
   * than the client saw.
   */
  private completions(): ControlEvent[] {
    const engineS = new Map<number, number>();
    for (const st of Object.values(this.stats))
      for (const [id, e] of st.elapsedS) engineS.set(id, e);
    return this.finished.map((q) => {
      const engine = engineS.get(q.queryId);
      const service = Number.isFinite(q.serviceS) && q.serviceS >= 0 ? q.serviceS : undefined;
      const measured = service ?? engine;
      const latency =
        measured === undefined ? q.clientLatencyS : Math.min(q.clientLatencyS, q.waitS + measured);
      const timing = service !== undefined ? 'service' : engine !== undefined ? 'engine' : 'client';
      return {
        rel_time_s: q.arrivalS + latency,
        event_type: 'completion',
        source: 'workload',
        query_id: q.queryId,
        query_text_id: q.queryTextId,
        cluster_name: q.cluster,
        details: {
          latency,
          success: q.success,
          timing,
          client_latency_s: q.clientLatencyS,
          ...(engine !== undefined ? { engine_elapsed_s: engine } : {}),
        },
      };
    });
  }
}
