export {
  deleteLeftovers,
  findLeftovers,
  type Leftover,
  OWNER_PID_FILENAME,
} from './cleanup.js';
export {
  type CollectedStats,
  collectWorkgroupStats,
  QUERY_HISTORY_PREFIX,
  SERVERLESS_USAGE_PREFIX,
} from './collect-stats.js';
export { createLiveClients, type LiveClientOptions, type LiveClients } from './live-clients.js';
export { type AbortReason, LiveRunAborted } from './live-errors.js';
export {
  type LiveEntry,
  type LiveEntryAction,
  type LivePlan,
  type LivePlanOptions,
  planLiveExecution,
  runLivePlan,
} from './live-manifest.js';
export {
  type LiveExecutionConfig,
  type LiveRunOptions,
  type LiveRunOutcome,
  runLive,
} from './live-run.js';
export {
  abandonedPartialRuns,
  type PartialRun,
  removeAbandonedPartialRuns,
} from './partial-runs.js';
export { RateLimiter, type RateLimiterSettings } from './rate-limiter.js';
export {
  RESULT_CACHE_OFF,
  RedshiftServerlessBackend,
  type RedshiftServerlessBackendOptions,
} from './redshift-serverless-backend.js';
export {
  JOURNAL_FILENAME,
  type JournalEntry,
  outstandingResources,
  ResourceJournal,
} from './resource-journal.js';
export { classifyError, type ErrorKind, RetryPolicy, type RetrySettings } from './retry-policy.js';
export {
  appendRunIndex,
  latestCompleteRun,
  type RunIndexEntry,
  readRunIndex,
} from './run-index.js';
export {
  CLUSTER_TAG,
  CREATED_BY_TAG,
  ProvisioningError,
  RUN_ID_TAG,
  ServerlessProvisioner,
  validCapacityAtLeast,
} from './serverless-provisioner.js';
export { MAX_STATEMENT_BYTES, SqlCatalog, taggedSql } from './sql-catalog.js';
export {
  type PollSettings,
  type StatementOutcome,
  StatementRunner,
  type StatementTarget,
} from './statement-runner.js';
