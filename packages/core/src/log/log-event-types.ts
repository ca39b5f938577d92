/**
 * The structured log's event vocabulary, one for the simulator, the wall-clock driver and
 * the plotter (the reference simulator's names, plus the live driver's). `event_type` is
 * this closed union everywhere an event is built; readers of foreign logs get strings.
 */
export const LOG_EVENT_TYPES = [
  // run
  'run_start',
  'run_finish',
  // query lifecycle
  'arrival',
  'query_routed',
  'query_execution_start',
  'query_execution_finish',
  'completion',
  // routing detail
  'latency_update',
  'routing_score',
  'routing',
  // cluster lifecycle
  'spin_up_decision',
  'spin_up_requested',
  'spin_up_started',
  'spin_up_completed',
  'spin_up_failed',
  'spin_up_blocked',
  'cluster_ready',
  'tear_down_decision',
  'tear_down_requested',
  'tear_down_blocked',
  'tear_down_started',
  'tear_down_completed',
  'stats_collected',
  'stats_collection_failed',
  'cluster_removed',
  'scheduled_spinup_executed',
  // autoscaler
  'rpu_counterfactual',
  'rpu_selection',
  'forced_decision_point',
  'sim_query_arrival',
  'sim_query_completion',
] as const;

export type LogEventType = (typeof LOG_EVENT_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(LOG_EVENT_TYPES);

/** Whether `name` is one of the vocabulary's event types. */
export function isLogEventType(name: string): name is LogEventType {
  return KNOWN.has(name);
}

/**
 * Column order of `structured_log.parquet`: the required columns, then the query and
 * cluster keys, then the other keys alphabetically (here only `details`, a JSON string).
 */
export const STRUCTURED_LOG_COLUMNS = [
  'wall_clock_s',
  'rel_time_s',
  'source',
  'event_type',
  'query_id',
  'query_text_id',
  'cluster_name',
  'details',
] as const;

export const STRUCTURED_LOG_FILENAME = 'structured_log.parquet';
