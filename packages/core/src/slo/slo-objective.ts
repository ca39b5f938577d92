/**
 * The SLO objective and the feasibility-first comparison of (violation, cost) pairs that
 * the router, the autoscaler and the tuner all decide by.
 */
import {
  meanViolation,
  parseSloMetricName,
  perQueryViolation,
  type SloMetricName,
} from './slo-metric.js';

/** Values closer than this count as equal, for violations and costs alike. */
export const COMPARISON_TOLERANCE = 1e-4;

/** Anything judged as a (violation, cost) pair. */
export interface Scored {
  readonly violation: number;
  readonly cost: number;
}

/** The `slo_objective_config` section as written in configs. */
export interface SloObjectiveSettings {
  readonly slo_metric: string;
  readonly slo_threshold: number;
}

/** Whether `violation` meets `threshold`, within the tolerance. */
export function isFeasible(violation: number, threshold: number): boolean {
  return violation <= threshold + COMPARISON_TOLERANCE;
}

function compareWithTolerance(a: number, b: number): number {
  const diff = a - b;
  if (Math.abs(diff) < COMPARISON_TOLERANCE) return 0;
  return diff < 0 ? -1 : 1;
}

/**
 * Orders two pairs: negative when `a` is better, positive when `b` is, 0 for a tie.
 * Both feasible: the cheaper wins. A feasible one beats an infeasible one. Both
 * infeasible: the lower violation wins, then the cheaper.
 */
export function cmp(a: Scored, b: Scored, threshold: number): number {
  const aFeasible = isFeasible(a.violation, threshold);
  const bFeasible = isFeasible(b.violation, threshold);
  if (aFeasible && bFeasible) return compareWithTolerance(a.cost, b.cost);
  if (aFeasible !== bFeasible) return aFeasible ? -1 : 1;
  const byViolation = compareWithTolerance(a.violation, b.violation);
  return byViolation !== 0 ? byViolation : compareWithTolerance(a.cost, b.cost);
}

/** Indices of `list` from best to worst; ties keep list order (stable sort). */
export function rankIndices(list: readonly Scored[], threshold: number): number[] {
  const indices = list.map((_, i) => i);
  return indices.sort((i, j) => cmp(list[i] as Scored, list[j] as Scored, threshold) || i - j);
}

/** Index of the first best element; -1 for an empty list. Ties go to the earlier element. */
export function idxOfBest(list: readonly Scored[], threshold: number): number {
  if (list.length === 0) return -1;
  let best = 0;
  for (let i = 1; i < list.length; i++) {
    if (cmp(list[i] as Scored, list[best] as Scored, threshold) < 0) best = i;
  }
  return best;
}

/** `SloObjective(metric, threshold)`: met when the aggregated violation ≤ threshold. */
export class SloObjective {
  constructor(
    readonly metric: SloMetricName,
    readonly threshold: number,
  ) {}

  /** @throws InputError for an unknown metric name. */
  static fromConfig(config: SloObjectiveSettings): SloObjective {
    return new SloObjective(
      parseSloMetricName(config.slo_metric, 'slo_objective_config.slo_metric'),
      config.slo_threshold,
    );
  }

  /** This objective's per-query violation. */
  violation(latencyS: number, sloS: number): number {
    return perQueryViolation(this.metric, latencyS, sloS);
  }

  /** Mean of per-query violations; 0 for none. */
  aggregate(values: ArrayLike<number>): number {
    return meanViolation(values);
  }

  /** Whether an aggregated violation meets the threshold (within the tolerance). */
  isMet(violation: number): boolean {
    return isFeasible(violation, this.threshold);
  }

  cmp(a: Scored, b: Scored): number {
    return cmp(a, b, this.threshold);
  }

  rankIndices(list: readonly Scored[]): number[] {
    return rankIndices(list, this.threshold);
  }

  idxOfBest(list: readonly Scored[]): number {
    return idxOfBest(list, this.threshold);
  }
}
