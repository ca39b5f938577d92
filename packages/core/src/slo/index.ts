export {
  type AggregationMethod,
  aggregateAcross,
  parseAggregationMethod,
  quantile,
} from './aggregate-across.js';
export {
  type BuiltSloTable,
  buildSloTables,
  buildSloTablesFromLog,
  DEFAULT_SLO_TABLE_AGGREGATIONS,
  DEFAULT_SLO_TABLE_MULTIPLIERS,
  latenciesByTemplate,
  parseSloTableAggregation,
  type SloTableAggregation,
  writeSloTablesFromRun,
} from './build-slo-tables.js';
export { roundDecimals } from './round-decimals.js';
export {
  isSloMetricName,
  meanViolation,
  parseSloMetricName,
  perQueryViolation,
  SLO_METRIC_NAMES,
  type SloMetricName,
  ViolationMean,
} from './slo-metric.js';
export {
  COMPARISON_TOLERANCE,
  cmp,
  idxOfBest,
  isFeasible,
  rankIndices,
  type Scored,
  SloObjective,
  type SloObjectiveSettings,
} from './slo-objective.js';
export {
  DEFAULT_SLO_S,
  SloResolver,
  type SloResolverInit,
  type SloResolverSettings,
  sloTableFileOf,
} from './slo-resolver.js';
export { parseSloTable, readSloTableFile, type SloTable } from './slo-table-file.js';
export {
  formatSloTable,
  pythonFloat,
  pythonNumber,
  type SloTableContent,
  sloTableFilename,
  yamlString,
} from './slo-table-format.js';
export { templateIdOf } from './template-id.js';
