export {
  type CalibrateOptions,
  type Calibration,
  calibrate,
  priorModel,
  sliceMeasured,
} from './calibrate.js';
export {
  type CalibrationReport,
  type ComparisonFigures,
  calibrationReport,
  calibrationReportText,
  comparisonText,
} from './calibration-report.js';
export {
  type CompareOptions,
  compareRun,
  type RunComparison,
  type TemplateError,
} from './compare-run.js';
export { deriveFromSloTables, type SloTableDerivation } from './defaults-from-slo-tables.js';
export {
  type FittedParameter,
  fitLatencyModel,
  type LatencyModelFit,
  LatencyModelFitter,
  MIN_NOISE_OBSERVATIONS,
  type TemplateFit,
} from './latency-model-fit.js';
export { readLiveRunMeasurements } from './live-run-measurements.js';
export {
  collectObservations,
  type MeasuredRun,
  type ObservationSummary,
  QUEUE_THRESHOLD_S,
  type WorkgroupObservations,
} from './observations.js';
export { type ExecutionInterval, Occupancy } from './occupancy.js';
export { type LatencyModel, type Replay, type ReplayOptions, replayMeasuredRun } from './replay.js';
export {
  predictionPointsCsv,
  profileOf,
  type SavedCalibration,
  saveCalibration,
} from './save-calibration.js';
export {
  generateHistory,
  type HiddenModel,
  type HistoryRow,
  historyCsv,
  type SyntheticRun,
} from './synthetic-history.js';
