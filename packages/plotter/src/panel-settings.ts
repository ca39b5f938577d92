/**
 * A manifest panel's drawing settings, with the layout's defaults merged in: everything of a
 * `PlottedPanel` except its points.
 */
import type { PlotLayout, PlotPanel } from '@autoslo/config';
import type { PlottedPanel } from './plotted-panel.js';

export type PanelSettings = Omit<PlottedPanel, 'points'> & {
  readonly annotateWithClusterSizes: boolean;
};

export function panelSettings(
  panel: PlotPanel,
  layout: PlotLayout,
  multiPanel: boolean,
): PanelSettings {
  return {
    row: multiPanel ? panel.row : null,
    col: multiPanel ? panel.col : null,
    title: panel.title || null,
    metric: panel.slo_objective_config.slo_metric,
    sloThreshold: panel.slo_objective_config.slo_threshold,
    thresholdLines: panel.threshold_lines.map((t) => ({
      value: t.value,
      color: t.color,
      label: t.label,
    })),
    improvementArrow: panel.improvement_arrow
      ? {
          baseLabel: panel.improvement_arrow.base_label,
          targetLabel: panel.improvement_arrow.target_label,
        }
      : null,
    // A panel's own setting wins; unset panels follow the layout.
    showLegend: panel.show_legend ?? layout.show_legend,
    showTargetRegion: panel.show_target_region ?? layout.show_target_region,
    tailFraction: panel.tail_fraction,
    outlineLeftOf: panel.outline_left_of,
    annotateWithClusterSizes:
      panel.annotate_with_cluster_sizes ?? layout.annotate_with_cluster_sizes,
  };
}
