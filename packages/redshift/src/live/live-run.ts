/**
 * The live driver: the control plane of @autoslo/core (router, autoscaler, cluster pool)
 * driven in wall-clock time against Redshift Serverless through the Data API, exactly as the
 * simulator drives it in simulated time. Open loop: each query is routed at its (scaled)
 * arrival time and runs at once, bounded only by the concurrency caps. Closed loop: one
 * query after another (isolated latencies for SLO tables).
 *
 * The run directory is built in `runs/.<run_id>.partial/` and renamed to `runs/<run_id>/`
 * only when the run has finished, torn everything down and collected its system tables.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDir } from '@autoslo/config';
import {
  type Cluster,
  type ControlAction,
  ControlPlane,
  EXECUTION_CONFIG_FILENAME,
  STRUCTURED_LOG_FILENAME,
} from '@autoslo/core';
import { type SimulationConfig, SimulationQueries } from '@autoslo/simulator';
import type { LoadedWorkload } from '@autoslo/workload';
import { stringify } from 'yaml';
import { OWNER_PID_FILENAME } from './cleanup.js';
import { type CollectedStats, collectWorkgroupStats } from './collect-stats.js';
import { createLiveClients, type LiveClients } from './live-clients.js';
import { type AbortReason, LiveRunAborted } from './live-errors.js';
import { LiveLog } from './live-log.js';
import { sleep } from './rate-limiter.js';
import { outstandingResources, ResourceJournal } from './resource-journal.js';
import { appendRunIndex } from './run-index.js';
import { Semaphore } from './semaphore.js';
import { ServerlessProvisioner } from './serverless-provisioner.js';
import { SqlCatalog, taggedSql } from './sql-catalog.js';
import { type PollSettings, StatementRunner, type StatementTarget } from './statement-runner.js';

/** Turns Redshift's result cache off for the measured statement's session. */
export const RESULT_CACHE_OFF = 'SET enable_result_cache_for_session TO off';

/** The execution config as the live driver reads it (structurally `ExecutionConfig`). */
export interface LiveExecutionConfig extends SimulationConfig {
  readonly provisioner_config: SimulationConfig['provisioner_config'] & {
    readonly max_capacity_ratio?: number;
    readonly price_performance_target_level?: number | null;
    readonly max_capacity_under_price_performance_target?: number;
  };
  readonly workload_runner_config?: {
    readonly max_threads?: number;
    readonly closed_loop?: boolean;
  };
}

export interface LiveRunOptions {
  readonly dataDir: string;
  /** `<exec stem>__K=V...`, for the run index. */
  readonly executionConfigId: string;
  /** Default: the current epoch in milliseconds. */
  readonly runId?: string;
  /** Replay arrivals this many times faster (default 1); latencies stay in real seconds. */
  readonly timeScale?: number;
  /** Pre-existing workgroups for the initial clusters, in order: used, never created or deleted. */
  readonly existingWorkgroups?: readonly string[];
  /** Database of the queries (default `dev`). */
  readonly database?: string;
  /** Secrets Manager ARN of database credentials (default: IAM temporary credentials). */
  readonly secretArn?: string;
  /** Statements in flight per workgroup, below the Data API's active-statement limit (default 150). */
  readonly perWorkgroupConcurrency?: number;
  /** Stop the run (and tear down) once the estimated spend passes this many dollars. */
  readonly costLimit?: number | null;
  readonly signal?: AbortSignal;
  readonly clients?: LiveClients;
  readonly poll?: PollSettings;
  /** Longest pause between provisioning status polls (default 5000 ms). */
  readonly provisionPollMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onLine?: (line: string) => void;
}

export interface LiveRunOutcome {
  readonly runId: string;
  readonly runDir: string;
  readonly numQueries: number;
  readonly failedQueries: number;
  /** Estimated from the control plane's busy windows; the result uses charged seconds. */
  readonly estimatedCost: number;
  readonly wallS: number;
  readonly createdWorkgroups: readonly string[];
  /** System-table rows collected per cluster. */
  readonly stats: Readonly<Record<string, CollectedStats>>;
  readonly retries: number;
  readonly throttles: number;
}

