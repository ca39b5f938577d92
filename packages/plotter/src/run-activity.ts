/**
 * What the timeline, CDF and cluster charts need from one run's structured log: spin-ups
 * (decision to ready), per-query latencies, the number of clusters over time, and the last
 * arrival and completion.
 */

/** One structured-log event, as much of it as these charts read. */
export interface RunEvent {
  readonly relTimeS: number;
  readonly eventType: string;
  readonly queryId: number | string | null;
  readonly clusterName: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface SpinupRecord {
  readonly clusterName: string;
  readonly rpu: number;
  /** The autoscaler's or scheduler's decision; null for initial clusters. */
  readonly decisionS: number | null;
  readonly readyS: number;
}

export interface RunActivity {
  readonly spinups: readonly SpinupRecord[];
  /** Completed queries' latencies (completion minus arrival), ascending. */
  readonly latenciesS: Float64Array;
  /** Step function of active (READY, not yet removed) clusters: count and total RPU from `t`. */
  readonly clusterSteps: readonly { t: number; clusters: number; rpu: number }[];
  readonly durationS: number;
  readonly lastArrivalS: number | null;
  readonly lastCompletionS: number | null;
}

const ARRIVALS = new Set(['arrival', 'sim_query_arrival']);
const COMPLETIONS = new Set(['completion', 'sim_query_completion']);
const REMOVALS = new Set(['cluster_removed', 'tear_down_started']);

function rpuOf(details: RunEvent['details']): number | null {
  const rpu = details?.rpu;
  const n = typeof rpu === 'string' ? Number(rpu) : rpu;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function runActivity(events: readonly RunEvent[]): RunActivity {
  const sorted = [...events].sort((a, b) => a.relTimeS - b.relTimeS);
  const decisions = new Map<number, number[]>();
  const readies: { t: number; rpu: number; name: string }[] = [];
  const arrivalOf = new Map<number | string, number>();
  const latencies: number[] = [];
  const removedAt = new Map<string, number>();
  let lastArrival: number | null = null;
  let lastCompletion: number | null = null;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;

  for (const e of sorted) {
    const t = e.relTimeS;
    if (e.eventType === 'run_start' || e.eventType === 'run_finish') {
      start = Math.min(start, t);
      end = Math.max(end, t);
    }
    if (e.eventType === 'spin_up_decision') {
      const rpu = rpuOf(e.details);
      if (rpu !== null) decisions.set(rpu, [...(decisions.get(rpu) ?? []), t]);
    } else if (e.eventType === 'cluster_ready') {
      const rpu = rpuOf(e.details);
      if (rpu !== null) readies.push({ t, rpu, name: e.clusterName ?? '' });
    } else if (REMOVALS.has(e.eventType) && e.clusterName && !removedAt.has(e.clusterName)) {
      removedAt.set(e.clusterName, t);
    } else if (ARRIVALS.has(e.eventType) && e.queryId !== null) {
      if (!arrivalOf.has(e.queryId)) arrivalOf.set(e.queryId, t);
      lastArrival = Math.max(lastArrival ?? t, t);
    } else if (COMPLETIONS.has(e.eventType) && e.queryId !== null) {
      const a = arrivalOf.get(e.queryId);
      if (a !== undefined && e.details?.success !== false) latencies.push(t - a);
      lastCompletion = Math.max(lastCompletion ?? t, t);
    }
  }

  // Each ready pairs with the latest unused decision of the same size at or before it;
  // a ready with none is an initial (or scheduled-at-start) cluster.
  const spinups: SpinupRecord[] = readies.map((r) => {
    const pool = decisions.get(r.rpu) ?? [];
    let best = -1;
    pool.forEach((d, i) => {
      if (d <= r.t && (best < 0 || d > (pool[best] ?? Number.NEGATIVE_INFINITY))) best = i;
    });
    const decisionS = best >= 0 ? (pool.splice(best, 1)[0] ?? null) : null;
    return { clusterName: r.name, rpu: r.rpu, decisionS, readyS: r.t };
  });

  const changes: { t: number; dClusters: number; dRpu: number }[] = [];
  for (const r of readies) {
    changes.push({ t: r.t, dClusters: 1, dRpu: r.rpu });
    const removed = r.name ? removedAt.get(r.name) : undefined;
    if (removed !== undefined && removed >= r.t) {
      changes.push({ t: removed, dClusters: -1, dRpu: -r.rpu });
    }
  }
  changes.sort((a, b) => a.t - b.t);
  const clusterSteps: { t: number; clusters: number; rpu: number }[] = [];
  let clusters = 0;
  let rpu = 0;
  for (const c of changes) {
    clusters += c.dClusters;
    rpu += c.dRpu;
    const last = clusterSteps[clusterSteps.length - 1];
    if (last && last.t === c.t) clusterSteps[clusterSteps.length - 1] = { t: c.t, clusters, rpu };
    else clusterSteps.push({ t: c.t, clusters, rpu });
  }

  const lastEvent = sorted.length > 0 ? (sorted[sorted.length - 1]?.relTimeS ?? 0) : 0;
  const durationS = Number.isFinite(start) ? (end > start ? end - start : end) : lastEvent;
  return {
    spinups,
    latenciesS: Float64Array.from(latencies).sort(),
    clusterSteps,
    durationS,
    lastArrivalS: lastArrival,
    lastCompletionS: lastCompletion,
  };
}
