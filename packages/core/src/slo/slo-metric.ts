/**
 * The four per-query SLO metrics and their aggregation (the mean over queries, as in the
 * reference's newest code; an empty set aggregates to 0).
 */
import { InputError } from '@autoslo/config';

export const SLO_METRIC_NAMES = [
  'binary',
  'absolute_s',
  'relative',
  'relative_unconstrained',
] as const;
export type SloMetricName = (typeof SLO_METRIC_NAMES)[number];

export function isSloMetricName(value: unknown): value is SloMetricName {
  return typeof value === 'string' && (SLO_METRIC_NAMES as readonly string[]).includes(value);
}

/**
 * Validates a metric name read from a config.
 * @throws InputError naming the accepted values.
 */
export function parseSloMetricName(value: unknown, path = 'slo_metric'): SloMetricName {
  if (isSloMetricName(value)) return value;
  throw new InputError({
    path,
    message: 'unknown SLO metric',
    expected: SLO_METRIC_NAMES.join(' | '),
    received: String(value),
  });
}

/**
 * Violation of one query with latency `latencyS` against SLO `sloS`:
 * binary 1[L > S]; absolute_s max(0, L − S); relative max(0, (L − S)/S);
 * relative_unconstrained (L − S)/S. Relative to a zero SLO, any positive latency is an
 * infinite overshoot (the reference required S > 0; a zero default SLO is legal in configs).
 */
export function perQueryViolation(metric: SloMetricName, latencyS: number, sloS: number): number {
  switch (metric) {
    case 'binary':
      return latencyS > sloS ? 1 : 0;
    case 'absolute_s':
      return latencyS > sloS ? latencyS - sloS : 0;
    case 'relative':
      if (sloS <= 0) return latencyS > sloS ? Number.POSITIVE_INFINITY : 0;
      return latencyS > sloS ? (latencyS - sloS) / sloS : 0;
    case 'relative_unconstrained':
      if (sloS <= 0) return latencyS > sloS ? Number.POSITIVE_INFINITY : 0;
      return (latencyS - sloS) / sloS;
  }
}

/** Mean of per-query violations; 0 for none. */
export function meanViolation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  return sum / n;
}

/** The running "sum / count" form of the mean, for callers that see queries one by one. */
export class ViolationMean {
  sum = 0;
  count = 0;

  add(value: number): void {
    this.sum += value;
    this.count += 1;
  }

  remove(value: number): void {
    this.sum -= value;
    this.count -= 1;
  }

  /** The mean so far; 0 when empty. */
  value(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The mean if `value` were added, without changing state. */
  valueIfAdded(value: number): number {
    return (this.sum + value) / (this.count + 1);
  }
}
