/**
 * Messages between `ParquetLogStream` and its encoder thread. Strings travel as dictionary
 * codes in transferred typed arrays (no per-row string copies between threads); the
 * dictionaries are small (event types, sources, query texts, cluster names).
 */

/** One row group of the structured log, column by column. */
export interface LogChunk {
  readonly rows: number;
  readonly relTimeS: Float64Array;
  /** NaN = null. */
  readonly queryId: Float64Array;
  /** Codes into `dictionary`; -1 = null. */
  readonly source: Int32Array;
  readonly eventType: Int32Array;
  readonly queryTextId: Int32Array;
  readonly clusterName: Int32Array;
  /** Every string coded so far, by code. */
  readonly dictionary: readonly string[];
  /** Rows that have details, and their JSON text. */
  readonly detailRows: Int32Array;
  readonly detailTexts: readonly string[];
}

export type LogEncoderReply =
  | { readonly kind: 'done'; readonly bytes: Uint8Array }
  | { readonly kind: 'error'; readonly message: string };
