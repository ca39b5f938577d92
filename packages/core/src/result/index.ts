export {
  type AggregatableSummary,
  type AggregatedExecutionResults,
  aggregateSummaries,
  violationForMetric,
} from './aggregate-summaries.js';
export {
  BILLING_ANALYSIS_FILENAME,
  type BillingIntervalAnalysis,
  buildBillingIntervalAnalysis,
  type ClusterBillingAnalysis,
  type ClusterBillingInput,
  formatBillingIntervalAnalysis,
  readBillingIntervalAnalysis,
  totalBilledCost,
  writeBillingIntervalAnalysis,
} from './billing-interval-analysis.js';
export type { ExecutionResult, ExecutionSummary } from './execution-summary.js';
export { chargedSecondsOf, listUsageFiles, liveCost, USAGE_FILE_PREFIX } from './live-cost.js';
export {
  EXECUTION_CONFIG_FILENAME,
  isClosedLoop,
  type LoadExecutionResultOptions,
  loadExecutionResult,
  toExecutionSummary,
} from './load-execution-result.js';
export {
  type ExtractOptions,
  extractQueryLatencies,
  type QueryLatencies,
  sliceQueryLatencies,
} from './query-latencies.js';
export {
  clusterReadyTimes,
  type QueryWindow,
  selectQueryWindow,
  type WindowOptions,
} from './query-window.js';
export { type SummarizeExecutionOptions, summarizeExecution } from './summarize-execution.js';
export { summarizeViolations, type ViolationMetrics } from './summarize-queries.js';
