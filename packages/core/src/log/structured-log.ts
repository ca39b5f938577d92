/**
 * The structured event log of a run, held column by column: the simulator appends
 * millions of events, so no event is kept as an object.
 */
import { writeFileAtomic } from '@autoslo/config';
import { DictionaryColumn, GrowableFloat64 } from './columns.js';
import type { LogEventType } from './log-event-types.js';
import { structuredLogToParquet } from './structured-log-parquet.js';

/** One event as appended and as read back. Absent optional fields are null in the file. */
export interface LogEvent {
  /** Seconds since the run started, in the run's clock (simulated or wall). */
  readonly rel_time_s: number;
  readonly event_type: LogEventType | (string & {});
  /** Which component logged it, e.g. `simulator`, `router`, `autoscaler`, `pool`. */
  readonly source: string;
  readonly query_id?: number | null;
  readonly query_text_id?: string | null;
  readonly cluster_name?: string | null;
  /** A JSON object; stored as its JSON text. */
  readonly details?: Readonly<Record<string, unknown>> | string | null;
  /** Unix epoch seconds when logged (live runs); null in simulations, for reproducibility. */
  readonly wall_clock_s?: number | null;
}

export class StructuredLog {
  private readonly relTime = new GrowableFloat64();
  private readonly wallClock = new GrowableFloat64();
  private readonly queryIds = new GrowableFloat64();
  private readonly eventTypes = new DictionaryColumn();
  private readonly sources = new DictionaryColumn();
  private readonly queryTextIds = new DictionaryColumn();
  private readonly clusterNames = new DictionaryColumn();
  private readonly detailsText: (string | null)[] = [];

  get length(): number {
    return this.relTime.length;
  }

  /** Appends one event; returns its row index. */
  append(event: LogEvent): number {
    return this.appendFields(
      event.rel_time_s,
      event.event_type,
      event.source,
      event.query_id ?? null,
      event.query_text_id ?? null,
      event.cluster_name ?? null,
      event.details ?? null,
      event.wall_clock_s ?? null,
    );
  }

  /** Appends one event without building an object first (the simulator's hot path). */
  appendFields(
    relTimeS: number,
    eventType: string,
    source: string,
    queryId: number | null = null,
    queryTextId: string | null = null,
    clusterName: string | null = null,
    details: Readonly<Record<string, unknown>> | string | null = null,
    wallClockS: number | null = null,
  ): number {
    const row = this.relTime.length;
    this.relTime.push(relTimeS);
    this.wallClock.push(wallClockS ?? Number.NaN);
    this.queryIds.push(queryId ?? Number.NaN);
    this.eventTypes.push(eventType);
    this.sources.push(source);
    this.queryTextIds.push(queryTextId);
    this.clusterNames.push(clusterName);
    this.detailsText.push(
      details === null ? null : typeof details === 'string' ? details : JSON.stringify(details),
    );
    return row;
  }

  relTimeS(i: number): number {
    return this.relTime.get(i);
  }

  wallClockS(i: number): number | null {
    const v = this.wallClock.get(i);
    return Number.isNaN(v) ? null : v;
  }

  eventType(i: number): string {
    return this.eventTypes.get(i) as string;
  }

  source(i: number): string {
    return this.sources.get(i) as string;
  }

  queryId(i: number): number | null {
    const v = this.queryIds.get(i);
    return Number.isNaN(v) ? null : v;
  }

  queryTextId(i: number): string | null {
    return this.queryTextIds.get(i);
  }

  clusterName(i: number): string | null {
    return this.clusterNames.get(i);
  }

  /** The details JSON text of row `i`, or null. */
  detailsJson(i: number): string | null {
    return this.detailsText[i] ?? null;
  }

  /** The details of row `i` parsed, or null. */
  details(i: number): Record<string, unknown> | null {
    const text = this.detailsText[i];
    if (text === null || text === undefined) return null;
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : null;
  }

  /** Row indices of events of one type, in log order. */
  indicesOf(eventType: string): number[] {
    const code = this.eventTypes.lookup(eventType);
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) if (this.eventTypes.code(i) === code) out.push(i);
    return out;
  }

  /** Row `i` as an object (tests, small logs). */
  event(i: number): LogEvent {
    return {
      rel_time_s: this.relTimeS(i),
      event_type: this.eventType(i),
      source: this.source(i),
      query_id: this.queryId(i),
      query_text_id: this.queryTextId(i),
      cluster_name: this.clusterName(i),
      details: this.detailsJson(i),
      wall_clock_s: this.wallClockS(i),
    };
  }

  /** Raw columns for writers: doubles use NaN for null, strings are looked up per row. */
  columns() {
    return {
      relTimeS: this.relTime.view(),
      wallClockS: this.wallClock.view(),
      queryId: this.queryIds.view(),
      eventType: this.eventTypes,
      source: this.sources,
      queryTextId: this.queryTextIds,
      clusterName: this.clusterNames,
      details: this.detailsText,
    };
  }

  /** The log as Parquet bytes (columns in the reference's order). */
  toParquet(): Uint8Array {
    return structuredLogToParquet(this);
  }

  /** Writes the log as Parquet, atomically. */
  async writeParquet(path: string): Promise<void> {
    await writeFileAtomic(path, this.toParquet());
  }
}
