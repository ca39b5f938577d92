/**
 * Turns the raw columns of a workload file (Parquet values or CSV text) into a
 * validated, time-sorted `Trace`. Every problem names its row and column.
 */
import { InputError, type InputIssue } from '@autoslo/config';
import { schemaOf } from '../query-text-id.js';
import type { Trace } from '../trace.js';
import { parseTimestampMs } from './timestamp.js';
import { WORKLOAD_COLUMNS } from './workload-columns.js';

/** Column values as read; `absStart` holds epoch ms (numbers) or timestamp text. */
export interface RawWorkloadColumns {
  readonly length: number;
  readonly queryId: ArrayLike<unknown>;
  readonly absStart: ArrayLike<unknown>;
  readonly queryTextId: ArrayLike<unknown>;
  readonly repetitionId: ArrayLike<unknown>;
  readonly isolatedLatencyS?: ArrayLike<unknown>;
}

/** Where row `row` (0-based data row) of `column` is in the file, for messages. */
export type RowLocator = (row: number, column: string) => Pick<InputIssue, 'line' | 'column'>;

/**
 * The file's 0-based data row of each raw row, when the raw columns hold only some of the
 * file's rows (a streamed read that kept one day); messages then name the file's rows.
 */
export type RowNumbers = ArrayLike<number>;

const MAX_ISSUES = 20;

