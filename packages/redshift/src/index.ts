/** @autoslo/redshift: the live Redshift Serverless driver (src/live/) and a local endpoint (src/local/). */

export * from './gateway/index.js';
export * from './live/index.js';
export {
  BILLING_MINIMUM_S,
  type BusyInterval,
  billedSecondsOf,
  billingGroups,
  type Clock,
  DEFAULT_MAX_SLOTS,
  DEMO_DATABASE,
  demoDatasetSql,
  type FailingStatementRule,
  type FaultOptions,
  isLoopbackHost,
  type LocalRedshift,
  type LocalRedshiftOptions,
  ManualClock,
  RPU_PER_SLOT,
  type ServerlessUsageRow,
  serverlessUsageRows,
  startLocalRedshift,
  statementSlotsOf,
  systemClock,
} from './local/index.js';
