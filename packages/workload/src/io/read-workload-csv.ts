/**
 * Reads a workload CSV file (header with the Parquet column names) into a `Trace`, streamed
 * record by record: with a window, rows arriving outside it are dropped as they are read,
 * so memory holds only the kept rows (never the file's text).
 */
import { InputError } from '@autoslo/config';
import type { Trace } from '../trace.js';
import { assembleTrace } from './assemble-trace.js';
import { readCsvRecords } from './read-csv-records.js';
import type { WorkloadReadOptions } from './read-workload-parquet.js';
import { parseTimestampMs } from './timestamp.js';
import { REQUIRED_WORKLOAD_COLUMNS, WORKLOAD_COLUMNS } from './workload-columns.js';

/** What a CSV read uses of the workload read options. */
export type CsvReadOptions = Pick<WorkloadReadOptions, 'window' | 'onCoverage'>;

/**
 * A field's number when the text is exactly that number's spelling (so validation and its
 * messages see the same value as from the text), else the text.
 */
function canonicalInteger(text: string): number | string {
  const v = Number(text);
  return Number.isSafeInteger(v) && String(v) === text ? v : text;
}

/** Kept rows, column by column; ids and times as numbers where that loses nothing. */
class KeptRows {
  readonly queryId: (number | string)[] = [];
  readonly absStart: (number | string)[] = [];
  readonly queryTextId: string[] = [];
  readonly repetitionId: (number | string)[] = [];
  readonly isolatedLatencyS: (number | string)[] = [];
  /** Line each kept row starts on. */
  readonly lines: number[] = [];
  /** 0-based data row of each kept row (only when rows are dropped). */
  readonly rowNumbers: number[] = [];
  /** Template ids repeat: one string per distinct id. */
  private readonly texts = new Map<string, string>();

  internText(text: string): string {
    let s = this.texts.get(text);
    if (s === undefined) {
      s = text;
      this.texts.set(text, s);
    }
    return s;
  }
}

/**
 * Reads and validates a workload CSV; with `options.window`, keeps only the rows arriving in
 * it (and any row whose time cannot be read, so that it is reported).
 * @throws InputError naming the line, column and row
 */
export async function readWorkloadCsv(file: string, options: CsvReadOptions = {}): Promise<Trace> {
  let reader: WorkloadCsvRows | null = null;
  await readCsvRecords(file, (fields, line) => {
    if (reader === null) reader = new WorkloadCsvRows(file, fields, line, options.window);
    else reader.add(fields, line);
  });
  if (reader === null) throw new InputError({ file, message: 'file is empty (no header line)' });
  const rows = reader as WorkloadCsvRows;
  options.onCoverage?.(rows.coverage());
  return rows.assemble();
}

/** The header's columns, then the rows kept as they stream by. */
class WorkloadCsvRows {
  private readonly index = new Map<string, number>();
  private readonly header: string[];
  private readonly cols: {
    id: number;
    time: number;
    text: number;
    rep: number;
    lat: number | undefined;
  };
  private readonly kept = new KeptRows();
  private row = -1;
  private firstMs = Number.POSITIVE_INFINITY;
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly file: string,
    headerFields: string[],
    private readonly headerLine: number,
    private readonly window: CsvReadOptions['window'],
  ) {
    const header = headerFields.map((h) => h.trim());
    this.header = header;
    const index = this.index;
    header.forEach((h, c) => {
      if (index.has(h)) {
        throw new InputError({
          file,
          line: headerLine,
          column: c + 1,
          path: h,
          message: `column '${h}' appears twice in the header`,
        });
      }
      index.set(h, c);
    });
    const missing = REQUIRED_WORKLOAD_COLUMNS.filter((c) => !index.has(c));
    if (missing.length > 0) {
      throw new InputError(
        missing.map((c) => ({
          file,
          line: headerLine,
          path: c,
          message: `missing column '${c}'`,
          expected: `columns ${REQUIRED_WORKLOAD_COLUMNS.join(', ')}`,
          received: header.join(', '),
        })),
      );
    }
    const C = WORKLOAD_COLUMNS;
    const at = (name: string): number => index.get(name) as number;
    this.cols = {
      id: at(C.queryId),
      time: at(C.absStartTime),
      text: at(C.queryTextId),
      rep: at(C.repetitionId),
      lat: index.get(C.isolatedLatencyS),
    };
  }

  add(fields: string[], line: number): void {
    const row = ++this.row;
    const width = this.header.length;
    if (fields.length !== width) {
      throw new InputError({
        file: this.file,
        line,
        message: `row ${row + 1} has ${fields.length} fields but the header (line ${this.headerLine}) has ${width}`,
      });
    }
    const { cols, kept, window } = this;
    const timeText = fields[cols.time] as string;
    const ms = parseTimestampMs(timeText);
    if (Number.isFinite(ms)) {
      if (ms < this.firstMs) this.firstMs = ms;
      if (ms > this.lastMs) this.lastMs = ms;
      if (window && (ms < window.fromMs || ms >= window.toMs)) return;
    }
    kept.queryId.push(canonicalInteger(fields[cols.id] as string));
    kept.absStart.push(Number.isFinite(ms) ? ms : timeText);
    kept.queryTextId.push(kept.internText(fields[cols.text] as string));
    kept.repetitionId.push(canonicalInteger(fields[cols.rep] as string));
    if (cols.lat !== undefined) {
      const text = fields[cols.lat] as string;
      const s = text === '' ? Number.NaN : Number(text);
      // Bad values stay text, so the message quotes them as written.
      kept.isolatedLatencyS.push(Number.isFinite(s) && s >= 0 ? s : text);
    }
    kept.lines.push(line);
    if (window) kept.rowNumbers.push(row);
  }

  /** First and last arrival over every row read (kept or not). */
  coverage(): [number, number] | null {
    return this.firstMs <= this.lastMs ? [this.firstMs, this.lastMs] : null;
  }

  assemble(): Trace {
    const { kept, cols, index } = this;
    if (kept.lines.length === 0 && this.row >= 0) {
      // Rows, but none in the window: an empty trace (the caller says which day was empty).
      return {
        length: 0,
        queryId: new Float64Array(0),
        absStartMs: new Float64Array(0),
        queryTextId: [],
        repetitionId: new Int32Array(0),
        isolatedLatencyS: cols.lat === undefined ? null : new Float64Array(0),
      };
    }
    return assembleTrace(
      {
        length: kept.lines.length,
        queryId: kept.queryId,
        absStart: kept.absStart,
        queryTextId: kept.queryTextId,
        repetitionId: kept.repetitionId,
        ...(cols.lat === undefined ? {} : { isolatedLatencyS: kept.isolatedLatencyS }),
      },
      this.file,
      (r, column) => ({ line: kept.lines[r] as number, column: (index.get(column) ?? 0) + 1 }),
      this.window ? kept.rowNumbers : undefined,
    );
  }
}
