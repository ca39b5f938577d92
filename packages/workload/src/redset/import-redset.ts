/**
 * Redset rows of one instance to a workload and a latency profile.
 *
 * - Arrivals are `arrival_timestamp` (zone-less, taken as UTC).
 * - Each distinct `feature_fingerprint` is a template, numbered by frequency
 *   (001 = most frequent); beyond `maxTemplates - 1` the rarer ones share the
 *   last template, so ids keep the 3-digit `<schema>#TTT#001` form.
 * - Repetitions (Redbench's query hash) are fingerprint + read tables + joins + scans.
 * - Isolated latency is `execution_duration_ms` / 1000 (queue and compile time
 *   excluded); the profile aggregates it per template over non-cached rows.
 */
import { InputError, type InputIssue } from '@autoslo/config';
import { parseTimestampMs } from '../io/timestamp.js';
import { formatQueryTextId } from '../query-text-id.js';
import type { Trace } from '../trace.js';
import { buildLatencyProfile, type LatencyProfile } from './latency-profile.js';
import { readRedsetColumns } from './read-redset-columns.js';
import { REDSET_COLUMNS as R } from './redset-columns.js';

export interface RedsetImportOptions {
  /** Required when the file holds more than one instance. */
  instanceId?: number;
  /** Kept query types (default `['select']`); empty keeps all. */
  queryTypes?: readonly string[];
  /** Keep aborted queries (default false). */
  includeAborted?: boolean;
  /** Keep only arrivals on or after this date and before `endDate` (exclusive), `YYYY-MM-DD`. */
  startDate?: string;
  endDate?: string;
  /** Schema of the query text ids (default `redset`). */
  schema?: string;
  /** At most this many templates, 1..999 (default 999). */
  maxTemplates?: number;
  /** Profile aggregation: `mean` or `pNN` (default `p50`). */
  profileAggregation?: string;
  /** Workload name (default `redset_<instance>`). */
  name?: string;
}

export interface RedsetImportStats {
  rowsRead: number;
  rowsKept: number;
  droppedOtherInstances: number;
  droppedQueryType: number;
  droppedAborted: number;
  droppedOutsideDates: number;
  fingerprints: number;
  templates: number;
  /** Fingerprints folded into the last template because of `maxTemplates`. */
  foldedFingerprints: number;
  /** Parquet row groups read (the others' statistics excluded the instance or dates), of how many. */
  rowGroupsRead: number;
  rowGroupsTotal: number;
}

export interface RedsetImport {
  name: string;
  instanceId: number | null;
  trace: Trace;
  profile: LatencyProfile;
  stats: RedsetImportStats;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  const s = text(v).toLowerCase();
  return s === 'true' || s === '1' || s === 't';
}

