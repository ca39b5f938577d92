/**
 * Session parameters that exist in Redshift and not in Postgres. `SET` of one of them is
 * accepted and does nothing here (there is no result cache to turn off), so a client that
 * sets them - the live driver turns the result cache off for measured queries - runs
 * unchanged against this endpoint.
 */
const REDSHIFT_ONLY_PARAMETERS = new Set([
  'enable_result_cache_for_session',
  'query_group',
  'wlm_query_slot_count',
  'auto_mv',
  'datestyle_redshift',
  'enable_case_sensitive_identifier',
  'analyze_threshold_percent',
  'mv_enable_aqmv_for_session',
]);

const SET_STATEMENT = /^\s*set\s+(?:session\s+)?([a-z_][a-z0-9_]*)\s*(?:to|=)\s*[^;]+;?\s*$/i;

/** Whether `sql` is a single `SET <Redshift-only parameter> TO ...`. */
export function isRedshiftOnlySetting(sql: string): boolean {
  const m = SET_STATEMENT.exec(sql);
  return m !== null && REDSHIFT_ONLY_PARAMETERS.has((m[1] as string).toLowerCase());
}
