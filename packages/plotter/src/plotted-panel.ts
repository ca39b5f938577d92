/** The resolved, scored content of one panel: what every figure and table is drawn from. */
import type { PlotMetric } from './metric-axis.js';

export interface PlottedPoint {
  readonly label: string;
  readonly formattingId: string;
  /** Aggregated violation under the panel's metric, SLOs and window. */
  readonly x: number;
  /** Total cost in dollars. */
  readonly y: number;
  /** Live run id; null for simulator runs. */
  readonly runId: string | null;
  /** The run directory the point was scored from. */
  readonly runDir: string;
  /** The execution config id the run was located by (`<config stem>__<params>`). */
  readonly configId?: string;
  /** Text written beside the marker (cluster size), if asked for. */
  readonly annotation?: string | null;
}

export interface ThresholdLine {
  readonly value: number;
  /** A palette name (`light_green`) or any CSS colour. */
  readonly color: string;
  readonly label?: string | null;
}

export interface ImprovementArrow {
  readonly baseLabel: string;
  readonly targetLabel: string;
}

export interface PlottedPanel {
  /** Grid position; null for a single-panel manifest. */
  readonly row: number | null;
  readonly col: number | null;
  readonly title: string | null;
  readonly metric: PlotMetric;
  readonly sloThreshold: number;
  readonly points: readonly PlottedPoint[];
  readonly thresholdLines: readonly ThresholdLine[];
  readonly improvementArrow: ImprovementArrow | null;
  /** Legend position (`upper right`, ...), true for the default, false for none. */
  readonly showLegend: boolean | string;
  readonly showTargetRegion: boolean;
  readonly tailFraction: number;
  readonly outlineLeftOf: number | null;
}
