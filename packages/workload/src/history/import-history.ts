/**
 * A warehouse's own SYS_QUERY_HISTORY to a workload, the SQL of each template and a
 * measured-latency table.
 *
 * - Every row is validated first (times, durations >= 0, ids); any problem is an
 *   `InputError` naming the row and column, before anything is built.
 * - Each row gets a category: `ok` (a finished query, the only rows latency fits use),
 *   `cache_hit` (answered from the result cache), `failed`, `aborted`, `running`,
 *   `ddl_utility`, `system` (reads only system views, e.g. the collector's own queries).
 * - The workload holds `ok` and `cache_hit` rows (real arrivals of templates), in arrival
 *   order; the measured table holds every row with its category.
 * - Templates: the view's `generic_query_hash` where present, else the normalised SQL
 *   (sql-fingerprint.ts); a text cut at 4,000 characters joins the template whose
 *   normalised text it starts. Numbered by frequency (001 = most frequent), at most 999.
 */
import { InputError, type InputIssue } from '@autoslo/config';
import { parseTimestampMs } from '../io/timestamp.js';
import { formatQueryTextId } from '../query-text-id.js';
import type { Trace } from '../trace.js';
import { HISTORY_COLUMNS as H, REQUIRED_HISTORY_COLUMNS } from './history-columns.js';
import type { MeasuredLatencies, QueryCategory } from './measured-latencies.js';
import type { HistoryTable } from './read-history-file.js';
import { fingerprintOf, normalizeSqlText, QUERY_TEXT_LIMIT } from './sql-fingerprint.js';

export interface HistoryImportOptions {
  /** Workload name: `workloads/<name>.parquet`, `measurements/<name>.parquet`. */
  readonly name: string;
  /** Schema of the query text ids and of `query_texts/<schema>/` (default: the name). */
  readonly schema?: string;
  /** Workgroup of rows without a `workgroup_name` (default `default`). */
  readonly workgroup?: string;
  /** RPU of rows without `compute_capacity`, by workgroup name. */
  readonly workgroupRpu?: Readonly<Record<string, number>>;
  /** RPU of rows that neither the row nor `workgroupRpu` places (default: unknown). */
  readonly rpu?: number;
  /** Keep rows that started at or after this time (epoch ms) and before `untilMs`. */
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** At most this many templates, 1..999 (default 999); rarer ones share the last. */
  readonly maxTemplates?: number;
}

export interface HistoryTemplate {
  /** `<schema>#TTT#001`. */
  readonly queryTextId: string;
  /** Template number (the `TTT`). */
  readonly template: number;
  /** Workload rows of this template. */
  readonly count: number;
  /** SQL of one instance (the first whole text, in arrival order). */
  readonly sql: string;
  /** True when every instance's text was cut by the view (the SQL is a prefix). */
  readonly truncated: boolean;
  /** What grouped it: the view's hash or the normalised text's fingerprint. */
  readonly key: string;
}

export interface HistoryImportStats {
  rowsRead: number;
  droppedOutsideWindow: number;
  /** Rows per category, over the rows in the window. */
  categories: Record<QueryCategory, number>;
  workloadRows: number;
  templates: number;
  foldedTemplates: number;
  truncatedTexts: number;
  templatesBy: 'generic_query_hash' | 'normalised sql' | 'both';
  workgroups: string[];
  /** Rows whose RPU is unknown (calibration cannot use them). */
  unknownRpuRows: number;
}

export interface HistoryImport {
  readonly name: string;
  readonly schema: string;
  readonly trace: Trace;
  readonly templates: readonly HistoryTemplate[];
  readonly measured: MeasuredLatencies;
  readonly stats: HistoryImportStats;
}

const MAX_ISSUES = 20;
const TEXT_CACHE_SIZE = 100_000;

function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  return v === null || v === undefined ? '' : String(v).trim();
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  const s = text(v).toLowerCase();
  return s === 'true' || s === 't' || s === '1';
}

function timeMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  return parseTimestampMs(text(v));
}

