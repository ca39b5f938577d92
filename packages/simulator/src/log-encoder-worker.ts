/**
 * Worker-thread side of `ParquetLogStream`: encodes the structured log one row group at a
 * time while the simulation goes on in the main thread, with the same schema and options
 * as `StructuredLog.toParquet()` of @autoslo/core (one column builder), so the bytes are the same.
 */
import { parentPort } from 'node:worker_threads';
import { structuredLogColumnData } from '@autoslo/core';
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
  const details = new Array<string | null>(chunk.rows).fill(null);
  chunk.detailRows.forEach((row, k) => {
    details[row] = chunk.detailTexts[k] as string;
  });
  const dict = chunk.dictionary;
  return structuredLogColumnData({
    wallClockS: null,
    relTimeS: chunk.relTimeS,
    source: decode(chunk.source, dict),
    eventType: decode(chunk.eventType, dict),
    queryId: chunk.queryId,
    queryTextId: decode(chunk.queryTextId, dict),
    clusterName: decode(chunk.clusterName, dict),
    details,
  });
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
