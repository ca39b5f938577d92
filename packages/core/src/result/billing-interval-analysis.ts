/**
 * `billing_interval_analysis.yml`: per-cluster billing of a simulated run, in the
 * reference's layout (cluster name -> counts, billed seconds, prices and the billed
 * intervals). The run's simulated cost is the sum of `total_billed_cost`.
 */
import { readFile } from 'node:fs/promises';
import { InputError, writeFileAtomic } from '@autoslo/config';
import { Document, isPair, isScalar, parse, visit } from 'yaml';
import type { BilledInterval } from '../billing/billing-accumulator.js';
import { costPerSecond, DEFAULT_PRICE_PER_RPU_HOUR } from '../billing/billing-rules.js';

export const BILLING_ANALYSIS_FILENAME = 'billing_interval_analysis.yml';

/** What the simulator knows about one cluster at the end of a run. */
export interface ClusterBillingInput {
  readonly name: string;
  readonly rpu: number;
  readonly numCompletedQueries: number;
  /** Billed groups, e.g. `BillingAccumulator.intervals()`. */
  readonly intervals: readonly BilledInterval[];
}

export interface ClusterBillingAnalysis {
  num_completed_queries: number;
  num_billed_intervals: number;
  total_billed_time_s: number;
  cluster_cost_per_second: number;
  total_billed_cost: number;
  billed_intervals: { start_s: number; end_s: number }[];
}

export type BillingIntervalAnalysis = Record<string, ClusterBillingAnalysis>;

/** Builds the per-cluster analysis; clusters in the order given. */
export function buildBillingIntervalAnalysis(
  clusters: readonly ClusterBillingInput[],
  pricePerRpuHour = DEFAULT_PRICE_PER_RPU_HOUR,
): BillingIntervalAnalysis {
  const analysis: BillingIntervalAnalysis = {};
  for (const cluster of clusters) {
    const perSecond = costPerSecond(cluster.rpu, pricePerRpuHour);
    let billed = 0;
    for (const interval of cluster.intervals) billed += interval.billed_s;
    analysis[cluster.name] = {
      num_completed_queries: cluster.numCompletedQueries,
      num_billed_intervals: cluster.intervals.length,
      total_billed_time_s: billed,
      cluster_cost_per_second: perSecond,
      total_billed_cost: billed * perSecond,
      billed_intervals: cluster.intervals.map((i) => ({ start_s: i.start_s, end_s: i.end_s })),
    };
  }
  return analysis;
}

/** Fields the reference wrote as Python floats (`0.0`, not `0`). */
const FLOAT_KEYS = new Set(['start_s', 'end_s', 'cluster_cost_per_second', 'total_billed_cost']);

/** The YAML text of an analysis as PyYAML wrote it (block style, keys in order, `- ` flush). */
export function formatBillingIntervalAnalysis(analysis: BillingIntervalAnalysis): string {
  if (Object.keys(analysis).length === 0) return '{}\n';
  const doc = new Document(analysis);
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && isScalar(pair.value)) {
        if (FLOAT_KEYS.has(String(pair.key.value))) pair.value.minFractionDigits = 1;
      }
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: false });
}

/** Writes `billing_interval_analysis.yml` atomically. */
export async function writeBillingIntervalAnalysis(
  path: string,
  analysis: BillingIntervalAnalysis,
): Promise<void> {
  await writeFileAtomic(path, formatBillingIntervalAnalysis(analysis));
}

/**
 * Reads an analysis file.
 * @throws InputError when it is missing or a cluster lacks a numeric `total_billed_cost`.
 */
export async function readBillingIntervalAnalysis(path: string): Promise<BillingIntervalAnalysis> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError({
      file: path,
      message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
  }
  const doc: unknown = parse(text);
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError({ file: path, message: 'expected a mapping of cluster name -> billing' });
  }
  for (const [name, entry] of Object.entries(doc as Record<string, unknown>)) {
    const cost = (entry as { total_billed_cost?: unknown } | null)?.total_billed_cost;
    if (typeof cost !== 'number' || !Number.isFinite(cost)) {
      throw new InputError({
        file: path,
        path: `${name}.total_billed_cost`,
        message: 'must be a number',
      });
    }
  }
  return doc as BillingIntervalAnalysis;
}

/** Sum of `total_billed_cost` over clusters. */
export function totalBilledCost(analysis: BillingIntervalAnalysis): number {
  let total = 0;
  for (const entry of Object.values(analysis)) total += entry.total_billed_cost;
  return total;
}
