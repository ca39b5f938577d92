/**
 * The structured log of a run written while the run goes: rows are batched into row groups
 * (1,000 rows, then 100,000 each, the layout `StructuredLog.toParquet()` produces) and
 * encoded on a worker thread, so Parquet encoding overlaps the simulation instead of
 * following it. The bytes equal those of `StructuredLog.toParquet()` for the same events.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ControlEvent, ControlEventSink } from '@autoslo/core';
import type { LogChunk, LogEncoderReply } from './log-encoder-protocol.js';

const FIRST_GROUP_ROWS = 1000;
const GROUP_ROWS = 100_000;

/** A built worker file next to this module (sources under test use `dist/`). */
export function builtWorkerPath(file: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', file);
  const built = join(here, '..', '..', 'dist', file);
  if (!existsSync(built))
    throw new Error(`worker file ${built} is missing: run 'pnpm build' in packages/simulator`);
  return built;
}

/** Growable columns of one row group. */
class ChunkBuffer {
  relTimeS: Float64Array;
  queryId: Float64Array;
  source: Int32Array;
  eventType: Int32Array;
  queryTextId: Int32Array;
  clusterName: Int32Array;
  detailRows: number[] = [];
  detailTexts: string[] = [];
  rows = 0;

  constructor(readonly capacity: number) {
    this.relTimeS = new Float64Array(capacity);
    this.queryId = new Float64Array(capacity);
    this.source = new Int32Array(capacity);
    this.eventType = new Int32Array(capacity);
    this.queryTextId = new Int32Array(capacity);
    this.clusterName = new Int32Array(capacity);
  }
}

export class ParquetLogStream implements ControlEventSink {
  private readonly worker = new Worker(builtWorkerPath('log-encoder-worker.js'));
  private readonly codes = new Map<string, number>();
  private readonly dictionary: string[] = [];
  private chunk = new ChunkBuffer(FIRST_GROUP_ROWS);
  private failure: Error | null = null;
  rows = 0;

  constructor() {
    this.worker.on('error', (error) => {
      this.failure = error;
    });
    this.worker.on('exit', (code) => {
      this.failure ??= new Error(`the structured log encoder thread exited (code ${code})`);
    });
  }

  private code(value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  record(e: ControlEvent): void {
    const c = this.chunk;
    const i = c.rows++;
    c.relTimeS[i] = e.rel_time_s;
    c.queryId[i] = e.query_id ?? Number.NaN;
    c.source[i] = this.code(e.source);
    c.eventType[i] = this.code(e.event_type);
    c.queryTextId[i] = this.code(e.query_text_id);
    c.clusterName[i] = this.code(e.cluster_name);
    const d = e.details;
    if (d !== undefined) {
      c.detailRows.push(i);
      c.detailTexts.push(typeof d === 'string' ? d : JSON.stringify(d));
    }
    this.rows++;
    if (c.rows === c.capacity) {
      this.flush();
      this.chunk = new ChunkBuffer(GROUP_ROWS);
    }
  }

  private flush(): void {
    const c = this.chunk;
    if (c.rows === 0) return;
    const cut = <T extends Float64Array | Int32Array>(a: T): T =>
      c.rows === c.capacity ? a : (a.slice(0, c.rows) as T);
    const chunk: LogChunk = {
      rows: c.rows,
      relTimeS: cut(c.relTimeS),
      queryId: cut(c.queryId),
      source: cut(c.source),
      eventType: cut(c.eventType),
      queryTextId: cut(c.queryTextId),
      clusterName: cut(c.clusterName),
      dictionary: this.dictionary.slice(),
      detailRows: Int32Array.from(c.detailRows),
      detailTexts: c.detailTexts,
    };
    const transfer = [
      chunk.relTimeS,
      chunk.queryId,
      chunk.source,
      chunk.eventType,
      chunk.queryTextId,
      chunk.clusterName,
      chunk.detailRows,
    ].map((a) => a.buffer as ArrayBuffer);
    this.worker.postMessage({ kind: 'chunk', chunk }, transfer);
    c.rows = 0;
  }

  /** Encodes what is left and returns the whole file. */
  finish(): Promise<Uint8Array> {
    this.flush();
    return new Promise((resolve, reject) => {
      if (this.failure) {
        void this.worker.terminate();
        reject(this.failure);
        return;
      }
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(this.failure));
      this.worker.once('message', (reply: LogEncoderReply) => {
        void this.worker.terminate();
        if (reply.kind === 'done') resolve(reply.bytes);
        else reject(new Error(`structured log encoding failed: ${reply.message}`));
      });
      this.worker.postMessage({ kind: 'finish' });
    });
  }

  /** Stops the encoder without a file (the run failed). */
  abort(): Promise<number> {
    return this.worker.terminate();
  }
}
