export {
  type BarsChartOptions,
  barLabel,
  barsChartConfig,
  barsChartHeight,
} from './charts/bars-chart.js';
export {
  type AxisLimits,
  panelNotes,
  type ScatterChartOptions,
  scatterChartConfig,
  scatterLimits,
  sharedLimits,
} from './charts/scatter-chart.js';
export {
  FALLBACK_FORMAT,
  FORMATTING,
  formatFor,
  type MarkerShape,
  type PointFormat,
} from './formatting.js';
export { type LatexTableOptions, latexTable, texEscape } from './latex-table.js';
export {
  isPlotMetric,
  type MetricAxis,
  metricAxis,
  PLOT_METRICS,
  type PlotMetric,
  type ViolationFields,
  violationFor,
} from './metric-axis.js';
export { PALETTE, type PaletteName, resolveColor } from './palette.js';
export type {
  ImprovementArrow,
  PlottedPanel,
  PlottedPoint,
  ThresholdLine,
} from './plotted-panel.js';
export { improvementText } from './plugins/improvement-arrow-plugin.js';
export { POINTS_CSV_HEADER, pointsCsv } from './points-csv.js';
export { pythonFloatRepr } from './python-float.js';
export {
  type ChartGeometry,
  type DecodedImage,
  INSTALL_HINT,
  loadRenderer,
  PIXEL_RATIO,
  type RenderedChart,
  type RenderedImage,
  type Renderer,
  RendererUnavailableError,
  rendererStatus,
} from './renderer.js';
