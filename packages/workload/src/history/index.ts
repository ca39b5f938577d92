export { concatHistoryTables } from './concat-history-tables.js';
export {
  HISTORY_COLUMNS,
  OPTIONAL_HISTORY_COLUMNS,
  REQUIRED_HISTORY_COLUMNS,
} from './history-columns.js';
export {
  emptyCategoryCounts,
  type HistoryImport,
  type HistoryImportOptions,
  type HistoryImportStats,
  type HistoryTemplate,
  importHistory,
} from './import-history.js';
export {
  MEASURED_COLUMNS,
  type MeasuredLatencies,
  measuredLatenciesBytes,
  QUERY_CATEGORIES,
  type QueryCategory,
  readMeasuredLatencies,
  writeMeasuredLatencies,
} from './measured-latencies.js';
export { type HistoryTable, readHistoryFile } from './read-history-file.js';
export {
  measuredLatenciesFile,
  type SavedHistoryImport,
  saveHistoryImport,
} from './save-history-import.js';
export {
  fingerprintOf,
  type NormalizedSql,
  type NormalizeOptions,
  normalizeSqlText,
  QUERY_TEXT_LIMIT,
  sameTemplatePrefix,
  sqlFingerprint,
} from './sql-fingerprint.js';
