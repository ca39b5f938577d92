/**
 * The predictor behind routing and autoscaling decisions. Both variants summarise one
 * cluster as (violation sum, pair count, drain end) with an optional query added:
 * - `ConcurrencyAwarePredictor` (`use_iconq_model`): exact processor-sharing completion
 *   times of every query on the cluster, assuming no further arrivals;
 * - `IsolatedPredictor` (`use_stage_model`): each query's isolated service time at the
 *   cluster's RPU, blind to concurrency.
 */
import type { Cluster } from '../cluster/cluster.js';
import { perQueryViolation, type SloMetricName } from '../slo/slo-metric.js';
import { type BinaryForecast, createPredictionBuffer } from './processor-sharing-execution.js';
import type { RunningQuery } from './running-query.js';

export interface ClusterForecast {
  violationSum: number;
  count: number;
  /** When the last query would finish (at least `now`). */
  drainEndS: number;
  /** Predicted latency of the added query (NaN without one). */
  extraLatencyS: number;
}

export function emptyForecast(): ClusterForecast {
  return { violationSum: 0, count: 0, drainEndS: 0, extraLatencyS: Number.NaN };
}

export interface ForecastOptions {
  readonly metric: SloMetricName;
  /** Judge against `triggerSloS` instead of `sloS`. */
  readonly triggerSlo?: boolean;
  /** Count only queries that arrived at or after this time (drain end still covers all). */
  readonly minArrivalS?: number;
}

export interface LatencyPredictor {
  readonly concurrencyAware: boolean;
  forecast(
    cluster: Cluster,
    now: number,
    options: ForecastOptions,
    extra: RunningQuery | undefined,
    out: ClusterForecast,
  ): ClusterForecast;
  /** Predicted completion time of every query on the cluster, for replay and logging. */
  completions(
    cluster: Cluster,
    now: number,
    visit: (q: RunningQuery, completionS: number) => void,
  ): void;
}

export class ConcurrencyAwarePredictor implements LatencyPredictor {
  readonly concurrencyAware = true;
  private readonly buffer = createPredictionBuffer();
  private readonly binary: BinaryForecast = {
    violations: 0,
    count: 0,
    drainEndS: 0,
    extraLatencyS: Number.NaN,
  };

  constructor(
    /**
     * `exact` always walks every query (O(n) per forecast); `incremental` (the default)
     * answers binary-SLO forecasts from the cluster's incremental views, same result.
     */
    readonly mode: 'incremental' | 'exact' = 'incremental',
  ) {}

  forecast(
    cluster: Cluster,
    now: number,
    options: ForecastOptions,
    extra: RunningQuery | undefined,
    out: ClusterForecast,
  ): ClusterForecast {
    if (this.mode === 'incremental' && options.metric === 'binary') {
      const b = this.binary;
      const done = cluster.execution.forecastBinary(
        now,
        options.triggerSlo === true,
        options.minArrivalS ?? Number.NEGATIVE_INFINITY,
        extra,
        b,
      );
      if (done) {
        out.violationSum = b.violations;
        out.count = b.count;
        out.drainEndS = b.drainEndS;
        out.extraLatencyS = b.extraLatencyS;
        return out;
      }
    }
    return this.walk(cluster, now, options, extra, out);
  }

  /** The exact forecast: every query's predicted completion, one by one. */
  private walk(
    cluster: Cluster,
    now: number,
    options: ForecastOptions,
    extra: RunningQuery | undefined,
    out: ClusterForecast,
  ): ClusterForecast {
    const buf = this.buffer;
    cluster.execution.predict(now, buf, extra);
    const minArrival = options.minArrivalS ?? Number.NEGATIVE_INFINITY;
    const trigger = options.triggerSlo === true;
    let sum = 0;
    let count = 0;
    out.extraLatencyS = Number.NaN;
    for (let i = 0; i < buf.count; i++) {
      const q = buf.queries[i] as RunningQuery;
      const latency = (buf.completionS[i] as number) - q.arrivalS;
      if (q === extra) out.extraLatencyS = latency;
      if (q.arrivalS < minArrival) continue;
      sum += perQueryViolation(options.metric, latency, trigger ? q.triggerSloS : q.sloS);
      count++;
    }
    out.violationSum = sum;
    out.count = count;
    out.drainEndS = buf.count > 0 ? Math.max(now, buf.completionS[buf.count - 1] as number) : now;
    return out;
  }

  completions(
    cluster: Cluster,
    now: number,
    visit: (q: RunningQuery, completionS: number) => void,
  ) {
    const buf = this.buffer;
    cluster.execution.predict(now, buf);
    for (let i = 0; i < buf.count; i++)
      visit(buf.queries[i] as RunningQuery, buf.completionS[i] as number);
  }
}

export class IsolatedPredictor implements LatencyPredictor {
  readonly concurrencyAware = false;

  forecast(
    cluster: Cluster,
    now: number,
    options: ForecastOptions,
    extra: RunningQuery | undefined,
    out: ClusterForecast,
  ): ClusterForecast {
    const minArrival = options.minArrivalS ?? Number.NEGATIVE_INFINITY;
    const trigger = options.triggerSlo === true;
    let sum = 0;
    let count = 0;
    let drainEnd = now;
    const visit = (q: RunningQuery) => {
      const latency = q.predictedWorkS;
      drainEnd = Math.max(drainEnd, q.arrivalS + latency);
      if (q.arrivalS < minArrival) return;
      sum += perQueryViolation(options.metric, latency, trigger ? q.triggerSloS : q.sloS);
      count++;
    };
    for (const q of cluster.execution.queries()) visit(q);
    if (extra) visit(extra);
    out.violationSum = sum;
    out.count = count;
    out.drainEndS = drainEnd;
    out.extraLatencyS = extra ? extra.predictedWorkS : Number.NaN;
    return out;
  }

  completions(
    cluster: Cluster,
    now: number,
    visit: (q: RunningQuery, completionS: number) => void,
  ) {
    for (const q of cluster.execution.queries())
      visit(q, Math.max(now, q.arrivalS + q.predictedWorkS));
  }
}
