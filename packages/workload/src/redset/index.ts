export {
  importRedset,
  type RedsetImport,
  type RedsetImportOptions,
  type RedsetImportStats,
} from './import-redset.js';
export {
  aggregateLatencies,
  buildLatencyProfile,
  type LatencyProfile,
  latencyProfileYaml,
  percentile,
} from './latency-profile.js';
export {
  OPTIONAL_REDSET_COLUMNS,
  REDSET_COLUMNS,
  REQUIRED_REDSET_COLUMNS,
} from './redset-columns.js';
export { saveRedsetImport } from './save-redset-import.js';
