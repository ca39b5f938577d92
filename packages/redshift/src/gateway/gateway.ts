/**
 * The gateway: a Redshift Data API endpoint for applications in front of a pool of Redshift
 * Serverless workgroups run by the control plane on the wall clock. Each statement sent to
 * the pool's name is fingerprinted to a template, routed by the configured router, run on
 * the chosen workgroup through the Redshift Serverless backend (its own request passed
 * through, so ids, statuses and result pages are the service's), and reported to the
 * control plane when it ends, so the autoscaler and scheduled spin-ups act as in a live run.
 *
 * State lives in `runs/.gateway-<pool>.partial/` of the data directory: the resource journal
 * (what `autoslo cleanup` reads), the statement journal, and the owner's pid. On close, the
 * run's structured log and summary are written as a live run's (`runs/<run_id>/`).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataDir } from '@autoslo/config';
import {
  type BackendCluster,
  ControlPlane,
  EXECUTION_CONFIG_FILENAME,
  type ForwardedReply,
  type QueryArrival,
  STRUCTURED_LOG_FILENAME,
  type SubmittedQuery,
  WallClockDriver,
  WallClockLog,
  WorkloadArrivals,
} from '@autoslo/core';
import { stringify } from 'yaml';
import { OWNER_PID_FILENAME } from '../live/cleanup.js';
import { createLiveClients, type LiveClients } from '../live/live-clients.js';
import type { LiveExecutionConfig } from '../live/live-run.js';
import { RedshiftServerlessBackend } from '../live/redshift-serverless-backend.js';
import { outstandingResources, ResourceJournal } from '../live/resource-journal.js';
import { appendRunIndex } from '../live/run-index.js';
import { capacitySettingsOf, ServerlessProvisioner } from '../live/serverless-provisioner.js';
import { type PollSettings, StatementRunner } from '../live/statement-runner.js';
import {
  AMZ_TARGET,
  parseInput,
  readBodyBytes,
  sendJson,
  sendServiceError,
  sendText,
} from '../local/aws-json-http.js';
import {
  type JsonObject,
  optionalArray,
  optionalString,
  requiredString,
} from '../local/json-input.js';
import { ServiceError, validation } from '../local/service-error.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { SigV4Verifier } from './sigv4-verifier.js';
import { readStatementJournal, StatementJournal } from './statement-journal.js';
import { TemplateCatalog } from './template-catalog.js';
import { UpstreamDataApi } from './upstream-data-api.js';

export interface GatewayOptions {
  readonly config: LiveExecutionConfig;
  /** Names the config in the run index (`<exec stem>__K=V...`). */
  readonly executionConfigId: string;
  readonly dataDir: string;
  /** Secret access key by access key id: what clients sign their requests with. */
  readonly keys: ReadonlyMap<string, string>;
  /** The workgroup name applications address (default `autoslo-pool`). */
  readonly poolName?: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** AWS clients towards the service (default: the SDK's default chain). */
  readonly clients?: LiveClients;
  /**
   * Calls per second towards the service at most (default 500; throttling halves it for a
   * while): the gateway's own calls and its clients' together. Ignored with `clients`.
   */
  readonly apiRatePerS?: number;
  /** Data API endpoint towards the service (default: the SDK's standard resolution). */
  readonly upstreamEndpoint?: string;
  /** Stop routing new statements once the estimated spend passes this many dollars. */
  readonly costLimit?: number | null;
  /** Statements in flight per workgroup (default 150). */
  readonly perWorkgroupConcurrency?: number;
  readonly poll?: PollSettings;
  readonly provisionPollMs?: number;
  /**
   * Answer an ExecuteStatement only once its journal record is fsynced (default false: the
   * record is written and fsynced in the background within moments; the id itself is the
   * service's and resolves after any restart). Sessions are always journaled first.
   */
  readonly syncJournal?: boolean;
  /** Progress and problems, one line each (never SQL text or credentials). */
  readonly say?: (line: string) => void;
  /** Clock for signature freshness (default Date.now). */
  readonly now?: () => number;
}

