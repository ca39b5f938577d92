export { type ReplayOptions, type ReplaySource, replayArrivals } from './replay-arrivals.js';
export { Semaphore, sleep } from './semaphore.js';
export {
  type StopReason,
  type SubmittedQuery,
  WallClockDriver,
  type WallClockDriverOptions,
} from './wall-clock-driver.js';
export { WallClockLog } from './wall-clock-log.js';
export {
  type BackendCluster,
  type BackendStatement,
  type ClusterStats,
  canForward,
  type ForwardedReply,
  type PassThroughStatement,
  type StatementForwarding,
  type StatementResult,
  type WarehouseBackend,
} from './warehouse-backend.js';
