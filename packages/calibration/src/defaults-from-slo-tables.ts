/**
 * What the project's own measurements say about the latency model's defaults: the
 * reference's SLO tables hold, per template, the p50, mean and p100 of isolated latencies
 * measured in a closed-loop run (no concurrency). Under the model's log-normal noise with
 * mean 1, `mean / p50 = exp(sigma^2 / 2)` for every template, so each template gives one
 * estimate of sigma^2 and their median gives the noise CV; the p50s give a typical
 * isolated latency. One run at one RPU size without concurrency cannot say anything about
 * the RPU exponent, the parallelism or the admission limit.
 */
import { quantileOfSorted } from '@autoslo/workload';

export interface SloTableDerivation {
  readonly templates: number;
  /** Median over templates of p100 / p50. */
  readonly medianP100OverP50: number;
  readonly maxP100OverP50: number;
  /** Median over templates of mean / p50. */
  readonly medianMeanOverP50: number;
  /** Noise CV from the median per-template sigma^2 = 2 ln(mean / p50). */
  readonly noiseCv: number;
  /** Median p50 isolated latency over templates, seconds. */
  readonly medianIsolatedLatencyS: number;
}

const median = (values: number[]) =>
  quantileOfSorted(
    values.sort((a, b) => a - b),
    0.5,
  );

export function deriveFromSloTables(
  p50: ReadonlyMap<string, number>,
  mean: ReadonlyMap<string, number>,
  p100: ReadonlyMap<string, number>,
): SloTableDerivation {
  const ids = [...p50.keys()].filter((id) => mean.has(id) && p100.has(id));
  const ratio = ids.map((id) => (p100.get(id) as number) / (p50.get(id) as number));
  const meanRatio = ids.map((id) => (mean.get(id) as number) / (p50.get(id) as number));
  const sigma2 = median(meanRatio.map((r) => (r > 1 ? 2 * Math.log(r) : 0)));
  return {
    templates: ids.length,
    medianP100OverP50: median([...ratio]),
    maxP100OverP50: Math.max(...ratio),
    medianMeanOverP50: median([...meanRatio]),
    noiseCv: Math.sqrt(Math.exp(sigma2) - 1),
    medianIsolatedLatencyS: median(ids.map((id) => p50.get(id) as number)),
  };
}
