/**
 * Loads a run directory (simulated or live) and scores it under any SLO resolver:
 * violations from the structured log's per-query latencies, cost from the billing
 * analysis (simulated) or Redshift's usage rows (live).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, pathExists } from '@autoslo/config';
import { parse } from 'yaml';
import { DEFAULT_PRICE_PER_RPU_HOUR } from '../billing/billing-rules.js';
import { STRUCTURED_LOG_FILENAME } from '../log/log-event-types.js';
import { readStructuredLog } from '../log/read-structured-log.js';
import type { StructuredLog } from '../log/structured-log.js';
import { SloResolver, type SloResolverSettings } from '../slo/slo-resolver.js';
import {
  BILLING_ANALYSIS_FILENAME,
  readBillingIntervalAnalysis,
  totalBilledCost,
} from './billing-interval-analysis.js';
import type { ExecutionResult, ExecutionSummary } from './execution-summary.js';
import { listUsageFiles, liveCost } from './live-cost.js';
import { extractQueryLatencies } from './query-latencies.js';
import { selectQueryWindow, type WindowOptions } from './query-window.js';
import { summarizeViolations } from './summarize-queries.js';

export const EXECUTION_CONFIG_FILENAME = 'execution_config.yml';

export interface LoadExecutionResultOptions extends WindowOptions {
  /** Data directory, for the SLO table the run's own config names. */
  readonly dataDir: string;
  /** Score under these SLOs instead of the run's own `slo_resolver_config`. */
  readonly resolver?: SloResolver;
}

interface RunConfigFacts {
  readonly sloResolverConfig: SloResolverSettings;
  readonly pricePerRpuHour: number;
}

/** The two facts a result needs from the run's `execution_config.yml`. */
async function readRunConfig(file: string): Promise<RunConfigFacts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError({
      file,
      message: 'missing: a run directory holds the execution_config.yml it ran',
    });
  }
  const doc = parse(text, { merge: true }) as Record<string, unknown> | null;
  const slo = (doc?.slo_resolver_config ?? {}) as SloResolverSettings;
  const provisioner = (doc?.provisioner_config ?? {}) as { price_per_rpu_hour?: unknown };
  const price = provisioner.price_per_rpu_hour;
  return {
    sloResolverConfig: slo,
    pricePerRpuHour: typeof price === 'number' ? price : DEFAULT_PRICE_PER_RPU_HOUR,
  };
}

/** Run epoch (Unix seconds) of a live log: wall clock minus relative time of `run_start`. */
function runEpochS(log: StructuredLog): number | null {
  const [first] = log.indicesOf('run_start');
  if (first === undefined) return null;
  const wall = log.wallClockS(first);
  return wall === null ? null : wall - log.relTimeS(first);
}

/** Whether the log's `run_start` says the run was closed-loop (null when it does not say). */
export function isClosedLoop(log: StructuredLog): boolean | null {
  const [first] = log.indicesOf('run_start');
  if (first === undefined) return null;
  const flag = log.details(first)?.closed_loop;
  return typeof flag === 'boolean' ? flag : null;
}

/**
 * Loads and scores a run directory.
 * @throws InputError when a file is missing or malformed, or a live run has no usage
 *   files yet (stats not collected).
 */
export async function loadExecutionResult(
  runDir: string,
  options: LoadExecutionResultOptions,
): Promise<ExecutionResult> {
  const config = await readRunConfig(join(runDir, EXECUTION_CONFIG_FILENAME));
  const resolver =
    options.resolver ?? SloResolver.fromConfig(config.sloResolverConfig, options.dataDir);
  const logFile = join(runDir, STRUCTURED_LOG_FILENAME);
  const log = await readStructuredLog(logFile);
  const all = extractQueryLatencies(log, { file: logFile });
  const window = selectQueryWindow(all, log, options);
  const warnings = [...window.warnings];
  const billingFile = join(runDir, BILLING_ANALYSIS_FILENAME);
  let kind: ExecutionResult['kind'];
  let totalCost: number;
  if (await pathExists(billingFile)) {
    kind = 'simulated';
    totalCost = totalBilledCost(await readBillingIntervalAnalysis(billingFile));
  } else {
    kind = 'live';
    if ((await listUsageFiles(runDir)).length === 0) {
      throw new InputError({
        file: runDir,
        message: `neither ${BILLING_ANALYSIS_FILENAME} nor sys_serverless_usage+*.parquet: stats not collected yet`,
      });
    }
    const windowed = (options.tailFraction ?? 1) < 1 || (options.minClusterIndex ?? null) !== null;
    let fromEpochMs: number | null = null;
    if (windowed && window.startS !== null) {
      const epoch = runEpochS(log);
      if (epoch === null) warnings.push('no wall clock on run_start: usage rows are not windowed');
      else fromEpochMs = (epoch + window.startS) * 1000;
    }
    totalCost = (await liveCost(runDir, { fromEpochMs, pricePerRpuHour: config.pricePerRpuHour }))
      .cost;
    let failed = 0;
    for (let i = 0; i < window.queries.length; i++) if (window.queries.success[i] === 0) failed++;
    if (failed > 0) warnings.push(`${failed} queries were aborted or failed`);
  }
  let lastCompletion = 0;
  for (let i = 0; i < all.length; i++)
    lastCompletion = Math.max(lastCompletion, all.completionS[i] as number);
  return {
    ...summarizeViolations(window.queries, resolver),
    total_cost: totalCost,
    num_queries: window.queries.length,
    total_rel_time_s: lastCompletion,
    tail_fraction: options.tailFraction ?? 1,
    min_cluster_index: options.minClusterIndex ?? null,
    execution_dir: runDir,
    kind,
    queries: window.queries,
    warnings,
  };
}

/** The summary fields alone (what is passed between threads and written to YAML). */
export function toExecutionSummary(result: ExecutionSummary): ExecutionSummary {
  return {
    violation_rate: result.violation_rate,
    violation_amount_s: result.violation_amount_s,
    violation_relative_mean: result.violation_relative_mean,
    total_cost: result.total_cost,
    num_queries: result.num_queries,
    total_rel_time_s: result.total_rel_time_s,
    tail_fraction: result.tail_fraction,
    min_cluster_index: result.min_cluster_index,
  };
}
