/**
 * One query of a live run, start to end: arrival and routing by the control plane, a slot
 * under the concurrency caps, the tagged SQL with the result cache off, and the completion
 * reported back. A failure is recorded on the query and the run goes on.
 */
import type { ControlEventSink, ControlPlane, QueryArrival } from '@autoslo/core';
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

export class LiveQueries {
  done = 0;
  failed = 0;
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
    const clientLatency = endS - arrivalS;
    const latency =
      Number.isFinite(serverS) && serverS >= 0
        ? Math.min(clientLatency, submitS - arrivalS + serverS)
        : clientLatency;
    if (!success) {
      this.failed++;
      this.deps.say(`query ${queryId} (${queryTextId}) failed: ${error}`);
    }
    sink.record({
      ...base,
      rel_time_s: endS,
      event_type: 'query_execution_finish',
      details: { ...details, latency_s: clientLatency, success, ...(error ? { error } : {}) },
    });
    sink.record({
      ...base,
      rel_time_s: arrivalS + latency,
      event_type: 'completion',
      query_text_id: queryTextId,
      details: { latency, success },
    });
    if (!this.deps.stopped.aborted) clusters.handle(cp.onCompletion(cluster, routed.query, endS));
    this.done++;
  }
}
