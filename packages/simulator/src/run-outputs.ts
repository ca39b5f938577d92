/**
 * The files of a simulator run directory, written aside and renamed into place so an
 * interrupted run never looks complete: `execution_config.yml`, `structured_log.parquet`,
 * `billing_interval_analysis.yml`, `mapping.yml`, `summary.yml`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDirAtomic } from '@autoslo/config';
import { BillingAccumulator, costPerSecond, STRUCTURED_LOG_FILENAME } from '@autoslo/core';
import { stringify } from 'yaml';
import type { SimulationOutcome } from './simulate.js';

export const RUN_FILES = {
  config: 'execution_config.yml',
  log: STRUCTURED_LOG_FILENAME,
  billing: 'billing_interval_analysis.yml',
  mapping: 'mapping.yml',
  summary: 'summary.yml',
} as const;

/** Per cluster: completed queries, billed intervals, billed seconds and cost. */
export function billingAnalysis(outcome: SimulationOutcome): Record<string, unknown> {
  const cp = outcome.controlPlane;
  const out: Record<string, unknown> = {};
  for (const c of cp.pool.all()) {
    const intervals = c.billing instanceof BillingAccumulator ? c.billing.intervals() : [];
    const billed = c.billing.billedSeconds();
    const perS = costPerSecond(c.rpu, cp.pricePerRpuHour);
    out[c.name] = {
      rpu: c.rpu,
      num_completed_queries: c.completedQueries,
      num_billed_intervals: intervals.length,
      total_billed_seconds: billed,
      cost_per_second: perS,
      total_billed_cost: billed * perS,
      billed_intervals: intervals.map((i) => [i.start_s, i.end_s]),
    };
  }
  return out;
}

function mappingYaml(mapping: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < mapping.length; i++) parts.push(`${i}: ${mapping[i] ?? 'null'}\n`);
  return parts.join('');
}

export async function writeRunDirectory(
  outDir: string,
  config: unknown,
  outcome: SimulationOutcome,
): Promise<void> {
  await writeDirAtomic(outDir, async (tmp) => {
    await writeFile(join(tmp, RUN_FILES.config), stringify(config));
    if (outcome.log) await writeFile(join(tmp, RUN_FILES.log), outcome.log.toParquet());
    await writeFile(
      join(tmp, RUN_FILES.billing),
      stringify(billingAnalysis(outcome), { flow: false }),
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
