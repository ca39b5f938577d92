/**
 * A live run on Redshift Serverless: the backend-neutral `WallClockDriver` of @autoslo/core
 * with the Redshift Serverless adapter, replaying a workload trace (open or closed loop).
 * This file only wires: the run directory, the SQL catalog, the adapter and its clients, the
 * outputs.
 *
 * The run directory is built in `runs/.<run_id>.partial/` and renamed to `runs/<run_id>/`
 * only when the run has finished, torn everything down and collected its system tables.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDir } from '@autoslo/config';
import {
  type ArrivalConfig,
  type ClusterStats,
  ControlPlane,
  EXECUTION_CONFIG_FILENAME,
  replayArrivals,
  STRUCTURED_LOG_FILENAME,
  WallClockDriver,
  WallClockLog,
  WorkloadArrivals,
} from '@autoslo/core';
import type { LoadedWorkload } from '@autoslo/workload';
import { stringify } from 'yaml';
import { OWNER_PID_FILENAME } from './cleanup.js';
import { createLiveClients, type LiveClients } from './live-clients.js';
import { LiveRunAborted } from './live-errors.js';
import { RedshiftServerlessBackend } from './redshift-serverless-backend.js';
import { outstandingResources, ResourceJournal } from './resource-journal.js';
import { appendRunIndex } from './run-index.js';
import {
  capacitySettingsOf,
  type ProvisionerConfigKeys,
  ServerlessProvisioner,
} from './serverless-provisioner.js';
import { SqlCatalog } from './sql-catalog.js';
import { type PollSettings, StatementRunner } from './statement-runner.js';

/** The execution config as the live driver reads it (structurally `ExecutionConfig`). */
export interface LiveExecutionConfig extends ArrivalConfig {
  readonly provisioner_config?: ArrivalConfig['provisioner_config'] & ProvisionerConfigKeys;
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
  /** System-table statistics collected per cluster. */
  readonly stats: Readonly<Record<string, ClusterStats>>;
  readonly retries: number;
  readonly throttles: number;
}

/**
 * Runs `workload` live under `config`.
 * @throws InputError before anything is created when some query's SQL is missing.
 * @throws LiveRunAborted when stopped (signal, cost guard, error) after tearing down.
 */
