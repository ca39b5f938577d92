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
export { type LiveRunEntry, newestLiveRun, readLiveRunIndex } from './live-run-index.js';
export { locatePoint, type PointLocation, type PointRun, pointRun } from './locate-point.js';
export type { MethodActivity, PanelActivity } from './method-activity.js';
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
export {
  type MissingRun,
  type PlotOptions,
  type PlotResult,
  plotManifestContent,
} from './plot-manifest.js';
export { plotAllManifests, plotManifest } from './plot-manifest-file.js';
export { type PlotOutputs, panelStem, plotOutputs, plotStem } from './plot-outputs.js';
export type {
  ImprovementArrow,
  PlottedPanel,
  PlottedPoint,
  ThresholdLine,
} from './plotted-panel.js';
export { improvementText } from './plugins/improvement-arrow-plugin.js';
export { POINTS_CSV_HEADER, pointsCsv } from './points-csv.js';
export { produceCommand, tunePrerequisite } from './produce-command.js';
export { readRunActivity } from './read-run-activity.js';
export {
  type FigureOptions,
  type PanelPlacement,
  type RenderedFigure,
  type RenderedFigures,
  renderFigures,
  type SinglePanelFigure,
} from './render-figures.js';
export {
  BACKEND_ENV,
  type CanvasBackendName,
  type ChartGeometry,
  type ComposedImage,
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
export {
  type RunActivity,
  type RunEvent,
  runActivity,
  type SpinupRecord,
} from './run-activity.js';