export interface GatewayCloseOutcome {
  readonly runId: string;
  readonly runDir: string;
  readonly statements: number;
  readonly failedStatements: number;
  readonly estimatedCost: number;
  readonly createdWorkgroups: readonly string[];
  /** Teardown failures (empty when every workgroup went). */
  readonly problems: readonly string[];
}

export interface Gateway {
  /** `http://<host>:<port>`, for the clients' endpoint (`AWS_ENDPOINT_URL_REDSHIFT_DATA`). */
  readonly endpoint: string;
  readonly port: number;
  readonly poolName: string;
  readonly runId: string;
  /** Where the journals live. */
  readonly stateDir: string;
  /** Workgroups adopted from an earlier gateway's journal. */
  readonly adoptedWorkgroups: readonly string[];
  /** The Prometheus exposition served at `/metrics`. */
  metricsText(): string;
  /**
   * The gateway's own time per ExecuteStatement / DescribeStatement / GetStatementResult
   * (request received to answer sent, minus the time waiting on the service), ms, the most
   * recent 200,000 in no particular order.
   */
  addedLatenciesMs(): readonly number[];
  /** Workgroups of the pool now (name and RPU) as the control plane sees them. */
  clusters(): readonly { name: string; workgroup: string; rpu: number; state: string }[];
  /** Waits for every statement in flight, tears the pool down, writes the run. */
  close(): Promise<GatewayCloseOutcome>;
}

const DEFAULT_POOL_NAME = 'autoslo-pool';
const ADDED_LATENCY_SAMPLES = 200_000;
/** Polls of a passed-through statement, tight: the end of a statement drives the autoscaler. */
const GATEWAY_POLL: PollSettings = { initialMs: 10, maxMs: 250, factor: 1.5 };
const FORWARDED = new Set([
  'DescribeStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'CancelStatement',
  'ListStatements',
]);

/** The RPU in a tool-made workgroup name (`autoslo-<rpu>-<tag>-<n>`), or NaN. */
function rpuOfName(name: string): number {
  const m = /^autoslo-(\d+)-/.exec(name);
  return m ? Number(m[1]) : Number.NaN;
}

/** Which of the earlier gateway's workgroups stand for the initial clusters; the rest go. */
function matchAdopted(
  initialRpus: readonly number[],
  outstanding: readonly string[],
): { existing: string[] | null; extra: string[] } {
  const left = [...outstanding];
  const existing: string[] = [];
  for (const rpu of initialRpus) {
    const i = left.findIndex((n) => rpuOfName(n) === rpu);
    if (i === -1) return { existing: null, extra: outstanding.slice() };
    existing.push(left.splice(i, 1)[0] as string);
  }
  return { existing, extra: left };
}

