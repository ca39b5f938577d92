/**
 * One query of a live run, start to end: arrival and routing by the control plane, a slot
 * under the concurrency caps, the tagged SQL with the result cache off, and the completion
 * reported back. A failure is recorded on the query and the run goes on.
 */
import type { ControlEvent, ControlEventSink, ControlPlane, QueryArrival } from '@autoslo/core';
import type { LiveClusters } from './live-clusters.js';
import { Semaphore } from './semaphore.js';
import { type SqlCatalog, taggedSql } from './sql-catalog.js';
import type { StatementRunner } from './statement-runner.js';

/** Turns Redshift's result cache off for the measured statement's session. */
export const RESULT_CACHE_OFF = 'SET enable_result_cache_for_session TO off';

export interface LiveQueriesDeps {
  readonly cp: ControlPlane;
  /** The i-th query of the workload as an arrival (its time is replaced by the wall clock's). */
  readonly arrivalOf: (i: number) => QueryArrival;
  readonly clusters: LiveClusters;
  readonly runner: StatementRunner;
  readonly catalog: SqlCatalog;
  readonly sink: ControlEventSink;
  readonly runId: string;
  /** Statements in flight in all, and per workgroup. */
  readonly maxInFlight: number;
  readonly maxInFlightPerWorkgroup: number;
  readonly now: () => number;
  readonly stopped: AbortSignal;
  readonly say: (line: string) => void;
}

/** A finished query, kept until the engine's own timing is known. */
interface FinishedQuery {
  readonly queryId: number;
  readonly queryTextId: string;
  readonly cluster: string;
  readonly arrivalS: number;
  /** Arrival to submission (waiting for a slot), s. */
  readonly waitS: number;
  /** The Data API's UpdatedAt - CreatedAt, s (NaN when not reported). */
  readonly serverS: number;
  readonly clientLatencyS: number;
  readonly success: boolean;
}

export class LiveQueries {
  done = 0;
  failed = 0;
  private readonly finished: FinishedQuery[] = [];
  private readonly global: Semaphore;
  private readonly perWorkgroup = new Map<string, Semaphore>();

  constructor(private readonly deps: LiveQueriesDeps) {
    this.global = new Semaphore(deps.maxInFlight);
  }

  private slotsOf(cluster: string): Semaphore {
    let s = this.perWorkgroup.get(cluster);
    if (s === undefined) {
      s = new Semaphore(this.deps.maxInFlightPerWorkgroup);
      this.perWorkgroup.set(cluster, s);
    }
    return s;
  }

  /** Runs query `i` now; resolves when it has ended (successfully or not). */
  async run(i: number): Promise<void> {
    const { cp, sink, clusters, now } = this.deps;
    const arrivalS = now();
    const arrival = { ...this.deps.arrivalOf(i), arrivalS };
    const { queryId, queryTextId } = arrival;
    const routed = cp.onArrival(arrival, arrivalS);
    const cluster = routed.cluster;
    const base = { source: 'workload', query_id: queryId, cluster_name: cluster.name };
    sink.record({
      rel_time_s: arrivalS,
      event_type: 'arrival',
      source: 'workload',
      query_id: queryId,
      query_text_id: queryTextId,
    });
    sink.record({
      ...base,
      rel_time_s: arrivalS,
      event_type: 'query_routed',
      source: 'router',
      query_text_id: queryTextId,
      ...(Number.isNaN(routed.predictedLatencyS)
        ? {}
        : { details: { latency: routed.predictedLatencyS } }),
    });
    clusters.handle(routed.actions);
    const releaseGlobal = await this.global.acquire();
    const releaseLocal = await this.slotsOf(cluster.name).acquire();
    const submitS = now();
    sink.record({ ...base, rel_time_s: submitS, event_type: 'query_execution_start' });
    let success = false;
    let error: string | null = null;
    let serverS = Number.NaN;
    let details: Record<string, unknown> = {};
    try {
      if (this.deps.stopped.aborted) throw new Error('run stopped before the query was sent');
      const sql = taggedSql(this.deps.runId, queryId, this.deps.catalog.sqlOf(queryTextId));
      const outcome = await this.deps.runner.run(
        clusters.targetOf(cluster),
        [RESULT_CACHE_OFF, sql],
        this.deps.stopped,
      );
      success = outcome.status === 'FINISHED';
      error = outcome.error;
      // The server's span (queue + execution), free of polling delay and of clock skew.
      serverS = (outcome.updatedAtMs - outcome.createdAtMs) / 1000;
      details = {
        statement_id: outcome.id,
        status: outcome.status,
        redshift_query_id: outcome.redshiftQueryId,
        engine_duration_s: outcome.durationS,
      };
    } catch (e) {
      error = `${(e as Error).name}: ${(e as Error).message}`;
    } finally {
      releaseLocal();
      releaseGlobal();
    }
    const endS = now();
    const clientLatencyS = endS - arrivalS;
    if (!success) {
      this.failed++;
      // Once the run stops, every query still under way ends this way: not worth a line each.
      if (!this.deps.stopped.aborted)
        this.deps.say(`query ${queryId} (${queryTextId}) failed: ${error}`);
    }
    sink.record({
      ...base,
      rel_time_s: endS,
      event_type: 'query_execution_finish',
      details: { ...details, latency_s: clientLatencyS, success, ...(error ? { error } : {}) },
    });
    this.finished.push({
      queryId,
      queryTextId,
      cluster: cluster.name,
      arrivalS,
      waitS: submitS - arrivalS,
      serverS,
      clientLatencyS,
      success,
    });
    if (!this.deps.stopped.aborted) clusters.handle(cp.onCompletion(cluster, routed.query, endS));
    this.done++;
  }

  /**
   * The `completion` event of every finished query. Latency = the wait for a slot plus the
   * service's own span of the statement (Data API `UpdatedAt - CreatedAt`: every queue on
   * the service side and the execution, free of the polling interval and of clock skew),
   * else the engine's SYS_QUERY_HISTORY elapsed time of the measured statement, else what
   * the client saw; never more than the client saw. The engine's elapsed time is kept in
   * the details either way (it leaves out queueing before the statement reached the engine).
   */
  completions(elapsedS: (queryId: number) => number | undefined): ControlEvent[] {
    return this.finished.map((q) => {
      const engine = elapsedS(q.queryId);
      const server = Number.isFinite(q.serverS) && q.serverS >= 0 ? q.serverS : undefined;
      const measured = server ?? engine;
      const latency =
        measured === undefined ? q.clientLatencyS : Math.min(q.clientLatencyS, q.waitS + measured);
      const timing = server !== undefined ? 'service' : engine !== undefined ? 'engine' : 'client';
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