export async function runLive(
  config: LiveExecutionConfig,
  workload: LoadedWorkload,
  options: LiveRunOptions,
): Promise<LiveRunOutcome> {
  const started = performance.now();
  const dataDir = new DataDir(options.dataDir);
  const n = workload.trace.length;
  const catalog = await SqlCatalog.load(options.dataDir, workload.trace.queryTextId);
  const { runId, partial } = await claimRunId(dataDir, options.runId);
  // Marks the run as in progress for `autoslo cleanup`, which leaves live runs alone.
  await writeFile(join(partial, OWNER_PID_FILENAME), String(process.pid));
  const startedAt = new Date().toISOString();

  const clients = options.clients ?? createLiveClients();
  const journal = new ResourceJournal(partial, runId);
  const provisioner = new ServerlessProvisioner(clients.serverless, journal, {
    capacity: capacitySettingsOf(config.provisioner_config),
    ...(options.provisionPollMs !== undefined ? { maxPollMs: options.provisionPollMs } : {}),
  });
  const backend = new RedshiftServerlessBackend({
    provisioner,
    runner: new StatementRunner(clients.data, options.poll),
    runId,
    outDir: partial,
    ...(options.database ? { database: options.database } : {}),
    ...(options.secretArn ? { secretArn: options.secretArn } : {}),
  });
  const log = new WallClockLog();
  const cp = new ControlPlane(config, {
    sink: log,
    expectedQueries: n,
    runTag: runId,
    logCompletions: false,
    logPredictions: true,
  });
  const arrivals = new WorkloadArrivals(
    config,
    workload,
    cp.latencyModel,
    cp.autoscalerSettings.triggerSloTighteningFactor,
    options.dataDir,
  );
  const driver = new WallClockDriver({
    cp,
    log,
    backend,
    maxInFlight: config.workload_runner_config?.max_threads ?? 512,
    maxInFlightPerCluster: options.perWorkgroupConcurrency ?? 150,
    costLimit: options.costLimit ?? null,
    ...(options.existingWorkgroups ? { existing: options.existingWorkgroups } : {}),
    ...(options.onLine ? { say: options.onLine } : {}),
  });
  const onSignal = () => driver.halt('signal', 'interrupted');
  if (options.signal?.aborted) onSignal();
  options.signal?.addEventListener('abort', onSignal, { once: true });

  const timeScale = options.timeScale ?? 1;
  const closedLoop = config.workload_runner_config?.closed_loop ?? false;
  let estimatedCost = 0;
  try {
    await driver.start(timeScale);
    log.record({
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
    await replayArrivals(
      driver,
      {
        length: n,
        arrival: (i) => arrivals.arrival(i),
        sqlOf: (i) => catalog.sqlOf(workload.trace.queryTextId[i] as string),
      },
      {
        timeScale,
        closedLoop,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    await driver.finish();
    estimatedCost = driver.estimatedSpend();
    log.record({
      rel_time_s: driver.now(),
      event_type: 'run_finish',
      source: 'workload_runner',
      details: { num_queries: n, failed_queries: driver.failed, estimated_cost: estimatedCost },
    });
    await log.log.writeParquet(join(partial, STRUCTURED_LOG_FILENAME));
    await writeFile(
      join(partial, 'summary.yml'),
      stringify({
        run_id: runId,
        workload_id: workload.id,
        execution_config_id: options.executionConfigId,
        started_at: startedAt,
        num_queries: n,
        failed_queries: driver.failed,
        estimated_cost: estimatedCost,
        created_workgroups: driver.created,
        api_retries: clients.retry.retries,
        api_throttles: clients.limiter.throttles,
      }),
    );
    // Written last: a directory with its execution_config.yml is a complete run.
    await writeFile(join(partial, EXECUTION_CONFIG_FILENAME), stringify(config));
    await rm(join(partial, OWNER_PID_FILENAME), { force: true });
    // Indexed once complete (readers of map.yml never meet a run that is not there), just
    // before the rename that publishes it.
    await appendRunIndex(options.dataDir, {
      run_id: runId,
      workload_id: workload.id,
      execution_config_id: options.executionConfigId,
      started_at: startedAt,
    });
    await rename(partial, dataDir.run(runId));
  } catch (error) {
    driver.halt('error', String((error as Error).message ?? error));
    // Nothing may outlive a stopped run: settle what is under way, then delete whatever
    // the journal still lists. The partial directory stays, never renamed.
    await driver.settle();
    const problems = await tearDownJournaled(journal.file, provisioner);
    throw new LiveRunAborted(driver.stopReason ?? 'error', driver.stopMessage, problems, {
      cause: error,
    });
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
    if (options.clients === undefined) clients.destroy();
  }
  return {
    runId,
    runDir: dataDir.run(runId),
    numQueries: n,
    failedQueries: driver.failed,
    estimatedCost,
    wallS: (performance.now() - started) / 1000,
    createdWorkgroups: driver.created,
    stats: driver.stats,
    retries: clients.retry.retries,
    throttles: clients.limiter.throttles,
  };
}

/**
 * A run id no other run has (parallel `--splits` processes may start in the same
 * millisecond): its partial directory is created exclusively, the next millisecond tried on
 * a clash.
 */
async function claimRunId(
  dataDir: DataDir,
  wanted: string | undefined,
): Promise<{ runId: string; partial: string }> {
  await mkdir(dataDir.runsDir, { recursive: true });
  let id = wanted ?? String(Date.now());
  for (;;) {
    const partial = join(dataDir.runsDir, `.${id}.partial`);
    try {
      if (existsSync(dataDir.run(id))) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      await mkdir(partial);
      return { runId: id, partial };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (wanted !== undefined)
        throw new Error(`run ${wanted} exists already in ${dataDir.runsDir}`);
      id = String(Number(id) + 1);
    }
  }
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
