/**
 * Every PNG of a plot: the scatter grid, the bars grid, and the per-run charts (spin-up
 * timeline, latency CDF, clusters over time), each panel drawn by chart.js and composed
 * onto one canvas at the panel's grid position.
 */
import { barsChartConfig, barsChartHeight } from './charts/bars-chart.js';
import { clustersChartConfig } from './charts/clusters-chart.js';
import { latencyCdfChartConfig } from './charts/latency-cdf-chart.js';
import { scatterChartConfig, scatterLimits, sharedLimits } from './charts/scatter-chart.js';
import { timelineChartConfig, timelineChartHeight } from './charts/timeline-chart.js';
import { type GridShape, gridCells } from './grid-shape.js';
import { longestDurationS, type PanelActivity } from './method-activity.js';
import { metricAxis } from './metric-axis.js';
import type { PlottedPanel } from './plotted-panel.js';
import type { ChartGeometry, RenderedChart, RenderedImage, Renderer } from './renderer.js';

export interface FigureOptions {
  readonly live: boolean;
  readonly shape: GridShape;
  /** Figure size in inches, as the reference's `figsize` (default 6 x cols by 5 x rows). */
  readonly figsize: readonly [number, number] | null;
  readonly sharedX: boolean;
  readonly sharedY: boolean;
  /** Also draw each panel on its own, with the grid's axis ranges (the reference's --per_panel). */
  readonly perPanel?: { readonly suppressTitles: boolean } | null;
  readonly warn?: (message: string) => void;
}

/** One panel drawn alone. */
export interface SinglePanelFigure {
  readonly title: string | null;
  readonly scatter: RenderedImage;
  readonly bars: RenderedImage;
}

/** Where each panel's chart landed in a figure, for checking pixels against the data. */
export interface PanelPlacement {
  readonly row: number | null;
  readonly col: number | null;
  /** Top-left corner of the panel in the figure, device pixels. */
  readonly x: number;
  readonly y: number;
  /** The panel's plot area and scales, CSS pixels relative to the panel. */
  readonly geometry: ChartGeometry;
}

export interface RenderedFigure extends RenderedImage {
  readonly panels: readonly PanelPlacement[];
}

export interface RenderedFigures {
  readonly scatter: RenderedFigure;
  readonly bars: RenderedFigure;
  readonly timeline: RenderedFigure;
  readonly cdf: RenderedFigure;
  readonly clusters: RenderedFigure;
  /** Per-panel figures when asked for; empty otherwise. */
  readonly perPanel: readonly SinglePanelFigure[];
}

/** Pixels per inch of `figsize`, chosen so fonts stay readable in small panels. */
const PX_PER_INCH = 130;

async function grid(
  renderer: Renderer,
  shape: GridShape,
  panels: readonly { row: number | null; col: number | null }[],
  draw: (index: number) => Promise<RenderedChart>,
): Promise<RenderedFigure> {
  const items = await Promise.all(
    panels.map(async (p, i) => ({ row: p.row, col: p.col, item: await draw(i) })),
  );
  const only = items[0];
  if (shape.rows === 1 && shape.cols === 1 && only) {
    const { png, width, height, geometry } = only.item;
    return { png, width, height, panels: [{ row: only.row, col: only.col, x: 0, y: 0, geometry }] };
  }
  const composed = await renderer.composeGrid(gridCells(shape, items));
  const placements = items.map(({ row, col, item }) => {
    const at = composed.offsets[row ?? 0]?.[col ?? 0] ?? { x: 0, y: 0 };
    return { row, col, x: at.x, y: at.y, geometry: item.geometry };
  });
  return { png: composed.png, width: composed.width, height: composed.height, panels: placements };
}

export async function renderFigures(
  renderer: Renderer,
  panels: readonly PlottedPanel[],
  activity: readonly PanelActivity[],
  options: FigureOptions,
): Promise<RenderedFigures> {
  const { shape, live } = options;
  const [fw, fh] = options.figsize ?? [6 * shape.cols, 5 * shape.rows];
  const cellW = Math.max(480, Math.round((fw / shape.cols) * PX_PER_INCH));
  const cellH = Math.max(360, Math.round((fh / shape.rows) * PX_PER_INCH));
  const multi = panels.length > 1 || shape.rows * shape.cols > 1;

  const own = panels.map(scatterLimits);
  const scales = new Set(panels.map((p) => metricAxis(p.metric).scale));
  // Panels of different scales cannot share an x range.
  const xScale = scales.size === 1 ? [...scales][0] : undefined;
  const xLimits =
    multi && options.sharedX && xScale
      ? sharedLimits(
          own.map((l) => l.x),
          xScale,
        )
      : undefined;
  const yLimits = multi && options.sharedY ? sharedLimits(own.map((l) => l.y)) : undefined;
  // Panels keep their own ranges unless shared; per-panel exports reuse exactly these.
  const xLimitsOf = (i: number) => xLimits ?? own[i]?.x;
  const yLimitsOf = (i: number) => yLimits ?? own[i]?.y;
  const scatter = await grid(renderer, shape, panels, (i) =>
    renderer.renderChart(
      scatterChartConfig(panels[i]!, {
        live,
        xLimits: xLimitsOf(i),
        yLimits: yLimitsOf(i),
        warn: options.warn,
      }),
      cellW,
      cellH,
    ),
  );

  const maxPoints = Math.max(1, ...panels.map((p) => p.points.length));
  const bars = await grid(renderer, shape, panels, (i) =>
    renderer.renderChart(
      barsChartConfig(panels[i]!, { live, showMethodNames: (panels[i]!.col ?? 0) === 0 }),
      700,
      barsChartHeight(maxPoints),
    ),
  );

  const duration = longestDurationS(activity);
  const maxLanes = Math.max(1, ...activity.map((a) => a.methods.length));
  const timeline = await grid(renderer, shape, activity, (i) =>
    renderer.renderChart(
      timelineChartConfig(activity[i]!, duration),
      650,
      timelineChartHeight(maxLanes),
    ),
  );
  const cdf = await grid(renderer, shape, activity, (i) =>
    renderer.renderChart(latencyCdfChartConfig(activity[i]!), 560, 420),
  );
  const clusters = await grid(renderer, shape, activity, (i) =>
    renderer.renderChart(clustersChartConfig(activity[i]!, duration), 560, 380),
  );
  const perPanel: SinglePanelFigure[] = [];
  if (options.perPanel && multi) {
    const showTitle = !options.perPanel.suppressTitles;
    for (const [i, panel] of panels.entries()) {
      perPanel.push({
        title: panel.title,
        scatter: await renderer.renderChart(
          scatterChartConfig(panel, {
            live,
            xLimits: xLimitsOf(i),
            yLimits: yLimitsOf(i),
            showTitle,
          }),
          cellW,
          cellH,
        ),
        bars: await renderer.renderChart(
          barsChartConfig(panel, { live, showTitle }),
          700,
          barsChartHeight(panel.points.length),
        ),
      });
    }
  }
  return { scatter, bars, timeline, cdf, clusters, perPanel };
}
