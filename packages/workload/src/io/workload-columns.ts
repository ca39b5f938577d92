/** The workload file's column names, shared by the Parquet and CSV readers and writers. */
export const WORKLOAD_COLUMNS = {
  queryId: 'query_id',
  absStartTime: 'abs_start_time',
  queryTextId: 'query_text_id',
  repetitionId: 'repetition_id',
  isolatedLatencyS: 'isolated_latency_s',
} as const;

/** Columns every workload file must have, in the reference's order. */
export const REQUIRED_WORKLOAD_COLUMNS: readonly string[] = [
  WORKLOAD_COLUMNS.queryId,
  WORKLOAD_COLUMNS.absStartTime,
  WORKLOAD_COLUMNS.queryTextId,
  WORKLOAD_COLUMNS.repetitionId,
];
