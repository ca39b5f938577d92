import * as v from 'valibot';
import { anyYaml, nonNegativeInt, positive, positiveInt } from './_common.js';
import { execConfigRefEntries, execConfigRefMessage, execConfigRefProblem } from './manifests.js';
import { emptyParams, ParamsSchema } from './params-schema.js';
import { SloObjectiveConfigSchema, SloResolverConfigSchema } from './slo-configs.js';
import { WorkloadConfigSchema } from './workload-config.js';

/** `false`, `true`, or a legend location such as `"upper right"`. */
const legend = () => v.union([v.boolean(), v.pipe(v.string(), v.minLength(1))]);

/** One method in a panel: a workload and the config that ran on it. */
export const PlotPointSchema = v.pipe(
  v.strictObject({
    label: v.string(),
    /** Key into the plotter's fixed (color, marker) table. */
    formatting_id: v.string(),
    workload_config: WorkloadConfigSchema,
    ...execConfigRefEntries,
    /** Must match the params the run was executed with. */
    params: v.optional(ParamsSchema, emptyParams),
  }),
  v.check((e) => execConfigRefProblem(e) === null, execConfigRefMessage),
);
export type PlotPoint = v.InferOutput<typeof PlotPointSchema>;

export const ThresholdLineSchema = v.strictObject({
  value: v.number(),
  color: v.optional(v.string(), 'gray'),
  label: v.optional(v.nullable(v.string()), null),
});
export type ThresholdLine = v.InferOutput<typeof ThresholdLineSchema>;

export const ImprovementArrowSchema = v.strictObject({
  base_label: v.string(),
  target_label: v.string(),
});
export type ImprovementArrow = v.InferOutput<typeof ImprovementArrowSchema>;

const panelEntries = {
  title: v.optional(v.string(), ''),
  /** `null`: inherit the layout's setting. */
  show_legend: v.optional(v.nullable(legend()), null),
  slo_objective_config: v.optional(SloObjectiveConfigSchema, () => ({})),
  slo_resolver_config: v.optional(SloResolverConfigSchema, () => ({})),
  threshold_lines: v.optional(v.array(ThresholdLineSchema), () => []),
  improvement_arrow: v.optional(v.nullable(ImprovementArrowSchema), null),
  /** Score only the last share of queries by arrival. */
  tail_fraction: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1)), 1.0),
  /** Score only queries arriving after cluster number k became READY. */
  min_cluster_index: v.optional(v.nullable(nonNegativeInt()), null),
  show_target_region: v.optional(v.nullable(v.boolean()), null),
  annotate_with_cluster_sizes: v.optional(v.nullable(v.boolean()), null),
  /** Black outline for points with x below this value. */
  outline_left_of: v.optional(v.nullable(v.number()), null),
  points: v.array(PlotPointSchema),
};

/** One panel of a multi-panel plot, placed at (`row`, `col`). */
export const PlotPanelSchema = v.strictObject({
  row: v.optional(nonNegativeInt(), 0),
  col: v.optional(nonNegativeInt(), 0),
  ...panelEntries,
});
export type PlotPanel = v.InferOutput<typeof PlotPanelSchema>;

/** `layout` of a multi-panel plot; `null` sizes are derived from the panels. */
export const PlotLayoutSchema = v.strictObject({
  rows: v.optional(v.nullable(positiveInt()), null),
  cols: v.optional(v.nullable(positiveInt()), null),
  figsize: v.optional(v.nullable(v.tuple([positive(), positive()])), null),
  shared_xlim: v.optional(v.boolean(), false),
  shared_ylim: v.optional(v.boolean(), false),
  show_legend: v.optional(legend(), true),
  show_target_region: v.optional(v.boolean(), false),
  suppress_subplot_titles: v.optional(v.boolean(), false),
  annotate_with_cluster_sizes: v.optional(v.boolean(), false),
  /** Reference method of the LaTeX table's "Mean Δ" row; `null` = the first method. */
  table_reference_label: v.optional(v.nullable(v.string()), null),
});
export type PlotLayout = v.InferOutput<typeof PlotLayoutSchema>;

const minRunId = () => v.optional(v.nullable(v.union([nonNegativeInt(), v.string()])), null);

/** `main_content` with `panels`: a grid of panels. */
export const MultiPanelPlotSchema = v.strictObject({
  min_run_id: minRunId(),
  layout: v.optional(PlotLayoutSchema, () => ({})),
  panels: v.pipe(v.array(PlotPanelSchema), v.minLength(1, 'must list at least one panel')),
});
export type MultiPanelPlot = v.InferOutput<typeof MultiPanelPlotSchema>;

/** `main_content` without `panels`: it is itself the one panel. */
export const SinglePanelPlotSchema = v.strictObject({
  min_run_id: minRunId(),
  ...panelEntries,
});
export type SinglePanelPlot = v.InferOutput<typeof SinglePanelPlotSchema>;

function hasPanels(x: unknown): boolean {
  return typeof x === 'object' && x !== null && 'panels' in x;
}

/** `manifests/plotting/*.yml` (reference §6.2), single- or multi-panel. */
export const PlottingManifestSchema = v.strictObject({
  locals: v.optional(anyYaml()),
  main_content: v.lazy((input) =>
    hasPanels(input) ? MultiPanelPlotSchema : SinglePanelPlotSchema,
  ),
});
export type PlottingManifest = v.InferOutput<typeof PlottingManifestSchema>;

export function isMultiPanelPlot(c: MultiPanelPlot | SinglePanelPlot): c is MultiPanelPlot {
  return 'panels' in c;
}

/**
 * A plot as a grid: a single-panel manifest becomes one panel at (0, 0) and a default layout,
 * so the plotter draws both kinds the same way.
 */
export function plotPanels(content: MultiPanelPlot | SinglePanelPlot): {
  multiPanel: boolean;
  minRunId: number | string | null;
  layout: PlotLayout;
  panels: PlotPanel[];
} {
  if (isMultiPanelPlot(content)) {
    return {
      multiPanel: true,
      minRunId: content.min_run_id,
      layout: content.layout,
      panels: content.panels,
    };
  }
  const { min_run_id, ...panel } = content;
  return {
    multiPanel: false,
    minRunId: min_run_id,
    layout: v.parse(PlotLayoutSchema, {}),
    panels: [{ row: 0, col: 0, ...panel }],
  };
}
