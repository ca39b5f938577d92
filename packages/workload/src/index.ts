// Trace model and workload files (E2).

// Reservoir and forecaster (E7).
export {
  type ArrivalTimePolicyName,
  buildReservoir,
  DAY_MS,
  dateOfEpochDay,
  decileTable,
  epochDayOf,
  FORECAST_POLICY_NAMES,
  type ForecasterSettings,
  type ForecastPolicyName,
  type ForecastScenario,
  forecastDay,
  forecastScenarios,
  HOUR_MS,
  isForecastPolicyName,
  Reservoir,
  type ReservoirWindow,
  type SourceDay,
  sampleHourFromDeciles,
  sourceDaysFor,
  type WeightedBin,
} from './forecast/index.js';
export {
  DEFAULT_SCHEMA,
  type DiurnalOptions,
  type GeneratedWorkload,
  generateDiurnal,
  generatePhasedPoisson,
  generatePoisson,
  hourlyShape,
  type PhasedPoissonOptions,
  type PoissonOptions,
  type PoissonPhase,
  parsePhases,
  TPCDS_TEMPLATES,
  WEEKDAY_FACTORS,
} from './generators/index.js';
export {
  fingerprintOf,
  type NormalizedSql,
  type NormalizeOptions,
  normalizeSqlText,
  QUERY_TEXT_LIMIT,
  sameTemplatePrefix,
  sqlFingerprint,
} from './history/sql-fingerprint.js';
export { readWorkloadCsv } from './io/read-workload-csv.js';
export { readWorkloadFile } from './io/read-workload-file.js';
export {
  openWorkloadParquet,
  type RowGroupSelection,
  readWorkloadParquet,
  readWorkloadRowGroups,
  rowGroupsOverlapping,
  summarizeWorkloadParquet,
  type WorkloadReadOptions,
} from './io/read-workload-parquet.js';
export { formatDate, formatTimestampMs, parseDateMs, parseTimestampMs } from './io/timestamp.js';
export { REQUIRED_WORKLOAD_COLUMNS, WORKLOAD_COLUMNS } from './io/workload-columns.js';
export { workloadCsvText, writeWorkloadCsv } from './io/write-workload-csv.js';
export {
  WORKLOAD_ROW_GROUP_ROWS,
  workloadParquetBytes,
  workloadParquetColumns,
  writeWorkloadParquet,
} from './io/write-workload-parquet.js';
export {
  type LoadedWorkload,
  loadWorkload,
  relativeStartTimes,
  resolveWorkloadFile,
  sliceToDate,
  type WorkloadSource,
} from './load-workload.js';
export { quantileOfSorted } from './quantile.js';
export {
  formatQueryTextId,
  parseQueryTextId,
  type QueryTextIdParts,
  schemaOf,
} from './query-text-id.js';
export {
  aggregateLatencies,
  buildLatencyProfile,
  importRedset,
  type LatencyProfile,
  latencyProfileYaml,
  OPTIONAL_REDSET_COLUMNS,
  percentile,
  REDSET_COLUMNS,
  REQUIRED_REDSET_COLUMNS,
  type RedsetImport,
  type RedsetImportOptions,
  type RedsetImportStats,
  saveRedsetImport,
} from './redset/index.js';
export { SeededRandom } from './seeded-random.js';
export { summarizeTrace, type TraceSummary, TraceSummaryBuilder } from './summarize-trace.js';
export { sliceTrace, type Trace, type TraceRow, traceFromRows, traceRow } from './trace.js';
