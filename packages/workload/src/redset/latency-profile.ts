/**
 * Isolated latency per template, written in the SLO table shape
 * (`run_id`, `agg_method`, `multiplier: 1`, `num_templates`, `slo_dict`), so the
 * SLO resolver and the latency model read it like any `data/slos/` file.
 */
import { InputError } from '@autoslo/config';
import { quantileOfSorted } from '../quantile.js';

export type ProfileAggregation = 'mean' | `p${number}`;

export interface LatencyProfile {
  run_id: string;
  agg_method: string;
  multiplier: number;
  num_templates: number;
  /** Seconds per 3-digit template id, rounded to milliseconds. */
  slo_dict: Record<string, number>;
}

/** Linear-interpolated percentile (numpy's default) of ascending `sorted`, `p` in [0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  return quantileOfSorted(sorted, p / 100);
}

export function aggregateLatencies(values: readonly number[], method: string): number {
  if (method === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const m = /^p(\d+(?:\.\d+)?)$/.exec(method);
  if (!m || Number(m[1]) > 100) {
    throw new InputError({
      path: 'agg',
      message: 'unknown aggregation',
      expected: 'mean or p0..p100',
      received: method,
    });
  }
  return percentile(
    [...values].sort((a, b) => a - b),
    Number(m[1]),
  );
}

/** A profile from latencies grouped by template id (`'001'`); values under 1 ms become 0.001. */
export function buildLatencyProfile(
  runId: string,
  byTemplate: ReadonlyMap<string, readonly number[]>,
  method: string,
): LatencyProfile {
  const slo_dict: Record<string, number> = {};
  for (const template of [...byTemplate.keys()].sort()) {
    const values = byTemplate.get(template) as readonly number[];
    if (values.length === 0) continue;
    slo_dict[template] = Math.max(
      0.001,
      Math.round(aggregateLatencies(values, method) * 1000) / 1000,
    );
  }
  return {
    run_id: runId,
    agg_method: method,
    multiplier: 1,
    num_templates: Object.keys(slo_dict).length,
    slo_dict,
  };
}

/** YAML text in the layout of the reference's SLO tables. */
export function latencyProfileYaml(profile: LatencyProfile): string {
  const lines = [
    `run_id: '${profile.run_id.replaceAll("'", "''")}'`,
    `agg_method: ${profile.agg_method}`,
    `multiplier: ${profile.multiplier}`,
    `num_templates: ${profile.num_templates}`,
    'slo_dict:',
    ...Object.entries(profile.slo_dict).map(
      ([k, v]) => `  '${k}': ${Number.isInteger(v) ? `${v}.0` : v}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
