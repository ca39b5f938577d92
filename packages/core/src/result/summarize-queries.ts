/** Violation metrics of a set of completed queries under an SLO resolver. */
import { perQueryViolation } from '../slo/slo-metric.js';
import type { SloResolver } from '../slo/slo-resolver.js';
import type { QueryLatencies } from './query-latencies.js';

export interface ViolationMetrics {
  readonly violation_rate: number;
  readonly violation_amount_s: number;
  readonly violation_relative_mean: number;
}

/** Means over the queries of the binary, absolute and relative violations; zeros for none. */
export function summarizeViolations(
  queries: QueryLatencies,
  resolver: SloResolver,
): ViolationMetrics {
  const n = queries.length;
  if (n === 0) return { violation_rate: 0, violation_amount_s: 0, violation_relative_mean: 0 };
  let binary = 0;
  let absolute = 0;
  let relative = 0;
  for (let i = 0; i < n; i++) {
    const latency = queries.latencyS[i] as number;
    const slo = resolver.sloFor(queries.queryTextId[i]);
    binary += perQueryViolation('binary', latency, slo);
    absolute += perQueryViolation('absolute_s', latency, slo);
    relative += perQueryViolation('relative', latency, slo);
  }
  return {
    violation_rate: binary / n,
    violation_amount_s: absolute / n,
    violation_relative_mean: relative / n,
  };
}
