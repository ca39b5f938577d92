/**
 * The SYS_QUERY_HISTORY columns the history importer reads (Redshift's names; durations in
 * microseconds, times UTC). `workgroup_name` and `compute_capacity` are not in the view:
 * an export may add them (the workgroup and its RPU when the query ran); the Data API
 * import fills them from the workgroup and SYS_SERVERLESS_USAGE.
 */
export const HISTORY_COLUMNS = {
  queryId: 'query_id',
  startTime: 'start_time',
  endTime: 'end_time',
  elapsedTime: 'elapsed_time',
  queueTime: 'queue_time',
  executionTime: 'execution_time',
  status: 'status',
  queryType: 'query_type',
  resultCacheHit: 'result_cache_hit',
  queryText: 'query_text',
  genericQueryHash: 'generic_query_hash',
  workgroupName: 'workgroup_name',
  computeCapacity: 'compute_capacity',
} as const;

const H = HISTORY_COLUMNS;

/** Without these a history cannot become a workload and a measured-latency table. */
export const REQUIRED_HISTORY_COLUMNS: readonly string[] = [
  H.queryId,
  H.startTime,
  H.queueTime,
  H.executionTime,
  H.status,
  H.queryType,
  H.queryText,
];

/** Read when present; every other column (`end_time` too: elapsed time says it) is ignored. */
export const OPTIONAL_HISTORY_COLUMNS: readonly string[] = [
  H.elapsedTime,
  H.resultCacheHit,
  H.genericQueryHash,
  H.workgroupName,
  H.computeCapacity,
];