class IssueList {
  readonly issues: InputIssue[] = [];
  constructor(
    private readonly file: string,
    private readonly locate: RowLocator,
    private readonly rowNumbers: RowNumbers | undefined,
  ) {}
  /** The 1-based row number a message names for raw row `row`. */
  label(row: number): number {
    return (this.rowNumbers ? (this.rowNumbers[row] as number) : row) + 1;
  }
  add(row: number, column: string, message: string, received?: unknown): void {
    if (this.issues.length >= MAX_ISSUES) return;
    const issue: InputIssue = {
      file: this.file,
      ...this.locate(row, column),
      path: column,
      message: `row ${this.label(row)}: ${message}`,
      ...(received === undefined ? {} : { received: describe(received) }),
    };
    this.issues.push(issue);
  }
  get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new InputError(this.issues);
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}`;
  return String(value);
}

// `query_12`, `forecast_000012`: the reference's string ids end in the number.
const SUFFIXED_INT = /^(?:.*_)?(-?\d+)$/;

const MAX_ID = BigInt(Number.MAX_SAFE_INTEGER);

/** The id as a number; NaN when not an integer, Infinity when an integer beyond 2^53 − 1. */
function toQueryId(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return Number.NaN;
    return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
  }
  if (typeof value === 'bigint') {
    return value > MAX_ID || value < -MAX_ID ? Number.POSITIVE_INFINITY : Number(value);
  }
  if (typeof value === 'string') {
    const m = SUFFIXED_INT.exec(value.trim());
    if (!m) return Number.NaN;
    const big = BigInt(m[1] as string);
    return big > MAX_ID || big < -MAX_ID ? Number.POSITIVE_INFINITY : Number(big);
  }
  return Number.NaN;
}

function toTimeMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseTimestampMs(value);
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** Validates and converts; throws `InputError` listing up to 20 problems. */
export function assembleTrace(
  raw: RawWorkloadColumns,
  file: string,
  locate: RowLocator,
  rowNumbers?: RowNumbers,
): Trace {
  const n = raw.length;
  const issues = new IssueList(file, locate, rowNumbers);
  if (n === 0) throw new InputError({ file, message: 'workload has no rows' });

  const queryId = new Float64Array(n);
  const absStartMs = new Float64Array(n);
  const queryTextId = new Array<string>(n);
  const C = WORKLOAD_COLUMNS;

  for (let i = 0; i < n && !issues.full; i++) {
    const q = raw.queryId[i];
    const id = toQueryId(q);
    if (Number.isNaN(id)) {
      issues.add(
        i,
        C.queryId,
        isEmpty(q)
          ? 'query_id is empty'
          : 'query_id is not an integer (or text ending in _<integer>)',
        isEmpty(q) ? undefined : q,
      );
    } else if (id === Number.POSITIVE_INFINITY) {
      issues.add(
        i,
        C.queryId,
        `query_id is too large: ids must lie within ±${Number.MAX_SAFE_INTEGER} (2^53 − 1) to be kept exactly`,
        q,
      );
    }
    queryId[i] = id;

    const t = raw.absStart[i];
    const ms = toTimeMs(t);
    if (!Number.isFinite(ms)) {
      issues.add(
        i,
        C.absStartTime,
        isEmpty(t)
          ? 'abs_start_time is empty'
          : 'abs_start_time is not a timestamp (expected e.g. 2024-05-27 13:45:12.123)',
        isEmpty(t) ? undefined : t,
      );
    }
    absStartMs[i] = ms;
  }

  // One schema for the whole trace, as the reference requires.
  let schema: string | undefined;
  let schemaRow = 0;
  const seen = new Set<string>();
  for (let i = 0; i < n && !issues.full; i++) {
    const v = raw.queryTextId[i];
    if (typeof v !== 'string' || v === '') {
      issues.add(
        i,
        C.queryTextId,
        'query_text_id is empty or not text',
        isEmpty(v) ? undefined : v,
      );
      continue;
    }
    queryTextId[i] = v;
    if (seen.has(v)) continue;
    const s = schemaOf(v);
    if (s === v || s === '') {
      issues.add(i, C.queryTextId, 'query_text_id must look like <schema>#<template>#<variant>', v);
      continue;
    }
    seen.add(v);
    if (schema === undefined) {
      schema = s;
      schemaRow = i;
    } else if (s !== schema) {
      issues.add(
        i,
        C.queryTextId,
        `mixed schemas: '${s}' here, but '${schema}' in row ${issues.label(schemaRow)}; a workload uses one schema`,
        v,
      );
    }
  }

  const repetitionId = toRepetitionIds(raw.repetitionId, issues);
  const isolatedLatencyS = raw.isolatedLatencyS ? toLatencies(raw.isolatedLatencyS, issues) : null;
  issues.throwIfAny();
  checkUniqueIds(queryId, issues);
  issues.throwIfAny();
  return sortByTime({
    length: n,
    queryId,
    absStartMs,
    queryTextId,
    repetitionId,
    isolatedLatencyS,
  });
}

/**
 * Integer ids are kept; any other values (the reference also allows text, e.g.
 * Redbench query hashes) are numbered by first appearance, which keeps the grouping.
 */
function toRepetitionIds(values: ArrayLike<unknown>, issues: IssueList): Int32Array {
  const n = values.length;
  const out = new Int32Array(n);
  let allInts = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isEmpty(v)) {
      issues.add(i, WORKLOAD_COLUMNS.repetitionId, 'repetition_id is empty');
      allInts = false;
      continue;
    }
    const num =
      typeof v === 'string' && /^-?\d+$/.test(v.trim())
        ? Number(v)
        : typeof v === 'bigint'
          ? Number(v)
          : v;
    if (
      typeof num === 'number' &&
      Number.isInteger(num) &&
      num >= -2147483648 &&
      num <= 2147483647
    ) {
      out[i] = num;
    } else {
      allInts = false;
    }
  }
  if (allInts) return out;
  const codes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = String(values[i]);
    let code = codes.get(key);
    if (code === undefined) {
      code = codes.size;
      codes.set(key, code);
    }
    out[i] = code;
  }
  return out;
}

function toLatencies(values: ArrayLike<unknown>, issues: IssueList): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length && !issues.full; i++) {
    const v = values[i];
    if (isEmpty(v)) {
      out[i] = Number.NaN; // missing is allowed: the latency model falls back to a profile
      continue;
    }
    const x = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
    if (!Number.isFinite(x) || x < 0) {
      issues.add(
        i,
        WORKLOAD_COLUMNS.isolatedLatencyS,
        'isolated_latency_s must be a number of seconds >= 0',
        v,
      );
    }
    out[i] = x;
  }
  return out;
}

function checkUniqueIds(queryId: Float64Array, issues: IssueList): void {
  // Ids usually ascend with arrival; then they are unique without sorting.
  let ascending = true;
  for (let i = 1; i < queryId.length && ascending; i++)
    ascending = (queryId[i] as number) > (queryId[i - 1] as number);
  if (ascending) return;
  const sorted = queryId.slice().sort();
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] !== sorted[k - 1]) continue;
    const dup = sorted[k] as number;
    const first = queryId.indexOf(dup);
    const second = queryId.indexOf(dup, first + 1);
    issues.add(
      second,
      WORKLOAD_COLUMNS.queryId,
      `duplicate query_id ${dup} (first in row ${issues.label(first)})`,
    );
    if (issues.full) return;
  }
}

/** Stable sort by arrival; a no-op copy-free pass when already sorted. */
export function sortByTime(trace: Trace): Trace {
  const t = trace.absStartMs;
  let sorted = true;
  for (let i = 1; i < trace.length; i++) {
    if ((t[i] as number) < (t[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return trace;
  const order = Uint32Array.from({ length: trace.length }, (_, i) => i);
  order.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  const pick = <A extends Float64Array | Int32Array>(src: A, dst: A): A => {
    for (let k = 0; k < order.length; k++) dst[k] = src[order[k] as number] as number;
    return dst;
  };
  const n = trace.length;
  return {
    length: n,
    queryId: pick(trace.queryId, new Float64Array(n)),
    absStartMs: pick(trace.absStartMs, new Float64Array(n)),
    queryTextId: Array.from(order, (k) => trace.queryTextId[k] as string),
    repetitionId: pick(trace.repetitionId, new Int32Array(n)),
    isolatedLatencyS: trace.isolatedLatencyS
      ? pick(trace.isolatedLatencyS, new Float64Array(n))
      : null,
  };
}
