export type { BatchTask } from './batch-protocol.js';
export {
  type BatchExecutor,
  batchTasks,
  batchWorkerPath,
  type EvaluateBatchOptions,
  evaluateBatch,
} from './evaluate-batch.js';
export { EventHeap, EventRank } from './event-heap.js';
export {
  type ExecutedRun,
  type ExecutionPlan,
  type PlanAction,
  type PlannedRun,
  type PlanOptions,
  planExecution,
  runPlan,
} from './execute-manifest.js';
export { ParquetLogStream } from './parquet-log-stream.js';
export {
  checkCustomPolicyNames,
  loadPolicyModules,
  policyModuleUrl,
} from './policy-modules.js';
export { billingAnalysis, RUN_FILES, writeRunDirectory } from './run-outputs.js';
export { type SimulationSummary, SummaryAccumulator } from './run-summary.js';
export { type SimulateOptions, type SimulationOutcome, simulate } from './simulate.js';
export type { SimulationConfig, SimulationWorkload } from './simulation-types.js';
export { type UnmodelledSettingsInput, unmodelledSettings } from './unmodelled-settings.js';
