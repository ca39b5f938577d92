export { type ReplayOptions, type ReplaySource, replayArrivals } from './replay-arrivals.js';
export { Semaphore, sleep } from './semaphore.js';
export {
  type StopReason,
  type SubmittedQuery,
  WallClockDriver,
  type WallClockDriverOptions,
} from './wall-clock-driver.js';
export { WallClockLog } from './wall-clock-log.js';
export type {
  BackendCluster,
  BackendStatement,
  ClusterStats,
  StatementResult,
  WarehouseBackend,
} from './warehouse-backend.js';
