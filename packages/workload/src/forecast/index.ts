export { DAY_MS, dateOfEpochDay, epochDayOf, HOUR_MS } from './epoch-day.js';
export {
  FORECAST_POLICY_NAMES,
  type ForecastPolicyName,
  isForecastPolicyName,
  type SourceDay,
  sourceDaysFor,
} from './forecast-policy.js';
export {
  type ArrivalTimePolicyName,
  type ForecasterSettings,
  type ForecastScenario,
  forecastDay,
  forecastScenarios,
} from './forecaster.js';
export { decileTable, sampleHourFromDeciles, type WeightedBin } from './interarrival-deciles.js';
export { buildReservoir, Reservoir, type ReservoirWindow } from './reservoir.js';