// A statement that reads system views (and no user table), e.g. a stats collector's own query.
// Only names after FROM/JOIN count, so functions such as pg_sleep do not.
const SYSTEM_VIEW =
  /\b(from|join)\s+((pg_catalog|information_schema)\.|(sys|stl|stv|svl|svv|svcs|pg)_[a-z_]+\b)/i;
const USER_TABLE =
  /\b(from|join)\s+(?!(sys|stl|stv|svl|svv|svcs|pg)_|pg_catalog\.|information_schema\.)[a-z_"][\w".]*/i;

function categoryOf(
  status: string,
  queryType: string,
  cacheHit: boolean,
  sql: string,
): QueryCategory {
  const s = status.toLowerCase();
  if (
    s === 'running' ||
    s === 'queued' ||
    s === 'planning' ||
    s === 'returning' ||
    s === 'submitted'
  )
    return 'running';
  if (s === 'failed' || s === 'error') return 'failed';
  if (s === 'canceled' || s === 'cancelled' || s === 'aborted') return 'aborted';
  const t = queryType.toUpperCase();
  if (t === 'DDL' || t === 'UTILITY') return 'ddl_utility';
  if (sql.includes('_') && SYSTEM_VIEW.test(sql) && !USER_TABLE.test(sql)) return 'system';
  if (cacheHit) return 'cache_hit';
  return 'ok';
}

