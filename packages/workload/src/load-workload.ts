/**
 * A workload as the simulator and live runner use it: the trace file of
 * `workload_config`, sliced to `target_date` and with relative start times.
 */
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataDir, InputError, workloadId } from '@autoslo/config';
import { readWorkloadFile } from './io/read-workload-file.js';
import { formatDate, parseDateMs } from './io/timestamp.js';
import { sliceTrace, type Trace } from './trace.js';

const DAY_MS = 86_400_000;

/** The `workload_config` keys this package reads (the config package's `WorkloadConfig` fits). */
export interface WorkloadSource {
  readonly workload_name: string;
  readonly workload_dir?: string | null;
  readonly target_date?: string | null;
  readonly rescale_factor?: number;
}

export interface LoadedWorkload {
  /** `<name>__<target_date|target>__rf<%.3f>`. */
  readonly id: string;
  readonly name: string;
  /** The target-day slice (the whole file without a target date). */
  readonly trace: Trace;
  /** Seconds since the first arrival of the slice, already multiplied by `rescale_factor`. */
  readonly relStartS: Float64Array;
  /** Parquet row groups read, of how many (null or absent for CSV and built workloads). */
  readonly rowGroups?: { readonly read: number; readonly total: number } | null;
}

/**
 * `<workload_dir or dataDir/workloads>/<name>.parquet`, else `.csv`; a relative `workload_dir`
 * is relative to the data directory (so configs that name one work wherever the data dir is).
 * @throws InputError when neither exists
 */
export async function resolveWorkloadFile(cfg: WorkloadSource, dataDir: string): Promise<string> {
  const candidates = new DataDir(dataDir).workloadFiles(cfg);
  const dir = dirname(candidates[0]);
  for (const file of candidates) {
    try {
      await access(file);
      return file;
    } catch {
      // try the next extension
    }
  }
  throw new InputError({
    path: 'workload_config.workload_name',
    message: `no workload '${cfg.workload_name}' (.parquet or .csv) in ${dir}`,
    received: cfg.workload_name,
  });
}

/** Rows of `trace` arriving on the UTC day `date` (`YYYY-MM-DD`). */
export function sliceToDate(trace: Trace, date: string): Trace {
  const start = parseDateMs(date);
  if (Number.isNaN(start)) {
    throw new InputError({
      path: 'workload_config.target_date',
      message: 'not a date',
      expected: 'YYYY-MM-DD',
      received: date,
    });
  }
  const t = trace.absStartMs;
  return sliceTrace(trace, lowerBound(t, start), lowerBound(t, start + DAY_MS));
}

/** First index whose value is >= x in an ascending array. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `(abs - min abs) x rescale_factor`, in seconds. */
export function relativeStartTimes(trace: Trace, rescaleFactor: number): Float64Array {
  const rel = new Float64Array(trace.length);
  const first = trace.absStartMs[0] ?? 0;
  for (let i = 0; i < trace.length; i++) {
    rel[i] = (((trace.absStartMs[i] as number) - first) / 1000) * rescaleFactor;
  }
  return rel;
}

/** `<first date> to <last date>` of a workload: from the statistics when the read was pruned. */
function coverage(read: Trace, statsRange: [number, number] | null): string {
  const [first, last] = statsRange ?? [
    read.absStartMs[0] ?? 0,
    read.absStartMs[read.length - 1] ?? 0,
  ];
  return `${formatDate(first)} to ${formatDate(last)}`;
}

/** Loads, slices and rescales. @throws InputError for a missing or bad file or an empty target day */
export async function loadWorkload(
  cfg: WorkloadSource,
  options: { dataDir: string },
): Promise<LoadedWorkload> {
  const file = await resolveWorkloadFile(cfg, options.dataDir);
  const dayStart = cfg.target_date ? parseDateMs(cfg.target_date) : Number.NaN;
  let rowGroups: LoadedWorkload['rowGroups'] = null;
  let statsRange: [number, number] | null = null;
  const full = await readWorkloadFile(file, {
    // Only the target day's row groups (by their timestamp statistics).
    ...(Number.isNaN(dayStart) ? {} : { window: { fromMs: dayStart, toMs: dayStart + DAY_MS } }),
    onRowGroups: (read, total, range) => {
      rowGroups = { read, total };
      statsRange = range;
    },
    onCoverage: (range) => {
      statsRange = range;
    },
  });
  const rescale = cfg.rescale_factor ?? 1;
  if (!(rescale > 0)) {
    throw new InputError({
      path: 'workload_config.rescale_factor',
      message: 'must be > 0',
      received: String(rescale),
    });
  }
  let trace = full;
  if (cfg.target_date) {
    trace = sliceToDate(full, cfg.target_date);
    if (trace.length === 0) {
      throw new InputError({
        file,
        path: 'workload_config.target_date',
        message: `no arrivals on ${cfg.target_date}; the workload covers ${coverage(full, statsRange)}`,
        received: cfg.target_date,
      });
    }
  }
  return {
    id: workloadId(cfg),
    name: cfg.workload_name,
    trace,
    relStartS: relativeStartTimes(trace, rescale),
    rowGroups,
  };
}
