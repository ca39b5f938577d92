export {
  isLogEventType,
  LOG_EVENT_TYPES,
  type LogEventType,
  STRUCTURED_LOG_COLUMNS,
  STRUCTURED_LOG_FILENAME,
} from './log-event-types.js';
export { readStructuredLog } from './read-structured-log.js';
export { type LogEvent, StructuredLog } from './structured-log.js';
export {
  type StructuredLogColumnValues,
  structuredLogColumnData,
} from './structured-log-parquet.js';