/**
 * Starts the gateway: adopts or provisions the initial workgroups, then listens.
 * @throws Error when an initial workgroup cannot be brought up.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const poolName = options.poolName ?? DEFAULT_POOL_NAME;
  const say = options.say ?? (() => {});
  const config = options.config;
  const dataDir = new DataDir(options.dataDir);
  const stateDir = join(dataDir.runsDir, `.gateway-${poolName}.partial`);
  mkdirSync(stateDir, { recursive: true });
  const journalRunId = `gateway-${poolName}`;
  const runId = String(Date.now());
  const clients =
    options.clients ?? createLiveClients({ rateLimit: { ratePerS: options.apiRatePerS ?? 500 } });
  const resources = new ResourceJournal(stateDir, journalRunId);
  const earlier = readStatementJournal(join(stateDir, 'statements.jsonl'));
  const outstandingWorkgroups = outstandingResources(resources.file)
    .filter((r) => r.kind === 'workgroup')
    .map((r) => r.name);
  writeFileSync(join(stateDir, OWNER_PID_FILENAME), String(process.pid));

  const provisioner = new ServerlessProvisioner(clients.serverless, resources, {
    capacity: capacitySettingsOf(config.provisioner_config),
    ...(options.provisionPollMs !== undefined ? { maxPollMs: options.provisionPollMs } : {}),
  });
  const upstream = new UpstreamDataApi({
    data: clients.data,
    limiter: clients.limiter,
    retry: clients.retry,
    ...(options.upstreamEndpoint ? { endpoint: options.upstreamEndpoint } : {}),
  });
  const partialRun = join(dataDir.runsDir, `.${runId}.partial`);
  await mkdir(partialRun, { recursive: true });
  const backend = new RedshiftServerlessBackend({
    provisioner,
    runner: new StatementRunner(clients.data, options.poll ?? GATEWAY_POLL),
    runId,
    outDir: partialRun,
    upstream,
  });
  const log = new WallClockLog();
  const cp = new ControlPlane(config, {
    sink: log,
    runTag: Number(runId).toString(36),
    logCompletions: false,
    logPredictions: true,
  });
  const arrivals = new WorkloadArrivals(
    config,
    {
      id: `gateway_${poolName}`,
      name: `gateway_${poolName}`,
      trace: {
        length: 0,
        queryId: new Float64Array(0),
        queryTextId: [],
        isolatedLatencyS: null,
      },
      relStartS: new Float64Array(0),
    },
    cp.latencyModel,
    cp.autoscalerSettings.triggerSloTighteningFactor,
    options.dataDir,
  );
  const templates = TemplateCatalog.load(options.dataDir);
  say(
    `${templates.size} templates recognised by fingerprint (${templates.files} SQL files; files that differ only in literals are one template, named after the first)`,
  );

  // A restarted gateway adopts its earlier workgroups for the initial clusters and deletes
  // the others; a fresh one provisions the initial clusters.
  const { existing, extra } = matchAdopted(
    config.managed_cluster_pool_config.initial_rpus,
    outstandingWorkgroups,
  );
  const teardownProblems: string[] = [];
  for (const name of existing === null ? outstandingWorkgroups : extra) {
    try {
      await provisioner.tearDown(name);
      say(`deleted ${name}, left by an earlier gateway`);
    } catch (error) {
      teardownProblems.push(`${name}: ${(error as Error).message}`);
    }
  }
  const adoptedWorkgroups = existing ?? [];
  for (const name of adoptedWorkgroups) say(`adopted ${name} from the journal`);

  const driver = new WallClockDriver({
    cp,
    log,
    backend,
    maxInFlight: config.workload_runner_config?.max_threads ?? 512,
    maxInFlightPerCluster: options.perWorkgroupConcurrency ?? 150,
    costLimit: options.costLimit ?? null,
    ...(adoptedWorkgroups.length > 0 ? { existing: adoptedWorkgroups } : {}),
    say,
  });
  await driver.start();
  log.record({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'workload_runner',
    details: { run_id: runId, workload: `gateway_${poolName}`, policy: cp.router.policy },
  });

  const journal = new StatementJournal(stateDir);
  /** Workgroup of each statement id and session: the earlier gateway's, then ours. */
  const statementWorkgroup = earlier.statements;
  const sessionWorkgroup = earlier.sessions;
  const ourWorkgroups = new Set<string>([...statementWorkgroup.values(), ...adoptedWorkgroups]);
  let nextQueryId = earlier.lastQueryId + 1;
  let index = 0;
  const metrics = new GatewayMetrics();
  const verifier = new SigV4Verifier(options.keys, options.now);
  const unknownSeen = new Set<string>();
  /** Ring of the most recent added-time samples, ms. */
  const added = new Float64Array(ADDED_LATENCY_SAMPLES);
  let addedCount = 0;
  const addedSamples = (): number[] =>
    Array.from(added.subarray(0, Math.min(addedCount, ADDED_LATENCY_SAMPLES)));
  const inFlight = new Set<Promise<SubmittedQuery>>();
  let submittedCount = 0;
  let closing = false;

  /** Ring of the most recent waits for the journal's fsync, ms (part of the added time). */
  const journalWaits = new Float64Array(ADDED_LATENCY_SAMPLES);
  let journalCount = 0;
  const recordJournal = (ms: number) => {
    journalWaits[journalCount % ADDED_LATENCY_SAMPLES] = ms;
    journalCount++;
  };
  const recordAdded = (ms: number) => {
    added[addedCount % ADDED_LATENCY_SAMPLES] = ms;
    addedCount++;
  };

  /** The service's answer with the real workgroup names replaced by the pool's. */
  const toPoolNames = (reply: ForwardedReply): string => {
    if (reply.errorCode !== null) return reply.body;
    const body = JSON.parse(reply.body) as JsonObject;
    const rename = (o: JsonObject) => {
      if (typeof o.WorkgroupName === 'string' && ourWorkgroups.has(o.WorkgroupName))
        o.WorkgroupName = poolName;
    };
    rename(body);
    if (Array.isArray(body.Statements)) for (const s of body.Statements) rename(s as JsonObject);
    return JSON.stringify(body);
  };

  /** A statement on a session's workgroup: not routed, sent where the session lives. */
  const onSession = async (
    operation: string,
    input: JsonObject,
    sessionId: string,
  ): Promise<{ reply: ForwardedReply; waitedMs: number }> => {
    const workgroup = sessionWorkgroup.get(sessionId);
    if (workgroup === undefined) {
      throw validation(`Session ${sessionId} is not available: it ended or never existed.`);
    }
    const { WorkgroupName: _pool, ...rest } = input;
    const reply = await upstream.forward(operation, rest);
    const waitedMs = reply.serviceMs;
    if (reply.errorCode === null) {
      const id = String((JSON.parse(reply.body) as JsonObject).Id);
      statementWorkgroup.set(id, workgroup);
      await journal.append({
        kind: 'statement',
        id,
        query_id: 0,
        template: 'session',
        cluster: workgroup,
        workgroup,
        at: new Date().toISOString(),
      });
    }
    return { reply, waitedMs };
  };

  /** Routes and submits an ExecuteStatement / BatchExecuteStatement addressed to the pool. */
  const submit = async (
    operation: string,
    input: JsonObject,
  ): Promise<{ reply: ForwardedReply; waitedMs: number }> => {
    if (input.ClusterIdentifier !== undefined) {
      throw validation(
        `The gateway serves Redshift Serverless: send WorkgroupName ${poolName} instead of ClusterIdentifier.`,
      );
    }
    const sessionId = optionalString(input, 'SessionId');
    if (sessionId !== undefined) return onSession(operation, input, sessionId);
    const workgroupName = optionalString(input, 'WorkgroupName');
    if (workgroupName !== poolName) {
      throw validation(
        `Workgroup ${workgroupName ?? '(none)'} is not served here; the gateway's workgroup is ${poolName}.`,
      );
    }
    const sqls =
      operation === 'ExecuteStatement'
        ? [requiredString(input, 'Sql')]
        : (optionalArray(input, 'Sqls') ?? []).map((s) => {
            if (typeof s !== 'string') throw validation('Sqls must hold strings.');
            return s;
          });
    if (sqls.length === 0) throw validation('Sqls must hold 1 to 40 statements.');
    if (closing || driver.stopped.aborted) {
      throw new ServiceError(
        'ServiceUnavailableException',
        driver.stopped.aborted
          ? `The gateway stopped routing: ${driver.stopMessage}`
          : 'The gateway is shutting down.',
        503,
      );
    }
    const template = templates.templateOf(sqls);
    if (!template.known) {
      metrics.unknownTemplateStatements++;
      if (!unknownSeen.has(template.id)) {
        unknownSeen.add(template.id);
        say(`template ${template.id} is not in the SLO table: it gets the default SLO`);
      }
    }
    const queryId = nextQueryId++;
    const arrival: QueryArrival = arrivals.templateArrival(
      template.id,
      index++,
      queryId,
      driver.now(),
    );
    let answer: (r: { reply: ForwardedReply; cluster: BackendCluster } | null) => void = () => {};
    const answered = new Promise<{ reply: ForwardedReply; cluster: BackendCluster } | null>(
      (resolve) => {
        answer = resolve;
      },
    );
    metrics.inFlight++;
    const run = driver.submit(arrival, sqls[sqls.length - 1] as string, {
      operation,
      request: input,
      onSubmitted: (reply, cluster) => answer({ reply, cluster }),
    });
    inFlight.add(run);
    void run.then((q) => {
      inFlight.delete(run);
      metrics.inFlight--;
      answer(null);
      submittedCount++;
      const latencyS = q.endS - q.arrivalS;
      metrics.completed.inc({ template: template.id, outcome: q.success ? 'finished' : 'failed' });
      if (!q.success || latencyS > arrival.sloS) metrics.violations.inc({ template: template.id });
    });
    const outcome = await answered;
    if (outcome === null) {
      const q = await run;
      throw new ServiceError(
        'InternalServerException',
        `The statement could not be sent: ${q.error ?? 'unknown error'}`,
        500,
      );
    }
    const { reply, cluster } = outcome;
    const workgroup = backend.targetOf(cluster).workgroupName;
    ourWorkgroups.add(workgroup);
    metrics.statements.inc({ template: template.id, cluster: cluster.name });
    if (reply.errorCode === null) {
      const body = JSON.parse(reply.body) as JsonObject;
      const id = String(body.Id);
      statementWorkgroup.set(id, workgroup);
      const j0 = performance.now();
      const written = journal.append({
        kind: 'statement',
        id,
        query_id: queryId,
        template: template.id,
        cluster: cluster.name,
        workgroup,
        at: new Date().toISOString(),
      });
      void written.then(() => recordJournal(performance.now() - j0));
      // The id itself lives in the service, so it resolves after any restart; the journal
      // keeps its workgroup (the pool's name in answers). Waiting for that record's fsync
      // is optional; a session's record is always on disk before its id is handed out.
      if (options.syncJournal) await written;
      else written.catch((error: unknown) => say(`statement journal: ${(error as Error).message}`));
      if (typeof body.SessionId === 'string' && !sessionWorkgroup.has(body.SessionId)) {
        sessionWorkgroup.set(body.SessionId, workgroup);
        await journal.append({ kind: 'session', session_id: body.SessionId, workgroup });
      }
    }
    // The service's answer is not the gateway's own time (a wait for a free slot, when the
    // concurrency caps bind, is: it is the gateway's queueing).
    return { reply, waitedMs: reply.serviceMs };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const t0 = performance.now();
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') {
      const text = metricsText();
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    const body = await readBodyBytes(req);
    try {
      verifier.verify({
        method: req.method ?? '',
        url: req.url ?? '/',
        headers: req.headers,
        body,
      });
    } catch (error) {
      if (error instanceof ServiceError) metrics.refused.inc({ code: error.code });
      throw error;
    }
    const target = AMZ_TARGET.exec(String(req.headers['x-amz-target'] ?? ''));
    if (req.method !== 'POST' || !target || target[1] !== 'RedshiftData') {
      throw new ServiceError(
        'UnknownOperationException',
        'Send POST / with an X-Amz-Target of RedshiftData.<Operation>.',
      );
    }
    const operation = target[2] as string;
    const input = parseInput(body.toString('utf8'));
    metrics.requests.inc({ operation });
    let reply: ForwardedReply;
    let waitedMs: number;
    if (operation === 'ExecuteStatement' || operation === 'BatchExecuteStatement') {
      ({ reply, waitedMs } = await submit(operation, input));
    } else if (FORWARDED.has(operation)) {
      reply = await upstream.forward(operation, input);
      waitedMs = reply.serviceMs;
    } else {
      throw new ServiceError(
        'UnknownOperationException',
        `The gateway does not serve ${operation}; it serves ExecuteStatement, BatchExecuteStatement, ${[...FORWARDED].join(', ')}.`,
      );
    }
    const text =
      operation === 'GetStatementResult' || operation === 'GetStatementResultV2'
        ? reply.body
        : toPoolNames(reply);
    sendText(res, reply.status, text, reply.errorCode);
    recordAdded(performance.now() - t0 - waitedMs);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof ServiceError) sendServiceError(res, error);
      else {
        // The message may quote the service; it never holds the request's SQL.
        say(`internal error: ${(error as Error).message ?? String(error)}`);
        sendJson(
          res,
          500,
          { __type: 'InternalServerException', message: 'Internal error in the gateway.' },
          'InternalServerException',
        );
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const clusters = () =>
    [...cp.pool.all()].map((c) => ({
      name: c.name,
      workgroup: backend.targetOf({ name: c.name, rpu: c.rpu }).workgroupName,
      rpu: c.rpu,
      state: c.state,
    }));
  const metricsText = () =>
    metrics.text(
      clusters(),
      driver.estimatedSpend(),
      addedSamples(),
      Array.from(journalWaits.subarray(0, Math.min(journalCount, ADDED_LATENCY_SAMPLES))),
    );

  let closed: Promise<GatewayCloseOutcome> | null = null;
  const close = async (): Promise<GatewayCloseOutcome> => {
    closing = true;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    // Statements in flight end first: none is dropped by a shutdown.
    await Promise.allSettled([...inFlight]);
    const problems = [...teardownProblems];
    let estimatedCost = 0;
    try {
      if (driver.stopped.aborted) await driver.settle();
      else await driver.finish();
      estimatedCost = driver.estimatedSpend();
    } catch (error) {
      problems.push((error as Error).message);
      await driver.settle();
    }
    // Adopted workgroups and anything a failure left: the journal lists what is still there.
    for (const r of outstandingResources(resources.file)) {
      if (r.kind !== 'workgroup') continue;
      try {
        await provisioner.tearDown(r.name);
      } catch (error) {
        problems.push(`${r.name}: ${(error as Error).message}`);
      }
    }
    await journal.close();
    upstream.close();
    log.record({
      rel_time_s: driver.now(),
      event_type: 'run_finish',
      source: 'workload_runner',
      details: {
        num_queries: submittedCount,
        failed_queries: driver.failed,
        estimated_cost: estimatedCost,
      },
    });
    await log.log.writeParquet(join(partialRun, STRUCTURED_LOG_FILENAME));
    const startedAt = new Date(driver.startEpochMs).toISOString();
    await writeFile(
      join(partialRun, 'summary.yml'),
      stringify({
        run_id: runId,
        workload_id: `gateway_${poolName}`,
        execution_config_id: options.executionConfigId,
        started_at: startedAt,
        num_queries: submittedCount,
        failed_queries: driver.failed,
        estimated_cost: estimatedCost,
        created_workgroups: driver.created,
        unknown_template_statements: metrics.unknownTemplateStatements,
        api_retries: clients.retry.retries,
        api_throttles: clients.limiter.throttles,
      }),
    );
    await writeFile(join(partialRun, EXECUTION_CONFIG_FILENAME), stringify(config));
    await appendRunIndex(options.dataDir, {
      run_id: runId,
      workload_id: `gateway_${poolName}`,
      execution_config_id: options.executionConfigId,
      started_at: startedAt,
    });
    await rename(partialRun, dataDir.run(runId));
    if (problems.length === 0) rmSync(join(stateDir, OWNER_PID_FILENAME), { force: true });
    if (options.clients === undefined) clients.destroy();
    return {
      runId,
      runDir: dataDir.run(runId),
      statements: submittedCount,
      failedStatements: driver.failed,
      estimatedCost,
      createdWorkgroups: driver.created,
      problems,
    };
  };

  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    poolName,
    runId,
    stateDir,
    adoptedWorkgroups,
    metricsText,
    addedLatenciesMs: addedSamples,
    clusters,
    close: () => {
      closed ??= close();
      return closed;
    },
  };
}
