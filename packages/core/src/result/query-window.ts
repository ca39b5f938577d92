/**
 * The window of queries a result is scored on: all of them, the last `tail_fraction` by
 * arrival, or those arriving once the cluster with counter index N is READY (the two
 * are mutually exclusive, as in the reference).
 */
import { InputError } from '@autoslo/config';
import type { StructuredLog } from '../log/structured-log.js';
import { type QueryLatencies, sliceQueryLatencies } from './query-latencies.js';

export interface WindowOptions {
  readonly tailFraction?: number;
  readonly minClusterIndex?: number | null;
}

export interface QueryWindow {
  readonly queries: QueryLatencies;
  /** Relative time the window starts at (first kept arrival, or the cluster's ready time). */
  readonly startS: number | null;
  readonly warnings: string[];
}

const COUNTER_SUFFIX = /[-_](\d+)$/;

/**
 * READY times of clusters by counter index: the number ending the cluster's name
 * (`autoslo-16-<run>-002` -> 2), or, for names without one, the order of `cluster_ready`.
 */
export function clusterReadyTimes(log: StructuredLog): Map<number, number> {
  const times = new Map<number, number>();
  let ordinal = 0;
  for (const i of log.indicesOf('cluster_ready')) {
    const name = log.clusterName(i) ?? '';
    const match = COUNTER_SUFFIX.exec(name);
    const index = match ? Number(match[1]) : ordinal;
    ordinal++;
    if (!times.has(index)) times.set(index, log.relTimeS(i));
  }
  return times;
}

/** Applies the window options to queries sorted by arrival. */
export function selectQueryWindow(
  queries: QueryLatencies,
  log: StructuredLog,
  options: WindowOptions,
): QueryWindow {
  const tailFraction = options.tailFraction ?? 1;
  const minClusterIndex = options.minClusterIndex ?? null;
  if (!(tailFraction > 0 && tailFraction <= 1)) {
    throw new InputError({
      path: 'tail_fraction',
      message: 'must be in (0, 1]',
      received: String(tailFraction),
    });
  }
  if (minClusterIndex !== null && tailFraction < 1) {
    throw new InputError({
      path: 'min_cluster_index',
      message: 'tail_fraction and min_cluster_index are mutually exclusive',
    });
  }
  const warnings: string[] = [];
  if (minClusterIndex !== null) {
    const readyS = clusterReadyTimes(log).get(minClusterIndex);
    if (readyS === undefined) {
      warnings.push(`cluster #${minClusterIndex} never became READY: the window is empty`);
      return { queries: sliceQueryLatencies(queries, queries.length), startS: null, warnings };
    }
    let lo = 0;
    let hi = queries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((queries.arrivalS[mid] as number) < readyS) lo = mid + 1;
      else hi = mid;
    }
    return { queries: sliceQueryLatencies(queries, lo), startS: readyS, warnings };
  }
  if (tailFraction === 1) {
    return {
      queries,
      startS: queries.length > 0 ? (queries.arrivalS[0] as number) : null,
      warnings,
    };
  }
  const start = Math.floor(queries.length * (1 - tailFraction));
  const kept = sliceQueryLatencies(queries, start);
  return { queries: kept, startS: kept.length > 0 ? (kept.arrivalS[0] as number) : null, warnings };
}
