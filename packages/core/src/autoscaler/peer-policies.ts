/**
 * Peer systems' scaling rules as autoscaling policies, so AutoSLO can be compared with
 * what users run today in the same simulator (docs/autoscaling-policies.md). They read
 * the same pool state the AutoSLO policies do and never look at SLOs.
 *
 * "Queued" in a processor-sharing cluster: a query shares a cluster beyond its
 * parallelism (or waits for admission), i.e. it runs slower than in isolation.
 */
import type { Cluster } from '../cluster/cluster.js';

/** Snowflake checks load once a minute. */
export const PEER_CHECK_INTERVAL_S = 60;
/** Snowflake Standard: shut a cluster down after this many consecutive low-load checks. */
export const SNOWFLAKE_STANDARD_CHECKS = 2;
/** Snowflake Economy: ... after this many. */
export const SNOWFLAKE_ECONOMY_CHECKS = 6;
/** Snowflake Economy starts a cluster only for at least this much backlog (6 minutes). */
export const SNOWFLAKE_ECONOMY_MIN_BUSY_S = 360;
/** Redshift-style: scale out once a query has queued this long. */
export const REDSHIFT_QUEUE_TIME_THRESHOLD_S = 60;
/** Databricks: expected work of the next two minutes counts toward the drain time. */
export const DATABRICKS_LOOKAHEAD_S = 120;
/** Databricks: a query waiting five minutes always triggers an upscale. */
export const DATABRICKS_MAX_WAIT_S = 300;
/** Databricks: downscale after 15 minutes of low load. */
export const DATABRICKS_DOWNSCALE_IDLE_S = 900;

/** Every READY cluster is at or beyond its parallelism and the arrival's cluster is beyond it. */
export function isQueued(ready: readonly Cluster[], placedOn: Cluster): boolean {
  if (placedOn.activeCount <= placedOn.execution.parallelism) return false;
  for (const c of ready) if (c.activeCount < c.execution.parallelism) return false;
  return true;
}

/** Remaining predicted work (seconds at full rate) of every query on the clusters. */
export function remainingWorkS(clusters: readonly Cluster[], now: number): number {
  let total = 0;
  for (const c of clusters) {
    for (const q of c.execution.queries())
      total += Math.max(0, q.predictedWorkS - c.execution.attainedS(q, now));
  }
  return total;
}

export function totalParallelism(clusters: readonly Cluster[]): number {
  let total = 0;
  for (const c of clusters) total += c.execution.parallelism;
  return total;
}

/** Longest time any running query has lost so far to sharing or waiting ("queue time"). */
export function maxQueueTimeS(clusters: readonly Cluster[], now: number): number {
  let worst = 0;
  for (const c of clusters) {
    for (const q of c.execution.queries()) {
      worst = Math.max(worst, now - q.arrivalS - c.execution.attainedS(q, now));
    }
  }
  return worst;
}

/** Databricks Pro/Classic: clusters to add for an expected drain time of `drainMin` minutes. */
export function databricksClustersToAdd(drainMin: number): number {
  if (drainMin < 2) return 0;
  if (drainMin < 6) return 1;
  if (drainMin < 12) return 2;
  if (drainMin < 22) return 3;
  return 3 + Math.ceil((drainMin - 22) / 15);
}

/** Expected drain time in seconds of running + queued + the next two minutes of work. */
export function databricksDrainTimeS(
  ready: readonly Cluster[],
  /** Reference service time of the arrivals in the trailing window. */
  recentWork: number,
  windowS: number,
  now: number,
): number {
  const lookahead = windowS > 0 ? (recentWork * DATABRICKS_LOOKAHEAD_S) / windowS : 0;
  const capacity = totalParallelism(ready);
  return capacity === 0 ? 0 : (remainingWorkS(ready, now) + lookahead) / capacity;
}

/**
 * Snowflake's consecutive-check counter: every 60 s check instant passed since the last
 * look counts as a success while the least-loaded cluster's queries would fit on the
 * others, and resets the count otherwise.
 */
export class ConsecutiveChecks {
  private lastCheckIndex = 0;
  count = 0;

  observe(now: number, lowLoad: boolean): number {
    const index = Math.floor(now / PEER_CHECK_INTERVAL_S);
    const passed = index - this.lastCheckIndex;
    if (passed > 0) {
      this.count = lowLoad ? this.count + passed : 0;
      this.lastCheckIndex = index;
    }
    return this.count;
  }
}

/** The least-loaded READY cluster's queries fit in the others' spare parallelism. */
export function canRedistribute(ready: readonly Cluster[]): Cluster | undefined {
  if (ready.length < 2) return undefined;
  let least = ready[0] as Cluster;
  for (const c of ready) if (c.activeCount < least.activeCount) least = c;
  let spare = 0;
  for (const c of ready)
    if (c !== least) spare += Math.max(0, c.execution.parallelism - c.activeCount);
  return least.activeCount <= spare ? least : undefined;
}
