export { axis, baseOptions, methodStyle } from './chart-style.js';
export { type ClientAssets, clientAssets } from './client-assets.js';
export { escapeHtml, jsonForScript, scriptForInline } from './html-escape.js';
export { renderReportHtml } from './render-report-html.js';
export {
  type Cell,
  dataPointCount,
  type ReportChart,
  type ReportDataset,
  type ReportDocument,
  type ReportSection,
  type ReportTable,
  type TipPoint,
} from './report-document.js';
export { defaultReportPath } from './report-path.js';
export { readCalibrationCsv } from './sections/calibration-csv.js';
export {
  type CalibrationInput,
  type CalibrationPoint,
  calibrationSection,
} from './sections/calibration-section.js';
export { plotSection } from './sections/plot-section.js';
export { type RunSectionOptions, runSection } from './sections/run-section.js';
export { tuningSection } from './sections/tuning-section.js';
export { writeReport } from './write-report.js';
