/**
 * One simulated run: the control plane of @autoslo/core driven in simulated time by a
 * discrete-event loop. Arrivals are streamed from the sorted trace (only the next one is
 * in the heap); each cluster has at most one valid completion event, stamped with the
 * cluster's version so superseded ones are skipped when popped.
 */
import { isMainThread } from 'node:worker_threads';
import {
  type AutoscalingPolicyFactory,
  type Cluster,
  type ControlAction,
  type ControlEvent,
  type ControlEventSink,
  ControlPlane,
  NULL_EVENT_SINK,
  type RoutingPolicyFactory,
  type RunningQuery,
  StructuredLog,
  WorkloadArrivals,
} from '@autoslo/core';
import { EventHeap, EventRank } from './event-heap.js';
import { ParquetLogStream } from './parquet-log-stream.js';
import { writeRunDirectory } from './run-outputs.js';
import { type SimulationSummary, SummaryAccumulator } from './run-summary.js';
import type { SimulationConfig, SimulationWorkload } from './simulation-types.js';

export interface SimulateOptions {
  readonly dataDir: string;
  /** Write the run directory here (atomically); without it nothing is written. */
  readonly outDir?: string;
  /** Keep the structured log in memory as `outcome.log`. */
  readonly keepLog?: boolean;
  /**
   * Encode the log on a worker thread while simulating (default: with `outDir`, on the
   * main thread, when the log is not kept); otherwise it is encoded after the run.
   */
  readonly streamLog?: boolean;
  /** Extra receiver of every control-plane event (tests). */
  readonly sink?: ControlEventSink;
  /** Cluster name tag (default `sim`). */
  readonly runTag?: string;
  /** Routing policy instead of the config's (direct injection; in this thread only). */
  readonly routingPolicy?: RoutingPolicyFactory;
  /** Autoscaling policy instead of the config's. */
  readonly autoscalingPolicy?: AutoscalingPolicyFactory;
}

export interface SimulationOutcome {
  readonly summary: SimulationSummary;
  readonly workloadId: string;
  readonly events: number;
  readonly queries: number;
  readonly wallS: number;
  /** Cluster chosen for each query, by sequence index. */
  readonly mapping: readonly string[];
  readonly controlPlane: ControlPlane;
  readonly log: StructuredLog | null;
  readonly outDir: string | null;
}

/** Appends control-plane events to a `StructuredLog` (no wall clock: reruns are byte-identical). */
class StructuredLogSink implements ControlEventSink {
  constructor(private readonly log: StructuredLog) {}

  record(e: ControlEvent): void {
    this.log.appendFields(
      e.rel_time_s,
      e.event_type,
      e.source,
      e.query_id ?? null,
      e.query_text_id ?? null,
      e.cluster_name ?? null,
      e.details ?? null,
    );
  }
}

class TeeSink implements ControlEventSink {
  constructor(private readonly sinks: readonly ControlEventSink[]) {}

  record(e: ControlEvent): void {
    for (const s of this.sinks) s.record(e);
  }
}

function sinkOf(sinks: ControlEventSink[]): ControlEventSink {
  if (sinks.length === 0) return NULL_EVENT_SINK;
  return sinks.length === 1 ? (sinks[0] as ControlEventSink) : new TeeSink(sinks);
}

export async function simulate(
  config: SimulationConfig,
  workload: SimulationWorkload,
  options: SimulateOptions,
): Promise<SimulationOutcome> {
  const started = performance.now();
  const writing = options.outDir !== undefined;
  const stream =
    (options.streamLog ?? (writing && isMainThread && !options.keepLog))
      ? new ParquetLogStream()
      : null;
  const log = options.keepLog || (writing && stream === null) ? new StructuredLog() : null;
  const sinks: ControlEventSink[] = [];
  if (log) sinks.push(new StructuredLogSink(log));
  if (stream) sinks.push(stream);
  if (options.sink) sinks.push(options.sink);
  const sink = sinkOf(sinks);
  try {
    return await run(config, workload, options, { sink, log, stream, started });
  } catch (error) {
    await stream?.abort();
    throw error;
  }
}

interface RunState {
  readonly sink: ControlEventSink;
  readonly log: StructuredLog | null;
  readonly stream: ParquetLogStream | null;
  readonly started: number;
}

