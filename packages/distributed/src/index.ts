export { ContentStore, sha256 } from './content-store.js';
export { type FileEntries, packFiles, unpackFiles } from './file-bundle.js';
export type { InputFileRef, SimulationJobData, SimulationJobResult } from './job-protocol.js';
export {
  freePort,
  type RedisServer,
  redisServerBinary,
  startRedisServer,
} from './local-redis-server.js';
export {
  checkRedis,
  RedisLostError,
  RedisUnreachableError,
  redisClient,
  redisUrlForDisplay,
} from './redis-connection.js';
export {
  type ExecutorStatus,
  type ExecutorTraffic,
  RedisExecutor,
  type RedisExecutorOptions,
} from './redis-executor.js';
export { DEFAULT_PREFIX, QUEUE_NAME, RedisKeys } from './redis-keys.js';
export { type RunInputFile, runInputFiles } from './run-inputs.js';
export {
  SimulationWorker,
  type SimulationWorkerOptions,
  type WorkerJobEvent,
} from './simulation-worker.js';
export { decodeWorkload, encodeWorkload } from './workload-codec.js';
