/**
 * A model's replay of a measured run set beside the measurement: per-query absolute
 * percentage error of latency (median, p90), per-template medians, and the run-level
 * figures a user acts on (SLO violation rate, cost).
 */
import { templateIdOf } from '@autoslo/core';
import { type MeasuredLatencies, quantileOfSorted } from '@autoslo/workload';
import { type LatencyModel, replayMeasuredRun } from './replay.js';

export interface TemplateError {
  readonly queryTextId: string;
  readonly queries: number;
  readonly medianMeasuredS: number;
  readonly medianPredictedS: number;
  readonly medianApe: number;
}

export interface RunComparison {
  readonly runId: string;
  readonly queries: number;
  /** Absolute percentage error of the model's expected latency (noise off), as a fraction. */
  readonly medianApe: number;
  readonly p90Ape: number;
  readonly templates: readonly TemplateError[];
  /** With the model's noise, as `simulate` would run it. */
  readonly violationRate: { readonly measured: number; readonly predicted: number } | null;
  readonly cost: { readonly measured: number; readonly predicted: number };
  readonly unknownTemplates: number;
  /** Per query: measured and expected latency, for the predicted-vs-measured plot. */
  readonly points: { readonly measuredS: Float64Array; readonly predictedS: Float64Array };
}

export interface CompareOptions {
  /** SLO per template id (`'042'`, seconds); queries of other templates are not counted. */
  readonly slos?: ReadonlyMap<string, number>;
  readonly pricePerRpuHour?: number;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return quantileOfSorted(values, 0.5);
}

export function compareRun(
  runId: string,
  table: MeasuredLatencies,
  model: LatencyModel,
  options: CompareOptions = {},
): RunComparison {
  const price =
    options.pricePerRpuHour === undefined ? {} : { pricePerRpuHour: options.pricePerRpuHour };
  const expected = replayMeasuredRun(table, model, { noise: false, ...price });
  const noisy =
    model.settings.noiseCv > 0
      ? replayMeasuredRun(table, model, { noise: true, ...price })
      : expected;
  const n = expected.rows.length;
  const ape = new Float64Array(n);
  const byTemplate = new Map<string, { m: number[]; p: number[]; e: number[] }>();
  for (let k = 0; k < n; k++) {
    const m = expected.measuredS[k] as number;
    const p = expected.predictedS[k] as number;
    ape[k] = Math.abs(p - m) / Math.max(m, 1e-3);
    const id = table.queryTextId[expected.rows[k] as number] as string;
    const entry = byTemplate.get(id) ?? { m: [], p: [], e: [] };
    entry.m.push(m);
    entry.p.push(p);
    entry.e.push(ape[k] as number);
    byTemplate.set(id, entry);
  }
  const sortedApe = Float64Array.from(ape).sort();
  let violationRate: RunComparison['violationRate'] = null;
  if (options.slos) {
    let counted = 0;
    let measured = 0;
    let predicted = 0;
    for (let k = 0; k < n; k++) {
      const slo = options.slos.get(templateIdOf(table.queryTextId[noisy.rows[k] as number]) ?? '');
      if (slo === undefined) continue;
      counted++;
      if ((noisy.measuredS[k] as number) > slo) measured++;
      if ((noisy.predictedS[k] as number) > slo) predicted++;
    }
    if (counted > 0)
      violationRate = { measured: measured / counted, predicted: predicted / counted };
  }
  return {
    runId,
    queries: n,
    medianApe: n > 0 ? quantileOfSorted(sortedApe, 0.5) : Number.NaN,
    p90Ape: n > 0 ? quantileOfSorted(sortedApe, 0.9) : Number.NaN,
    templates: [...byTemplate.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([id, e]) => ({
        queryTextId: id,
        queries: e.m.length,
        medianMeasuredS: median(e.m),
        medianPredictedS: median(e.p),
        medianApe: median(e.e),
      })),
    violationRate,
    cost: { measured: noisy.measuredCost, predicted: noisy.predictedCost },
    unknownTemplates: expected.unknownTemplates,
    points: { measuredS: expected.measuredS, predictedS: expected.predictedS },
  };
}
