export { type Clock, ManualClock, systemClock } from './clock.js';
export { DEMO_DATABASE, demoDatasetSql } from './demo-dataset.js';
export { DEFAULT_MAX_SLOTS, RPU_PER_SLOT, statementSlotsOf } from './engine-pool.js';
export type { FailingStatementRule, FaultOptions } from './faults.js';
export {
  type LocalRedshift,
  type LocalRedshiftOptions,
  startLocalRedshift,
} from './local-redshift.js';
export { isLoopbackHost } from './loopback.js';
export {
  BILLING_MINIMUM_S,
  type BusyInterval,
  billedSecondsOf,
  billingGroups,
  type ServerlessUsageRow,
  serverlessUsageRows,
} from './serverless-usage.js';
