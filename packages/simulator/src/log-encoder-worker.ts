/**
 * Worker-thread side of `ParquetLogStream`: encodes the structured log one row group at a
 * time while the simulation goes on in the main thread, with the same schema and options
 * as `StructuredLog.toParquet()` of @autoslo/core, so the bytes are the same.
 */
import { parentPort } from 'node:worker_threads';
import {
  ByteWriter,
  type ColumnSource,
  ParquetWriter,
  schemaFromColumnData,
} from 'hyparquet-writer';
import type { LogChunk, LogEncoderReply } from './log-encoder-protocol.js';

let writer: ByteWriter | undefined;
let parquet: ParquetWriter | undefined;

function decode(codes: Int32Array, dictionary: readonly string[]): (string | null)[] {
  const out = new Array<string | null>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    out[i] = code < 0 ? null : (dictionary[code] as string);
  }
  return out;
}

function columnsOf(chunk: LogChunk): ColumnSource[] {
  const n = chunk.rows;
  const queryId = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const v = chunk.queryId[i] as number;
    queryId[i] = Number.isNaN(v) ? null : v;
  }
  const details = new Array<string | null>(n).fill(null);
  chunk.detailRows.forEach((row, k) => {
    details[row] = chunk.detailTexts[k] as string;
  });
  const dict = chunk.dictionary;
  return [
    { name: 'wall_clock_s', data: new Array<null>(n).fill(null), type: 'DOUBLE' },
    { name: 'rel_time_s', data: chunk.relTimeS, type: 'DOUBLE', nullable: false },
    { name: 'source', data: decode(chunk.source, dict), type: 'STRING', nullable: false },
    { name: 'event_type', data: decode(chunk.eventType, dict), type: 'STRING', nullable: false },
    { name: 'query_id', data: queryId, type: 'DOUBLE' },
    { name: 'query_text_id', data: decode(chunk.queryTextId, dict), type: 'STRING' },
    { name: 'cluster_name', data: decode(chunk.clusterName, dict), type: 'STRING' },
    { name: 'details', data: details, type: 'STRING' },
  ];
}

parentPort?.on('message', (message: { kind: 'chunk'; chunk: LogChunk } | { kind: 'finish' }) => {
  try {
    if (message.kind === 'chunk') {
      const columnData = columnsOf(message.chunk);
      if (parquet === undefined) {
        writer = new ByteWriter();
        parquet = new ParquetWriter({
          writer,
          schema: schemaFromColumnData({ columnData }),
          createdBy: 'autoslo-ts',
        });
      }
      void parquet.write({ columnData, rowGroupSize: message.chunk.rows });
      return;
    }
    if (parquet === undefined || writer === undefined) throw new Error('no rows were logged');
    parquet.finish();
    const bytes = new Uint8Array(writer.getBuffer());
    const reply: LogEncoderReply = { kind: 'done', bytes };
    parentPort?.postMessage(reply, [bytes.buffer]);
  } catch (error) {
    const reply: LogEncoderReply = {
      kind: 'error',
      message: (error as Error).stack ?? String(error),
    };
    parentPort?.postMessage(reply);
  }
});
