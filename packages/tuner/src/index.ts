export {
  type AggregatedResults,
  aggregateResults,
  primaryViolation,
  scoredOf,
} from './aggregated-results.js';
export {
  type CongestionEpoch,
  congestionEpochs,
  type PlacementOptions,
  placementTimes,
} from './congestion-epochs.js';
export { type InProcessEvaluatorOptions, inProcessEvaluator } from './in-process-evaluator.js';
export {
  type ParamSweepOptions,
  type ParamSweepSettings,
  runParamSweep,
  SWEEP_STRATEGIES,
  type SweepOutcome,
  type SweepPointResult,
  type SweepResultsFile,
} from './param-sweep.js';
export { PhaseTimer, type PhaseTiming, parseTimingReport } from './phase-timer.js';
export {
  type PlannedTuningRun,
  planTuningRuns,
  type TuningPlanInput,
} from './plan-tuning-runs.js';
export { QueryTimelineSink } from './query-timeline-sink.js';
export type { Recorder } from './recorder.js';
export { configForScenario } from './scenario-batch.js';
export { prepareScenarios, type Scenario, type ScenarioSets } from './scenario-sets.js';
export { simulatorEvaluator } from './simulator-evaluator.js';
export {
  type AttemptRecord,
  optimizeSpinups,
  type RoundSummary,
  type SpinupCandidateResult,
  type SpinupOptimizerOptions,
  type SpinupOptimizerSettings,
} from './spinup-optimizer.js';
export {
  gridDigits,
  gridIndexOf,
  gridIndices,
  gridPoint,
  gridSize,
  randomIndices,
  type SweepParams,
  type SweepPoint,
} from './sweep-points.js';
export {
  isTuningRunPublished,
  type PhaseProgress,
  readTimingReport,
  runTuning,
  type TuneOptions,
  type TuningRunResult,
  type TuningRunSpec,
} from './tuning-run.js';
export type {
  EvaluationRequest,
  QueryTimeline,
  ScenarioRun,
  ScenarioSetEvaluator,
  ScenarioSetName,
  ScenarioSummary,
  ScheduledSpinupEntry,
  TunableConfig,
  TuningPhaseOptions,
} from './types.js';
export { plannedClusterCount, withSpinup } from './with-spinup.js';
export { dumpYaml } from './yaml-dump.js';
