/**
 * The files of a simulator run directory, written aside and renamed into place so an
 * interrupted run never looks complete: `execution_config.yml`, `structured_log.parquet`,
 * `billing_interval_analysis.yml`, `mapping.yml`, `summary.yml`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDirAtomic } from '@autoslo/config';
import {
  BILLING_ANALYSIS_FILENAME,
  BillingAccumulator,
  type BillingIntervalAnalysis,
  buildBillingIntervalAnalysis,
  formatBillingIntervalAnalysis,
  STRUCTURED_LOG_FILENAME,
} from '@autoslo/core';
import { stringify } from 'yaml';
import type { SimulationOutcome } from './simulate.js';

export const RUN_FILES = {
  config: 'execution_config.yml',
  log: STRUCTURED_LOG_FILENAME,
  billing: BILLING_ANALYSIS_FILENAME,
  mapping: 'mapping.yml',
  summary: 'summary.yml',
} as const;

/** Per cluster: completed queries, billed intervals, billed seconds and cost (reference layout). */
export function billingAnalysis(outcome: SimulationOutcome): BillingIntervalAnalysis {
  const cp = outcome.controlPlane;
  return buildBillingIntervalAnalysis(
    [...cp.pool.all()].map((c) => ({
      name: c.name,
      rpu: c.rpu,
      numCompletedQueries: c.completedQueries,
      intervals: c.billing instanceof BillingAccumulator ? c.billing.intervals() : [],
    })),
    cp.pricePerRpuHour,
  );
}

/** `index: cluster` lines, built in chunks (a million-query run has a million lines). */
function mappingYaml(mapping: readonly string[]): Buffer {
  const chunks: Buffer[] = [];
  for (let start = 0; start < mapping.length; start += 65536) {
    let text = '';
    const end = Math.min(mapping.length, start + 65536);
    for (let i = start; i < end; i++) text += `${i}: ${mapping[i] ?? 'null'}\n`;
    chunks.push(Buffer.from(text));
  }
  return Buffer.concat(chunks);
}

export async function writeRunDirectory(
  outDir: string,
  config: unknown,
  outcome: SimulationOutcome,
  /** The encoded structured log (default: `outcome.log` encoded now). */
  logBytes?: Uint8Array,
): Promise<void> {
  const log = logBytes ?? outcome.log?.toParquet();
  await writeDirAtomic(outDir, async (tmp) => {
    await writeFile(join(tmp, RUN_FILES.config), stringify(config));
    if (log) await writeFile(join(tmp, RUN_FILES.log), log);
    await writeFile(
      join(tmp, RUN_FILES.billing),
      formatBillingIntervalAnalysis(billingAnalysis(outcome)),
    );
    await writeFile(join(tmp, RUN_FILES.mapping), mappingYaml(outcome.mapping));
    await writeFile(
      join(tmp, RUN_FILES.summary),
      stringify({
        workload_id: outcome.workloadId,
        ...outcome.summary,
        num_events: outcome.events,
      }),
    );
  });
}
