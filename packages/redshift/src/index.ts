/** @autoslo/redshift: the live Redshift Serverless driver (src/live/) and a local endpoint (src/local/). */

export * from './gateway/index.js';
export * from './live/index.js';
export {
  BILLING_MINIMUM_S,
  type BusyInterval,
  billedSecondsOf,
  billingGroups,
  type Clock,
  DEMO_DATABASE,
  demoDatasetSql,
  type FailingStatementRule,
  type FaultOptions,
  isLoopbackHost,
  type LocalRedshift,
  type LocalRedshiftOptions,
  ManualClock,
  type ServerlessUsageRow,
  serverlessUsageRows,
  startLocalRedshift,
  systemClock,
} from './local/index.js';