function dateBound(date: string | undefined, path: string): number | undefined {
  if (date === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseTimestampMs(date) : Number.NaN;
  if (Number.isNaN(ms))
    throw new InputError({ path, message: 'not a date', expected: 'YYYY-MM-DD', received: date });
  return ms;
}

export async function importRedset(
  file: string,
  options: RedsetImportOptions = {},
): Promise<RedsetImport> {
  const maxTemplates = options.maxTemplates ?? 999;
  if (!Number.isInteger(maxTemplates) || maxTemplates < 1 || maxTemplates > 999) {
    throw new InputError({
      path: 'max_templates',
      message: 'must be an integer from 1 to 999',
      received: String(maxTemplates),
    });
  }
  const startMs = dateBound(options.startDate, 'start_date');
  const endMs = dateBound(options.endDate, 'end_date');
  const types = (options.queryTypes ?? ['select']).map((t) => t.toLowerCase());
  const { length, columns, lines, rowGroups } = await readRedsetColumns(file, {
    ...(options.instanceId === undefined ? {} : { instanceId: options.instanceId }),
    ...(startMs === undefined ? {} : { fromMs: startMs }),
    ...(endMs === undefined ? {} : { toMs: endMs }),
  });
  const col = (name: string): ArrayLike<unknown> | undefined => columns.get(name);
  const where = (row: number, column: string, message: string, received?: unknown): InputIssue => ({
    file,
    ...(lines ? { line: lines[row] as number } : {}),
    path: column,
    message: `row ${row + 1}: ${message}`,
    ...(received === undefined ? {} : { received: JSON.stringify(text(received)) }),
  });
  if (length === 0 && rowGroups.read === rowGroups.total)
    throw new InputError({ file, message: 'Redset file has no rows' });
  if (length === 0 && options.instanceId !== undefined && rowGroups.forInstance === 0) {
    throw new InputError({
      file,
      path: R.instanceId,
      message: `instance ${options.instanceId} is not in the file (no row group's statistics hold it)`,
    });
  }
  if (length === 0) {
    throw new InputError({
      file,
      message: 'no rows left after filtering (no row group holds arrivals in the date window)',
    });
  }

  const instances = col(R.instanceId);
  const instanceId = chooseInstance(instances, length, options.instanceId, file);

  const stats: RedsetImportStats = {
    rowsRead: length,
    rowsKept: 0,
    droppedOtherInstances: 0,
    droppedQueryType: 0,
    droppedAborted: 0,
    droppedOutsideDates: 0,
    fingerprints: 0,
    templates: 0,
    foldedFingerprints: 0,
    rowGroupsRead: rowGroups.read,
    rowGroupsTotal: rowGroups.total,
  };
  const arrival = col(R.arrivalTimestamp) as ArrayLike<unknown>;
  const duration = col(R.executionDurationMs) as ArrayLike<unknown>;
  const fingerprint = col(R.featureFingerprint) as ArrayLike<unknown>;
  const queryType = col(R.queryType);
  const aborted = col(R.wasAborted);
  const issues: InputIssue[] = [];
  const kept: number[] = [];
  const timeMs: number[] = [];
  for (let i = 0; i < length && issues.length < 20; i++) {
    if (instances && instanceId !== null && Number(text(instances[i])) !== instanceId) {
      stats.droppedOtherInstances++;
      continue;
    }
    if (queryType && types.length > 0 && !types.includes(text(queryType[i]).toLowerCase())) {
      stats.droppedQueryType++;
      continue;
    }
    if (aborted && !options.includeAborted && truthy(aborted[i])) {
      stats.droppedAborted++;
      continue;
    }
    const a = arrival[i];
    const t =
      typeof a === 'number' ? a : a instanceof Date ? a.getTime() : parseTimestampMs(text(a));
    if (!Number.isFinite(t)) {
      issues.push(where(i, R.arrivalTimestamp, 'arrival_timestamp is not a timestamp', a));
      continue;
    }
    if ((startMs !== undefined && t < startMs) || (endMs !== undefined && t >= endMs)) {
      stats.droppedOutsideDates++;
      continue;
    }
    const d = Number(text(duration[i]));
    if (text(duration[i]) === '' || !Number.isFinite(d) || d < 0) {
      issues.push(
        where(
          i,
          R.executionDurationMs,
          'execution_duration_ms must be a number of milliseconds >= 0',
          duration[i],
        ),
      );
      continue;
    }
    if (text(fingerprint[i]) === '') {
      issues.push(where(i, R.featureFingerprint, 'feature_fingerprint is empty'));
      continue;
    }
    kept.push(i);
    timeMs.push(t);
  }
  if (issues.length > 0) throw new InputError(issues);
  if (kept.length === 0) {
    throw new InputError({
      file,
      message: 'no rows left after filtering',
      received: JSON.stringify(stats),
    });
  }
  stats.rowsKept = kept.length;

  // Arrival order (stable), then templates by fingerprint frequency.
  const order = kept
    .map((_, k) => k)
    .sort((x, y) => (timeMs[x] as number) - (timeMs[y] as number) || x - y);
  const rows = order.map((k) => kept[k] as number);
  const times = order.map((k) => timeMs[k] as number);
  const fp = rows.map((r) => text(fingerprint[r]));
  const counts = new Map<string, { count: number; first: number }>();
  fp.forEach((f, k) => {
    const c = counts.get(f);
    if (c) c.count++;
    else counts.set(f, { count: 1, first: k });
  });
  const ranked = [...counts.entries()].sort(
    (a, b) => b[1].count - a[1].count || a[1].first - b[1].first,
  );
  const templateOf = new Map<string, number>();
  ranked.forEach(([f], r) => {
    templateOf.set(f, Math.min(r + 1, maxTemplates));
  });
  stats.fingerprints = ranked.length;
  stats.templates = Math.min(ranked.length, maxTemplates);
  stats.foldedFingerprints = ranked.length > maxTemplates ? ranked.length - (maxTemplates - 1) : 0;

  const schema = options.schema ?? 'redset';
  const n = rows.length;
  const repKey = (r: number, f: string): string =>
    [
      f,
      text(col(R.readTableIds)?.[r]),
      text(col(R.numJoins)?.[r]),
      text(col(R.numScans)?.[r]),
    ].join('|');
  const repIds = new Map<string, number>();
  const trace = {
    length: n,
    queryId: new Float64Array(n),
    absStartMs: Float64Array.from(times),
    queryTextId: new Array<string>(n),
    repetitionId: new Int32Array(n),
    isolatedLatencyS: new Float64Array(n),
  };
  const cached = col(R.wasCached);
  const latencies = new Map<string, number[]>();
  const cachedLatencies = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const r = rows[k] as number;
    const f = fp[k] as string;
    const template = templateOf.get(f) as number;
    trace.queryTextId[k] = formatQueryTextId(schema, template, 1);
    const key = repKey(r, f);
    let rep = repIds.get(key);
    if (rep === undefined) {
      rep = repIds.size;
      repIds.set(key, rep);
    }
    trace.repetitionId[k] = rep;
    const seconds = Number(text(duration[r])) / 1000;
    trace.isolatedLatencyS[k] = seconds;
    const tid = String(template).padStart(3, '0');
    const bucket = cached && truthy(cached[r]) ? cachedLatencies : latencies;
    const list = bucket.get(tid);
    if (list) list.push(seconds);
    else bucket.set(tid, [seconds]);
  }
  assignQueryIds(trace.queryId, rows, col(R.queryId));
  // A template seen only as cache hits still gets a (small) profile entry.
  for (const [tid, values] of cachedLatencies) if (!latencies.has(tid)) latencies.set(tid, values);

  const name = options.name ?? `redset_${instanceId ?? 'all'}`;
  const profile = buildLatencyProfile(name, latencies, options.profileAggregation ?? 'p50');
  return { name, instanceId, trace, profile, stats };
}

