export {
  DEFAULT_LATENCY_MODEL,
  type LatencyModelConfigInput,
  type LatencyModelSettings,
  parallelismOf,
  resolveLatencyModelSettings,
  serviceTimeAt,
} from './latency-model-settings.js';
export {
  type ClusterForecast,
  ConcurrencyAwarePredictor,
  emptyForecast,
  type ForecastOptions,
  IsolatedPredictor,
  type LatencyPredictor,
} from './latency-predictor.js';
export {
  createPredictionBuffer,
  type PredictionBuffer,
  ProcessorSharingExecution,
} from './processor-sharing-execution.js';
export {
  type ReferenceServiceTimeSources,
  ReferenceServiceTimes,
} from './reference-service-times.js';
export type { RunningQuery } from './running-query.js';
export { noiseFactor } from './service-noise.js';