async function run(
  config: SimulationConfig,
  workload: SimulationWorkload,
  options: SimulateOptions,
  { sink, log, stream, started }: RunState,
): Promise<SimulationOutcome> {
  const n = workload.trace.length;
  const cp = new ControlPlane(config, {
    sink,
    expectedQueries: n,
    runTag: options.runTag ?? 'sim',
    logQueries: sink !== NULL_EVENT_SINK,
    ...(options.routingPolicy ? { routingPolicy: options.routingPolicy } : {}),
    ...(options.autoscalingPolicy ? { autoscalingPolicy: options.autoscalingPolicy } : {}),
  });
  const queries = new WorkloadArrivals(
    config,
    workload,
    cp.latencyModel,
    cp.autoscalerSettings.triggerSloTighteningFactor,
    options.dataDir,
  );
  const summary = new SummaryAccumulator();
  const mapping = new Array<string>(n);
  const clusters: Cluster[] = [];
  const clusterIndex = new Map<Cluster, number>();
  const indexOf = (c: Cluster): number => {
    let i = clusterIndex.get(c);
    if (i === undefined) {
      i = clusters.length;
      clusters.push(c);
      clusterIndex.set(c, i);
    }
    return i;
  };
  const heap = new EventHeap();
  const scheduleCompletion = (c: Cluster): void => {
    const t = c.execution.nextCompletionTime();
    if (t !== Number.POSITIVE_INFINITY) heap.push(t, EventRank.Completion, indexOf(c), c.version);
  };
  const handle = (actions: readonly ControlAction[]): void => {
    for (const a of actions) {
      if (a.kind === 'provision') heap.push(a.readyAtS, EventRank.ClusterReady, indexOf(a.cluster));
    }
  };

  sink.record({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'simulator',
    details: {
      workload: workload.id,
      num_queries: n,
      policy: cp.router.policy,
      closed_loop: false,
    },
  });
  cp.start(0);
  cp.scheduledSpinups.forEach((s, i) => {
    heap.push(s.rel_time_s, EventRank.ScheduledSpinup, i);
  });
  if (n > 0) heap.push(workload.relStartS[0] as number, EventRank.Arrival, 0);
  let events = 0;
  let now = 0;
  while (heap.pop()) {
    now = heap.poppedTime;
    const payload = heap.poppedPayload;
    switch (heap.poppedRank) {
      case EventRank.Arrival: {
        events++;
        const out = cp.onArrival(queries.arrival(payload), now);
        mapping[payload] = out.cluster.name;
        scheduleCompletion(out.cluster);
        handle(out.actions);
        const next = payload + 1;
        if (next < n) heap.push(workload.relStartS[next] as number, EventRank.Arrival, next);
        break;
      }
      case EventRank.Completion: {
        const c = clusters[payload] as Cluster;
        if (heap.poppedStamp !== c.version) break;
        events++;
        const q = c.execution.nextCompletingQuery() as RunningQuery;
        handle(cp.onCompletion(c, q, now));
        summary.add(now - q.arrivalS, q.sloS, now);
        scheduleCompletion(c);
        break;
      }
      case EventRank.ClusterReady: {
        events++;
        handle(cp.onClusterReady((clusters[payload] as Cluster).name, now));
        break;
      }
      case EventRank.ScheduledSpinup: {
        events++;
        const s = cp.scheduledSpinups[payload] as { rpu: number };
        handle(cp.onScheduledSpinup(s.rpu, now));
        break;
      }
    }
  }
  cp.finish(now);
  let totalCost = 0;
  for (const c of cp.pool.all())
    totalCost += c.costOfSeconds(c.billing.billedSeconds(), cp.pricePerRpuHour);
  const result = summary.summary(totalCost);
  sink.record({
    rel_time_s: now,
    event_type: 'run_finish',
    source: 'simulator',
    details: { ...result },
  });
  const logBytes = stream
    ? await stream.finish()
    : options.outDir !== undefined
      ? log?.toParquet()
      : undefined;
  const outcome: SimulationOutcome = {
    summary: result,
    workloadId: workload.id,
    events,
    queries: summary.count,
    wallS: (performance.now() - started) / 1000,
    mapping,
    controlPlane: cp,
    log,
    outDir: options.outDir ?? null,
  };
  if (options.outDir !== undefined)
    await writeRunDirectory(options.outDir, config, outcome, logBytes);
  return outcome;
}
