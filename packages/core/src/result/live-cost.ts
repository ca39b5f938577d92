/**
 * Live cost from Redshift's own metering: the sum over `sys_serverless_usage+<cluster>.parquet`
 * of (charged_seconds + charged_extra_compute_for_automatic_optimization_seconds) / 3600 × price.
 * Charged seconds are RPU-seconds, so no RPU factor.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { type ParquetParsers, parquetMetadata, parquetRead } from 'hyparquet';
import { DEFAULT_PRICE_PER_RPU_HOUR } from '../billing/billing-rules.js';

export const USAGE_FILE_PREFIX = 'sys_serverless_usage+';

const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v: bigint | null) => (v == null ? null : Number(v)),
  timestampFromMicroseconds: (v: bigint | null) => (v == null ? null : Number(v) / 1e3),
  timestampFromNanoseconds: (v: bigint | null) => (v == null ? null : Number(v) / 1e6),
};

/** The usage files of a live run directory, sorted by name. */
export async function listUsageFiles(runDir: string): Promise<string[]> {
  const entries = await readdir(runDir);
  return entries
    .filter((f) => f.startsWith(USAGE_FILE_PREFIX) && f.endsWith('.parquet'))
    .sort()
    .map((f) => join(runDir, f));
}

/**
 * Charged RPU-seconds in one usage file, counting only rows whose `start_time` (epoch ms)
 * is at or after `fromEpochMs` when given.
 * @throws InputError when the file is unreadable or has no `charged_seconds`.
 */
export async function chargedSecondsOf(
  file: string,
  fromEpochMs: number | null = null,
): Promise<number> {
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new InputError({
      file,
      message: `not a readable Parquet file (${(error as Error).message})`,
    });
  }
  const present = new Set(metadata.schema.slice(1).map((e) => e.name));
  if (!present.has('charged_seconds')) {
    throw new InputError({
      file,
      path: 'charged_seconds',
      message: 'usage file lacks the charged_seconds column',
    });
  }
  const extra = 'charged_extra_compute_for_automatic_optimization_seconds';
  const columns = [
    'charged_seconds',
    ...(present.has(extra) ? [extra] : []),
    ...(present.has('start_time') ? ['start_time'] : []),
  ];
  const rows: unknown[][] = [];
  await parquetRead({
    file: buffer,
    metadata,
    columns,
    parsers: PARSERS,
    rowFormat: 'array',
    onComplete: (r) => rows.push(...(r as unknown[][])),
  });
  let total = 0;
  for (const row of rows) {
    const start = present.has('start_time') ? toNumber(row[columns.indexOf('start_time')]) : null;
    if (fromEpochMs !== null && start !== null && start < fromEpochMs) continue;
    total += toNumber(row[0]) ?? 0;
    if (present.has(extra)) total += toNumber(row[1]) ?? 0;
  }
  return total;
}

/** Dollars charged over all usage files of a live run. */
export async function liveCost(
  runDir: string,
  options: { fromEpochMs?: number | null; pricePerRpuHour?: number } = {},
): Promise<{ cost: number; chargedSeconds: number; files: number }> {
  const files = await listUsageFiles(runDir);
  let charged = 0;
  for (const file of files) charged += await chargedSecondsOf(file, options.fromEpochMs ?? null);
  const price = options.pricePerRpuHour ?? DEFAULT_PRICE_PER_RPU_HOUR;
  return { cost: (charged / 3600) * price, chargedSeconds: charged, files: files.length };
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
}