/** The instance to import: the only one, or the requested one (which must be present). */
function chooseInstance(
  instances: ArrayLike<unknown> | undefined,
  length: number,
  requested: number | undefined,
  file: string,
): number | null {
  if (!instances) return requested ?? null;
  const counts = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const id = Number(text(instances[i]));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const summary = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 10)
    .map(([id, c]) => `${id} (${c} rows)`)
    .join(', ');
  if (requested !== undefined) {
    if (!counts.has(requested)) {
      throw new InputError({
        file,
        path: R.instanceId,
        message: `instance ${requested} is not in the file`,
        expected: summary,
      });
    }
    return requested;
  }
  if (counts.size > 1) {
    throw new InputError({
      file,
      path: R.instanceId,
      message: `the file holds ${counts.size} instances; choose one with --instance`,
      expected: summary,
    });
  }
  return [...counts.keys()][0] ?? null;
}

/** Redset's own query ids when they are unique integers, else 0..n-1 in arrival order. */
function assignQueryIds(
  out: Float64Array,
  rows: readonly number[],
  ids: ArrayLike<unknown> | undefined,
): void {
  if (ids) {
    const seen = new Set<number>();
    let ok = true;
    for (let k = 0; k < rows.length && ok; k++) {
      const id = Number(text(ids[rows[k] as number]));
      ok = Number.isSafeInteger(id) && !seen.has(id);
      seen.add(id);
      out[k] = id;
    }
    if (ok) return;
  }
  for (let k = 0; k < rows.length; k++) out[k] = k;
}
