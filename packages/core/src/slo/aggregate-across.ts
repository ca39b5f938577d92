/**
 * Aggregation of one metric across scenarios: `mean`, `max` or `pNN` (NumPy's default,
 * linearly interpolated quantile). The tuner applies it to each metric independently.
 */
import { InputError } from '@autoslo/config';
import { quantileOfSorted } from '@autoslo/workload';

export type AggregationMethod = 'mean' | 'max' | `p${number}`;

const PERCENTILE = /^p(\d+(?:\.\d+)?)$/;

/** The NN of a `pNN` name (0..100), or null for anything else. */
export function percentileOf(name: string): number | null {
  const match = PERCENTILE.exec(name);
  const p = match ? Number(match[1]) : Number.NaN;
  return p <= 100 ? p : null;
}

/**
 * Validates an aggregation method name (`mean`, `max`, `p0`..`p100`).
 * @throws InputError for anything else.
 */
export function parseAggregationMethod(
  value: unknown,
  path = 'aggregation_method',
): AggregationMethod {
  if (value === 'mean' || value === 'max') return value;
  if (typeof value === 'string' && percentileOf(value) !== null) return value as AggregationMethod;
  throw new InputError({
    path,
    message: 'unknown aggregation method',
    expected: 'mean | max | pNN (0 <= NN <= 100)',
    received: String(value),
  });
}

/** The q-quantile (0..1) of `values` with linear interpolation, as `numpy.quantile`; 0 for none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  return quantileOfSorted(Float64Array.from(values).sort(), q);
}

/** Aggregates values by `mean`, `max` or `pNN`; an empty list gives 0. */
export function aggregateAcross(
  values: ArrayLike<number>,
  method: AggregationMethod | string,
): number {
  const checked = parseAggregationMethod(method);
  const n = values.length;
  if (n === 0) return 0;
  if (checked === 'mean') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i] as number;
    return sum / n;
  }
  if (checked === 'max') {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) max = Math.max(max, values[i] as number);
    return max;
  }
  return quantile(values, Number(checked.slice(1)) / 100);
}