/** Microseconds (Redshift's unit) to seconds; NaN when empty or not a number. */
function micros(v: unknown): number {
  if (typeof v === 'number') return v / 1e6;
  if (typeof v === 'bigint') return Number(v) / 1e6;
  const t = text(v);
  if (t === '') return Number.NaN;
  return Number(t) / 1e6;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function importHistory(table: HistoryTable, options: HistoryImportOptions): HistoryImport {
  const maxTemplates = options.maxTemplates ?? 999;
  if (!Number.isInteger(maxTemplates) || maxTemplates < 1 || maxTemplates > 999) {
    throw new InputError({
      path: 'max_templates',
      message: 'must be an integer from 1 to 999',
      received: String(maxTemplates),
    });
  }
  const { source, length, columns, lines } = table;
  if (length === 0) throw new InputError({ file: source, message: 'the history has no rows' });
  const missing = REQUIRED_HISTORY_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new InputError(
      missing.map((c) => ({
        file: source,
        path: c,
        message: `missing SYS_QUERY_HISTORY column '${c}'`,
      })),
    );
  }
  const col = (name: string): ArrayLike<unknown> | undefined => columns.get(name);
  const need = (name: string): ArrayLike<unknown> => col(name) as ArrayLike<unknown>;
  const issues: InputIssue[] = [];
  const issue = (row: number, column: string, message: string, received?: unknown): void => {
    if (issues.length >= MAX_ISSUES) return;
    issues.push({
      file: source,
      ...(lines ? { line: lines[row] as number } : {}),
      path: column,
      message: `row ${row + 1}: ${message}`,
      ...(received === undefined ? {} : { received: JSON.stringify(text(received)) }),
    });
  };

  const ids = need(H.queryId);
  const starts = need(H.startTime);
  const queues = need(H.queueTime);
  const execs = need(H.executionTime);
  const statuses = need(H.status);
  const types = need(H.queryType);
  const texts = need(H.queryText);
  const elapsedCol = col(H.elapsedTime);
  const cacheCol = col(H.resultCacheHit);
  const hashCol = col(H.genericQueryHash);
  const wgCol = col(H.workgroupName);
  const capCol = col(H.computeCapacity);

  /** A finished query has both durations; none may be negative. True when it is bad. */
  const checkDuration = (
    i: number,
    column: string,
    value: number,
    raw: unknown,
    unfinished: boolean,
  ) => {
    if (isEmpty(raw)) {
      if (unfinished || column === H.elapsedTime) return false;
      issue(i, column, `${column} is empty for a finished query`);
      return true;
    }
    if (value >= 0) return false;
    issue(i, column, `${column} must be a number of microseconds >= 0`, raw);
    return true;
  };

  // Pass 1: validate and keep the rows in the window.
  const rows: number[] = [];
  const start = new Float64Array(length);
  const queue = new Float64Array(length);
  const exec = new Float64Array(length);
  const elapsed = new Float64Array(length);
  const category = new Array<QueryCategory>(length);
  let dropped = 0;
  for (let i = 0; i < length && issues.length < MAX_ISSUES; i++) {
    const t = timeMs(starts[i]);
    if (!Number.isFinite(t)) {
      issue(i, H.startTime, 'start_time is not a timestamp', starts[i]);
      continue;
    }
    const id = typeof ids[i] === 'number' ? (ids[i] as number) : Number(text(ids[i]));
    if (isEmpty(ids[i]) || !Number.isSafeInteger(id)) {
      issue(i, H.queryId, 'query_id is not an integer', ids[i]);
      continue;
    }
    const cat = categoryOf(
      text(statuses[i]),
      text(types[i]),
      cacheCol ? truthy(cacheCol[i]) : false,
      text(texts[i]),
    );
    const q = micros(queues[i]);
    const e = micros(execs[i]);
    const el = elapsedCol ? micros(elapsedCol[i]) : Number.NaN;
    const unfinished = cat === 'running';
    let bad = false;
    bad = checkDuration(i, H.queueTime, q, queues[i], unfinished) || bad;
    bad = checkDuration(i, H.executionTime, e, execs[i], unfinished) || bad;
    if (elapsedCol) bad = checkDuration(i, H.elapsedTime, el, elapsedCol[i], unfinished) || bad;
    if (capCol && text(capCol[i]) !== '') {
      const c = Number(text(capCol[i]));
      if (!(c > 0)) {
        issue(i, H.computeCapacity, 'compute_capacity must be an RPU count > 0', capCol[i]);
        bad = true;
      }
    }
    if (bad) continue;
    if (
      (options.sinceMs !== undefined && t < options.sinceMs) ||
      (options.untilMs !== undefined && t >= options.untilMs)
    ) {
      dropped++;
      continue;
    }
    start[i] = t;
    queue[i] = q;
    exec[i] = e;
    elapsed[i] = Number.isNaN(el) ? q + e : el;
    category[i] = cat;
    rows.push(i);
  }
  if (issues.length > 0) throw new InputError(issues);
  if (rows.length === 0) {
    throw new InputError({ file: source, message: 'no rows left in the --since/--until window' });
  }
  // Views are usually read in start order; sort only when they are not.
  let sorted = true;
  for (let k = 1; k < rows.length && sorted; k++)
    sorted = (start[rows[k - 1] as number] as number) <= (start[rows[k] as number] as number);
  if (!sorted) rows.sort((a, b) => (start[a] as number) - (start[b] as number) || a - b);

  // Pass 2: template keys of the workload rows.
  const inWorkload = (r: number) => category[r] === 'ok' || category[r] === 'cache_hit';
  const keyOf: (string | undefined)[] = new Array(length);
  const full = new Map<string, string>(); // normalised text -> key, for whole texts
  const cut: { row: number; prefix: string }[] = [];
  // Histories repeat statements: a distinct text is normalised and hashed once (the cache is
  // bounded so a history of a million distinct texts does not hold them all).
  const keyOfText = new Map<string, string>();
  const hashKeys = new Map<string, string>();
  let byHash = 0;
  let bySql = 0;
  let truncatedTexts = 0;
  for (const r of rows) {
    const sql = text(texts[r]);
    const hash = hashCol ? text(hashCol[r]) : '';
    if (sql.length >= QUERY_TEXT_LIMIT) truncatedTexts++;
    if (!inWorkload(r)) continue;
    if (hash !== '') {
      let key = hashKeys.get(hash);
      if (key === undefined) {
        key = `hash:${hash}`;
        hashKeys.set(hash, key);
      }
      keyOf[r] = key;
      byHash++;
      continue;
    }
    bySql++;
    const cached = keyOfText.get(sql);
    if (cached !== undefined) {
      keyOf[r] = cached;
      continue;
    }
    const n = normalizeSqlText(sql);
    if (n.truncated) {
      cut.push({ row: r, prefix: n.text });
      continue;
    }
    let key = full.get(n.text);
    if (key === undefined) {
      key = `sql:${fingerprintOf(n.text)}`;
      full.set(n.text, key);
    }
    keyOf[r] = key;
    if (keyOfText.size >= TEXT_CACHE_SIZE) keyOfText.clear();
    keyOfText.set(sql, key);
  }
  keyOfText.clear();
  assignTruncated(cut, full, keyOf);

  // Pass 3: templates by frequency, the trace, and the measured table.
  const counts = new Map<string, { count: number; first: number }>();
  rows.forEach((r, k) => {
    const key = keyOf[r];
    if (key === undefined) return;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { count: 1, first: k });
  });
  const ranked = [...counts.entries()].sort(
    (a, b) => b[1].count - a[1].count || a[1].first - b[1].first,
  );
  const templateOf = new Map<string, number>();
  ranked.forEach(([key], i) => {
    templateOf.set(key, Math.min(i + 1, maxTemplates));
  });
  const schema = options.schema ?? options.name;
  // One string per template and per distinct status/type/workgroup, shared by every row.
  const textIds = new Map<number, string>();
  const idOf = (template: number) => {
    let id = textIds.get(template);
    if (id === undefined) {
      id = formatQueryTextId(schema, template, 1);
      textIds.set(template, id);
    }
    return id;
  };
  const interned = new Map<string, string>();
  const intern = (value: string) => {
    const known = interned.get(value);
    if (known !== undefined) return known;
    interned.set(value, value);
    return value;
  };

  const workloadRows = rows.filter(inWorkload);
  const n = workloadRows.length;
  if (n === 0) {
    throw new InputError({
      file: source,
      message:
        'no finished query to import (every row failed, was aborted, DDL/utility or read only system views)',
    });
  }
  const trace: Trace = {
    length: n,
    queryId: new Float64Array(n),
    absStartMs: new Float64Array(n),
    queryTextId: new Array<string>(n),
    repetitionId: new Int32Array(n),
    isolatedLatencyS: null,
  };
  const repIds = new Map<string, number>();
  const sqlOf = new Map<number, { sql: string; truncated: boolean; count: number; key: string }>();
  workloadRows.forEach((r, k) => {
    const key = keyOf[r] as string;
    const template = templateOf.get(key) as number;
    const sql = text(texts[r]);
    trace.queryId[k] = Number(text(ids[r]));
    trace.absStartMs[k] = start[r] as number;
    trace.queryTextId[k] = idOf(template);
    let rep = repIds.get(sql);
    if (rep === undefined) {
      rep = repIds.size;
      repIds.set(sql, rep);
    }
    trace.repetitionId[k] = rep;
    const whole = sql.length < QUERY_TEXT_LIMIT;
    const known = sqlOf.get(template);
    if (!known) sqlOf.set(template, { sql, truncated: !whole, count: 1, key });
    else {
      known.count++;
      if (known.truncated && whole) Object.assign(known, { sql, truncated: false });
    }
  });
  if (new Set(trace.queryId).size !== n) for (let k = 0; k < n; k++) trace.queryId[k] = k;

  const templates: HistoryTemplate[] = [...sqlOf.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([template, s]) => ({
      queryTextId: idOf(template),
      template,
      count: s.count,
      sql: s.sql,
      truncated: s.truncated,
      key: s.key,
    }));

  const workgroup = options.workgroup ?? 'default';
  const m = rows.length;
  const measured: MeasuredLatencies = {
    length: m,
    queryId: new Float64Array(m),
    queryTextId: new Array<string>(m),
    startMs: new Float64Array(m),
    elapsedS: new Float64Array(m),
    queueS: new Float64Array(m),
    executionS: new Float64Array(m),
    status: new Array<string>(m),
    queryType: new Array<string>(m),
    resultCacheHit: new Uint8Array(m),
    category: new Array<QueryCategory>(m),
    workgroup: new Array<string>(m),
    rpu: new Float64Array(m),
  };
  const categories = emptyCategoryCounts();
  let unknownRpuRows = 0;
  rows.forEach((r, k) => {
    const key = keyOf[r];
    const wg = wgCol && text(wgCol[r]) !== '' ? text(wgCol[r]) : workgroup;
    const cap = capCol && text(capCol[r]) !== '' ? Number(text(capCol[r])) : Number.NaN;
    const rpu = Number.isNaN(cap) ? (options.workgroupRpu?.[wg] ?? options.rpu ?? Number.NaN) : cap;
    if (Number.isNaN(rpu)) unknownRpuRows++;
    measured.queryId[k] = Number(text(ids[r]));
    measured.queryTextId[k] = key === undefined ? '' : idOf(templateOf.get(key) as number);
    measured.startMs[k] = start[r] as number;
    measured.elapsedS[k] = elapsed[r] as number;
    measured.queueS[k] = queue[r] as number;
    measured.executionS[k] = exec[r] as number;
    measured.status[k] = intern(text(statuses[r]).toLowerCase());
    measured.queryType[k] = intern(text(types[r]).toUpperCase());
    measured.resultCacheHit[k] = cacheCol && truthy(cacheCol[r]) ? 1 : 0;
    measured.category[k] = category[r] as QueryCategory;
    measured.workgroup[k] = intern(wg);
    measured.rpu[k] = rpu;
    categories[category[r] as QueryCategory]++;
  });

  return {
    name: options.name,
    schema,
    trace,
    templates,
    measured,
    stats: {
      rowsRead: length,
      droppedOutsideWindow: dropped,
      categories,
      workloadRows: n,
      templates: templates.length,
      foldedTemplates: ranked.length > maxTemplates ? ranked.length - (maxTemplates - 1) : 0,
      truncatedTexts,
      templatesBy:
        byHash > 0 && bySql > 0 ? 'both' : byHash > 0 ? 'generic_query_hash' : 'normalised sql',
      workgroups: [...new Set(measured.workgroup)].sort(),
      unknownRpuRows,
    },
  };
}

