/**
 * SLO tables from a run's per-query latencies (reference `slo_table.py`): per template,
 * a baseline (mean, or the P-th percentile; p100 is the maximum) times κ, rounded to
 * 3 decimals. The run should be closed-loop, so latencies reflect isolated execution.
 */
import { join } from 'node:path';
import { InputError, writeFileAtomic } from '@autoslo/config';
import { STRUCTURED_LOG_FILENAME } from '../log/log-event-types.js';
import { readStructuredLog } from '../log/read-structured-log.js';
import type { StructuredLog } from '../log/structured-log.js';
import { isClosedLoop } from '../result/load-execution-result.js';
import { extractQueryLatencies } from '../result/query-latencies.js';
import { percentileOf, quantile } from './aggregate-across.js';
import { roundDecimals } from './round-decimals.js';
import { formatSloTable, type SloTableContent, sloTableFilename } from './slo-table-format.js';
import { templateIdOf } from './template-id.js';

/** `mean`, or `pNN` (p100 = max, p50 = median). */
export type SloTableAggregation = 'mean' | `p${number}`;

/** The reference's defaults: mean, p50, p100 × κ ∈ {1, 2, 3, 4, 5, 8, 10}. */
export const DEFAULT_SLO_TABLE_AGGREGATIONS: readonly SloTableAggregation[] = [
  'mean',
  'p50',
  'p100',
];
export const DEFAULT_SLO_TABLE_MULTIPLIERS: readonly number[] = [1, 2, 3, 4, 5, 8, 10];

export function parseSloTableAggregation(value: string): SloTableAggregation {
  if (value === 'mean') return value;
  if (percentileOf(value) !== null) return value as SloTableAggregation;
  throw new InputError({
    path: 'agg',
    message: 'unknown aggregation',
    expected: 'mean | p50 | p100 | pNN',
    received: value,
  });
}

export interface BuiltSloTable {
  readonly filename: string;
  readonly content: SloTableContent;
  readonly text: string;
}

/** Latencies grouped by template id, templates in numeric order. */
export function latenciesByTemplate(
  queryTextIds: readonly (string | null)[],
  latenciesS: ArrayLike<number>,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < queryTextIds.length; i++) {
    const template = templateIdOf(queryTextIds[i]);
    if (template === null) continue;
    let list = groups.get(template);
    if (list === undefined) {
      list = [];
      groups.set(template, list);
    }
    list.push(latenciesS[i] as number);
  }
  const order = [...groups.keys()].sort(compareTemplates);
  return new Map(order.map((t) => [t, groups.get(t) as number[]]));
}

function compareTemplates(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseline(values: readonly number[], aggregation: SloTableAggregation): number {
  if (aggregation === 'mean') {
    let sum = 0;
    for (const v of values) sum += v;
    return sum / values.length;
  }
  return quantile(values, Number(aggregation.slice(1)) / 100);
}

/** One table per (aggregation, κ), in that nesting order. */
export function buildSloTables(options: {
  readonly runId: string;
  readonly latencies: ReadonlyMap<string, readonly number[]>;
  readonly aggregations: readonly SloTableAggregation[];
  readonly multipliers: readonly number[];
}): BuiltSloTable[] {
  const tables: BuiltSloTable[] = [];
  for (const aggregation of options.aggregations) {
    const baselines = new Map<string, number>();
    for (const [template, values] of options.latencies) {
      if (values.length > 0) baselines.set(template, baseline(values, aggregation));
    }
    for (const k of options.multipliers) {
      if (!(k > 0) || !Number.isFinite(k)) {
        throw new InputError({
          path: 'k',
          message: 'a multiplier must be a positive number',
          received: String(k),
        });
      }
      const sloDict = new Map<string, number>();
      for (const [template, b] of baselines) sloDict.set(template, roundDecimals(b * k, 3));
      const content: SloTableContent = {
        run_id: options.runId,
        agg_method: aggregation,
        multiplier: k,
        slo_dict: sloDict,
      };
      tables.push({
        filename: sloTableFilename(options.runId, aggregation, k),
        content,
        text: formatSloTable(content),
      });
    }
  }
  return tables;
}

/** Tables from a structured log's completed, successful queries (exact latencies). */
export function buildSloTablesFromLog(
  log: StructuredLog,
  options: {
    runId: string;
    aggregations: readonly SloTableAggregation[];
    multipliers: readonly number[];
  },
): { tables: BuiltSloTable[]; warnings: string[] } {
  const queries = extractQueryLatencies(log, { exact: true });
  const ids: (string | null)[] = [];
  const latencies: number[] = [];
  for (let i = 0; i < queries.length; i++) {
    if (queries.success[i] === 0) continue;
    ids.push(queries.queryTextId[i] ?? null);
    latencies.push(queries.latencyS[i] as number);
  }
  const warnings: string[] = [];
  if (isClosedLoop(log) !== true) {
    warnings.push(
      'the run is not marked closed-loop: latencies may include queueing and interference',
    );
  }
  const byTemplate = latenciesByTemplate(ids, latencies);
  if (byTemplate.size === 0)
    warnings.push('no completed query with a template id: the tables are empty');
  return {
    tables: buildSloTables({
      runId: options.runId,
      latencies: byTemplate,
      aggregations: options.aggregations,
      multipliers: options.multipliers,
    }),
    warnings,
  };
}

/**
 * Reads `<runDir>/structured_log.parquet`, builds the tables and writes each to `outDir`
 * atomically. Returns the written paths.
 */
export async function writeSloTablesFromRun(
  runDir: string,
  options: {
    runId: string;
    outDir: string;
    aggregations: readonly SloTableAggregation[];
    multipliers: readonly number[];
  },
): Promise<{ files: string[]; warnings: string[]; numTemplates: number }> {
  const log = await readStructuredLog(join(runDir, STRUCTURED_LOG_FILENAME));
  const { tables, warnings } = buildSloTablesFromLog(log, options);
  const files: string[] = [];
  for (const table of tables) {
    const file = join(options.outDir, table.filename);
    await writeFileAtomic(file, table.text);
    files.push(file);
  }
  return { files, warnings, numTemplates: tables[0]?.content.slo_dict.size ?? 0 };
}
