/**
 * The five triggers (reference §5.4). Evidence counts only queries that arrived at or
 * after `readySince` (the most recent cluster became ready), so a trigger judges only
 * what happened since the last scale-up.
 */
import type { Cluster } from '../cluster/cluster.js';
import {
  type ClusterForecast,
  ConcurrencyAwarePredictor,
  emptyForecast,
} from '../latency/latency-predictor.js';
import type { AutoscalerSettings } from './autoscaler-settings.js';
import type { TrailingWindow } from './trailing-window.js';

export interface TriggerVerdict {
  readonly fired: boolean;
  readonly observations: number;
  readonly violation: number;
}

interface Cached {
  version: number;
  readySince: number;
  forecast: ClusterForecast;
}

export class TriggerEvaluator {
  private readonly predictor = new ConcurrencyAwarePredictor();
  private readonly cache = new Map<Cluster, Cached>();

  constructor(private readonly settings: AutoscalerSettings) {}

  /** Active post-ready queries on a cluster, judged by predicted latency vs trigger SLO. */
  private activeOf(cluster: Cluster, now: number, readySince: number): ClusterForecast {
    let c = this.cache.get(cluster);
    if (c !== undefined && c.version === cluster.version && c.readySince === readySince)
      return c.forecast;
    if (c === undefined) {
      c = { version: -1, readySince, forecast: emptyForecast() };
      this.cache.set(cluster, c);
    }
    this.predictor.forecast(
      cluster,
      now,
      { metric: this.settings.triggerObjective.metric, triggerSlo: true, minArrivalS: readySince },
      undefined,
      c.forecast,
    );
    c.version = cluster.version;
    c.readySince = readySince;
    return c.forecast;
  }

  evaluate(
    ready: readonly Cluster[],
    window: TrailingWindow,
    now: number,
    readySince: number,
  ): TriggerVerdict {
    const s = this.settings;
    const trigger = s.trigger;
    if (trigger === 'noop') return { fired: false, observations: 0, violation: 0 };
    let activeSum = 0;
    let activeCount = 0;
    if (trigger !== 'observed_violations') {
      for (const c of ready) {
        const f = this.activeOf(c, now, readySince);
        activeSum += f.violationSum;
        activeCount += f.count;
      }
    }
    let doneSum = 0;
    let doneCount = 0;
    if (
      trigger === 'observed_violations' ||
      trigger === 'combined_violations' ||
      trigger === 'queue_depth'
    ) {
      const observed = window.observedSince(readySince);
      doneSum = observed.sum;
      doneCount = observed.count;
    }
    const observations = trigger === 'observed_violations' ? doneCount : activeCount + doneCount;
    if (s.minObservationsToAct > 0 && observations < s.minObservationsToAct) {
      return { fired: false, observations, violation: 0 };
    }
    if (trigger === 'queue_depth') {
      return {
        fired: activeCount >= s.queueLengthForTrigger,
        observations,
        violation: activeCount,
      };
    }
    let sum = 0;
    let count = 0;
    if (trigger !== 'observed_violations') {
      sum += activeSum;
      count += activeCount;
    }
    if (trigger !== 'predicted_violations') {
      sum += doneSum;
      count += doneCount;
    }
    const violation = count === 0 ? 0 : sum / count;
    return { fired: !s.triggerObjective.isMet(violation), observations, violation };
  }
}