export function emptyCategoryCounts(): Record<QueryCategory, number> {
  return { ok: 0, cache_hit: 0, failed: 0, aborted: 0, running: 0, ddl_utility: 0, system: 0 };
}

/**
 * A cut text joins the most frequent whole template whose normalised text starts with its
 * prefix; cut texts with no such template group by shared prefix (a shorter prefix
 * that another starts with is their template), so every variant maps the same way.
 */
function assignTruncated(
  cut: readonly { row: number; prefix: string }[],
  full: ReadonlyMap<string, string>,
  keyOf: (string | undefined)[],
): void {
  if (cut.length === 0) return;
  const counts = new Map<string, number>();
  for (const key of keyOf) if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  const wholes = [...full.keys()].sort();
  const lowerBound = (p: string): number => {
    let lo = 0;
    let hi = wholes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((wholes[mid] as string) < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const orphans: { row: number; prefix: string }[] = [];
  for (const c of cut) {
    // Of the whole templates the prefix starts, the most frequent (then the first) wins.
    let best: string | undefined;
    for (let k = lowerBound(c.prefix); k < wholes.length; k++) {
      const whole = wholes[k] as string;
      if (!whole.startsWith(c.prefix)) break;
      const key = full.get(whole) as string;
      if (best === undefined || (counts.get(key) ?? 0) > (counts.get(best) ?? 0)) best = key;
    }
    if (best !== undefined) keyOf[c.row] = best;
    else orphans.push(c);
  }
  const byPrefix = [...new Set(orphans.map((o) => o.prefix))].sort();
  const root = new Map<string, string>();
  let current: string | null = null;
  for (const p of byPrefix) {
    if (current === null || !p.startsWith(current)) current = p;
    root.set(p, current);
  }
  for (const o of orphans) keyOf[o.row] = `sql:${fingerprintOf(root.get(o.prefix) as string)}~cut`;
}