export async function runLive(
  config: LiveExecutionConfig,
  workload: LoadedWorkload,
  options: LiveRunOptions,
): Promise<LiveRunOutcome> {
  const started = performance.now();
  const dataDir = new DataDir(options.dataDir);
  const runId = options.runId ?? String(Date.now());
  const n = workload.trace.length;
  // Refuse before anything is created when some SQL is missing.
  const catalog = await SqlCatalog.load(options.dataDir, workload.trace.queryTextId);
  const partial = join(dataDir.runsDir, `.${runId}.partial`);
  const runDir = dataDir.run(runId);
  await mkdir(partial, { recursive: true });
  // Marks the run as in progress for `autoslo cleanup`, which leaves live runs alone.
  await writeFile(join(partial, OWNER_PID_FILENAME), String(process.pid));
  const startedAt = new Date().toISOString();
  await appendRunIndex(options.dataDir, {
    run_id: runId,
    workload_id: workload.id,
    execution_config_id: options.executionConfigId,
    started_at: startedAt,
  });

  const clients = options.clients ?? createLiveClients();
  const ownsClients = options.clients === undefined;
  const journal = new ResourceJournal(partial, runId);
  const prov = config.provisioner_config ?? {};
  const provisioner = new ServerlessProvisioner(clients.serverless, journal, {
    capacity: {
      maxCapacityRatio: prov.max_capacity_ratio ?? 1,
      pricePerformanceLevel: prov.price_performance_target_level ?? null,
      maxCapacityUnderTarget: prov.max_capacity_under_price_performance_target ?? 128,
    },
    ...(options.provisionPollMs !== undefined ? { maxPollMs: options.provisionPollMs } : {}),
  });
  const runner = new StatementRunner(clients.data, options.poll);
  const live = new LiveLog();
  const closedLoop = config.workload_runner_config?.closed_loop ?? false;
  const cp = new ControlPlane(config, {
    sink: live,
    expectedQueries: n,
    runTag: runId,
    logQueries: false,
  });
  const queries = new SimulationQueries(
    config,
    workload,
    cp.latencyModel,
    cp.autoscalerSettings.triggerSloTighteningFactor,
    options.dataDir,
  );
  const timeScale = options.timeScale ?? 1;
  const database = options.database ?? 'dev';
  const globalSlots = new Semaphore(config.workload_runner_config?.max_threads ?? 512);
  const perWorkgroup = options.perWorkgroupConcurrency ?? 150;
  const slots = new Map<string, Semaphore>();
  const workgroupOf = new Map<string, string>();
  const preexisting = new Set<string>();
  const created: string[] = [];
  const spinUps = new Map<string, Promise<boolean>>();
  const teardowns: Promise<void>[] = [];
  const stats: Record<string, CollectedStats> = {};
  const inFlight = new Set<Promise<void>>();
  const say = options.onLine ?? (() => {});

  const stop = new AbortController();
  let stopReason: AbortReason | null = null;
  let stopMessage = '';
  const halt = (reason: AbortReason, message: string) => {
    if (stopReason !== null) return;
    stopReason = reason;
    stopMessage = message;
    stop.abort();
  };
  const onSignal = () => halt('signal', 'interrupted');
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });

  let refPerf = performance.now();
  let runEpochMs = Date.now();
  const rel = () => (performance.now() - refPerf) / 1000;
  const targetOf = (cluster: Cluster): StatementTarget => ({
    workgroupName: workgroupOf.get(cluster.name) ?? cluster.name,
    database,
    ...(options.secretArn ? { secretArn: options.secretArn } : {}),
  });
  const slotsOf = (name: string): Semaphore => {
    let s = slots.get(name);
    if (s === undefined) {
      s = new Semaphore(perWorkgroup);
      slots.set(name, s);
    }
    return s;
  };

  const spinUp = (cluster: Cluster, initial: boolean): Promise<boolean> => {
    const existing = initial
      ? options.existingWorkgroups?.[created.length + preexisting.size]
      : undefined;
    if (existing !== undefined) {
      preexisting.add(cluster.name);
      workgroupOf.set(cluster.name, existing);
      return Promise.resolve(true);
    }
    created.push(cluster.name);
    workgroupOf.set(cluster.name, cluster.name);
    live.record({
      rel_time_s: rel(),
      event_type: 'cluster_spin_up_started',
      source: 'provisioner',
      cluster_name: cluster.name,
      details: { rpu: cluster.rpu },
    });
    const t0 = performance.now();
    const p = provisioner.spinUp(cluster.name, cluster.rpu).then(
      () => {
        live.record({
          rel_time_s: rel(),
          event_type: 'cluster_spin_up_completed',
          source: 'provisioner',
          cluster_name: cluster.name,
          details: { rpu: cluster.rpu, duration_s: (performance.now() - t0) / 1000 },
        });
        return true;
      },
      (error: unknown) => {
        live.record({
          rel_time_s: rel(),
          event_type: 'cluster_spin_up_failed',
          source: 'provisioner',
          cluster_name: cluster.name,
          details: { error: String((error as Error).message ?? error) },
        });
        say(`spin-up of ${cluster.name} failed: ${(error as Error).message}`);
        return false;
      },
    );
    spinUps.set(cluster.name, p);
    return p;
  };

  const decommission = (cluster: Cluster): void => {
    const task = (async () => {
      const up = (await spinUps.get(cluster.name)) ?? preexisting.has(cluster.name);
      if (up && !Number.isNaN(cluster.readyS)) {
        try {
          stats[cluster.name] = await collectWorkgroupStats(runner, targetOf(cluster), {
            runId,
            clusterName: cluster.name,
            outDir: partial,
            runStartMs: runEpochMs,
          });
          live.record({
            rel_time_s: rel(),
            event_type: 'stats_collected',
            source: 'pool',
            cluster_name: cluster.name,
          });
        } catch (error) {
          say(`stats collection on ${cluster.name} failed: ${(error as Error).message}`);
          live.record({
            rel_time_s: rel(),
            event_type: 'stats_collection_failed',
            source: 'pool',
            cluster_name: cluster.name,
            details: { error: (error as Error).message },
          });
        }
      }
      if (preexisting.has(cluster.name)) return;
      live.record({
        rel_time_s: rel(),
        event_type: 'cluster_tear_down_started',
        source: 'provisioner',
        cluster_name: cluster.name,
      });
      await provisioner.tearDown(cluster.name);
      live.record({
        rel_time_s: rel(),
        event_type: 'cluster_tear_down_completed',
        source: 'provisioner',
        cluster_name: cluster.name,
      });
    })();
    teardowns.push(task);
  };

  const handle = (actions: readonly ControlAction[]): void => {
    for (const a of actions) {
      if (a.kind === 'decommission') {
        decommission(a.cluster);
        continue;
      }
      void spinUp(a.cluster, false).then((ok) => {
        if (stop.signal.aborted) return;
        if (ok) handle(cp.onClusterReady(a.cluster.name, rel()));
        else cp.pool.requestTeardown(a.cluster.name, rel(), true);
      });
    }
  };

  let done = 0;
  let failed = 0;
  const runQuery = async (i: number): Promise<void> => {
    const arrivalS = rel();
    const arrival = { ...queries.arrival(i), arrivalS };
    const out = cp.onArrival(arrival, arrivalS);
    const cluster = out.cluster;
    live.record({
      rel_time_s: arrivalS,
      event_type: 'arrival',
      source: 'workload',
      query_id: arrival.queryId,
      query_text_id: arrival.queryTextId,
    });
    live.record({
      rel_time_s: arrivalS,
      event_type: 'query_routed',
      source: 'router',
      query_id: arrival.queryId,
      query_text_id: arrival.queryTextId,
      cluster_name: cluster.name,
      ...(Number.isNaN(out.predictedLatencyS)
        ? {}
        : { details: { latency: out.predictedLatencyS } }),
    });
    handle(out.actions);
    const releaseGlobal = await globalSlots.acquire();
    const releaseLocal = await slotsOf(cluster.name).acquire();
    const submitS = rel();
    live.record({
      rel_time_s: submitS,
      event_type: 'query_execution_start',
      source: 'workload',
      query_id: arrival.queryId,
      cluster_name: cluster.name,
    });
    let success = false;
    let error: string | null = null;
    let engineS = Number.NaN;
    let details: Record<string, unknown> = {};
    try {
      const sql = taggedSql(runId, arrival.queryId, catalog.sqlOf(arrival.queryTextId));
      const outcome = await runner.run(targetOf(cluster), [RESULT_CACHE_OFF, sql], stop.signal);
      success = outcome.status === 'FINISHED';
      error = outcome.error;
      // Server-side span (queue + execution), free of polling delay and of clock skew.
      engineS = (outcome.updatedAtMs - outcome.createdAtMs) / 1000;
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
    const endS = rel();
    const clientLatency = endS - arrivalS;
    const latency =
      Number.isFinite(engineS) && engineS >= 0
        ? Math.min(clientLatency, submitS - arrivalS + engineS)
        : clientLatency;
    if (!success) {
      failed++;
      say(`query ${arrival.queryId} (${arrival.queryTextId}) failed: ${error}`);
    }
    live.record({
      rel_time_s: endS,
      event_type: 'query_execution_finish',
      source: 'workload',
      query_id: arrival.queryId,
      cluster_name: cluster.name,
      details: { ...details, latency_s: clientLatency, success, ...(error ? { error } : {}) },
    });
    live.record({
      rel_time_s: arrivalS + latency,
      event_type: 'completion',
      source: 'workload',
      query_id: arrival.queryId,
      query_text_id: arrival.queryTextId,
      cluster_name: cluster.name,
      details: { latency, success },
    });
    if (!stop.signal.aborted) handle(cp.onCompletion(cluster, out.query, endS));
    options.onProgress?.(++done, n);
  };

  let estimatedCost = 0;
  const estimateCost = (): number => {
    const now = rel();
    let cost = 0;
    for (const c of cp.pool.all())
      cost += c.costOfSeconds(c.billedSecondsUntilDrained(now), cp.pricePerRpuHour);
    return cost;
  };
  const guard =
    options.costLimit !== undefined && options.costLimit !== null
      ? setInterval(() => {
          const cost = estimateCost();
          if (cost > (options.costLimit as number))
            halt(
              'cost_guard',
              `estimated spend $${cost.toFixed(4)} passed the limit $${options.costLimit}`,
            );
        }, 500)
      : null;
  guard?.unref();

  try {
    cp.start(0);
    const initial = [...cp.pool.all()];
    const ok = await Promise.all(initial.map((c) => spinUp(c, true)));
    if (ok.includes(false)) throw new Error('an initial workgroup could not be provisioned');
    refPerf = performance.now();
    runEpochMs = Date.now();
    live.record({
      rel_time_s: 0,
      event_type: 'run_start',
      source: 'workload_runner',
      details: {
        run_id: runId,
        workload: workload.id,
        num_queries: n,
        policy: cp.router.policy,
        closed_loop: closedLoop,
        time_scale: timeScale,
      },
    });
    const timers = cp.scheduledSpinups.map((s) =>
      setTimeout(
        () => {
          if (!stop.signal.aborted) handle(cp.onScheduledSpinup(s.rpu, rel()));
        },
        (s.rel_time_s / timeScale) * 1000,
      ),
    );
    for (let i = 0; i < n && !stop.signal.aborted; i++) {
      if (closedLoop) {
        await runQuery(i);
        continue;
      }
      await sleep(((workload.relStartS[i] as number) / timeScale - rel()) * 1000, stop.signal);
      if (stop.signal.aborted) break;
      const p = runQuery(i).catch((e: unknown) => halt('error', String((e as Error).stack ?? e)));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
    for (const t of timers) clearTimeout(t);
    // Spin-ups still under way finish (and count) before the end-of-run teardown.
    await Promise.all(spinUps.values());
    if (stop.signal.aborted) throw new Error(stopMessage);
    handle(cp.finish(rel()));
    await Promise.all(teardowns);
    estimatedCost = estimateCost();
    live.record({
      rel_time_s: rel(),
      event_type: 'run_finish',
      source: 'workload_runner',
      details: { num_queries: n, failed_queries: failed, estimated_cost: estimatedCost },
    });
    await live.log.writeParquet(join(partial, STRUCTURED_LOG_FILENAME));
    // Written last: a directory with its execution_config.yml is a complete run.
    await writeFile(join(partial, EXECUTION_CONFIG_FILENAME), stringify(config));
    await writeFile(
      join(partial, 'summary.yml'),
      stringify({
        run_id: runId,
        workload_id: workload.id,
        execution_config_id: options.executionConfigId,
        started_at: startedAt,
        num_queries: n,
        failed_queries: failed,
        estimated_cost: estimatedCost,
        created_workgroups: created,
        api_retries: clients.retry.retries,
        api_throttles: clients.limiter.throttles,
      }),
    );
    await rm(join(partial, OWNER_PID_FILENAME), { force: true });
    await rename(partial, runDir);
  } catch (error) {
    halt('error', String((error as Error).message ?? error));
    // Nothing may outlive a stopped run: settle what is under way, then delete whatever
    // the journal still lists. The partial directory stays, never renamed.
    await Promise.allSettled([...inFlight, ...spinUps.values(), ...teardowns]);
    const problems = await tearDownJournaled(journal.file, provisioner);
    throw new LiveRunAborted(stopReason ?? 'error', stopMessage, problems, { cause: error });
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
    if (guard) clearInterval(guard);
    if (ownsClients) clients.destroy();
  }
  return {
    runId,
    runDir,
    numQueries: n,
    failedQueries: failed,
    estimatedCost,
    wallS: (performance.now() - started) / 1000,
    createdWorkgroups: created,
    stats,
    retries: clients.retry.retries,
    throttles: clients.limiter.throttles,
  };
}

/** Deletes every resource a journal lists as not deleted; returns the failures. */
async function tearDownJournaled(
  journalFile: string,
  provisioner: ServerlessProvisioner,
): Promise<string[]> {
  const names = [...new Set(outstandingResources(journalFile).map((r) => r.name))];
  const results = await Promise.allSettled(names.map((name) => provisioner.tearDown(name)));
  const problems: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'rejected') problems.push(`${names[i]}: ${(r.reason as Error).message}`);
  });
  return problems;
}
