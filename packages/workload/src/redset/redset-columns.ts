/** Redset's column names (amazon-science/redset), those the importer reads. */
export const REDSET_COLUMNS = {
  instanceId: 'instance_id',
  queryId: 'query_id',
  arrivalTimestamp: 'arrival_timestamp',
  executionDurationMs: 'execution_duration_ms',
  featureFingerprint: 'feature_fingerprint',
  queryType: 'query_type',
  wasAborted: 'was_aborted',
  wasCached: 'was_cached',
  readTableIds: 'read_table_ids',
  numJoins: 'num_joins',
  numScans: 'num_scans',
} as const;

/** Without these a Redset file cannot become a workload. */
export const REQUIRED_REDSET_COLUMNS: readonly string[] = [
  REDSET_COLUMNS.arrivalTimestamp,
  REDSET_COLUMNS.executionDurationMs,
  REDSET_COLUMNS.featureFingerprint,
];

/** Read when present; every other Redset column is ignored. */
export const OPTIONAL_REDSET_COLUMNS: readonly string[] = [
  REDSET_COLUMNS.instanceId,
  REDSET_COLUMNS.queryId,
  REDSET_COLUMNS.queryType,
  REDSET_COLUMNS.wasAborted,
  REDSET_COLUMNS.wasCached,
  REDSET_COLUMNS.readTableIds,
  REDSET_COLUMNS.numJoins,
  REDSET_COLUMNS.numScans,
];
