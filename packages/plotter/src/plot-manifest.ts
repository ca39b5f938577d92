/**
 * A plotting manifest to its figures and tables: locate each point's run as `execute` named
 * it, re-score it under the panel's SLO resolver, objective and window, then write the CSV,
 * the LaTeX table and (when node-canvas loads) the PNGs. Missing runs are reported with the
 * command that would produce them.
 */
import {
  type DataDir,
  type PlotPanel,
  type PlottingManifest,
  pathExists,
  plotPanels,
  toDataDir,
  writeFileAtomic,
} from '@autoslo/config';
import { loadExecutionResult, SloResolver } from '@autoslo/core';
import { gridShape } from './grid-shape.js';
import { latexTable } from './latex-table.js';
import { readLiveRunIndex } from './live-run-index.js';
import { locatePoint, type PointLocation } from './locate-point.js';
import type { MethodActivity, PanelActivity } from './method-activity.js';
import { violationFor } from './metric-axis.js';
import { panelSettings } from './panel-settings.js';
import { type PlotOutputs, panelStem, plotOutputs, plotStem } from './plot-outputs.js';
import type { PlottedPanel, PlottedPoint } from './plotted-panel.js';
import { pointsCsv } from './points-csv.js';
import { executionManifestPairs, produceCommand, tunePrerequisite } from './produce-command.js';
import { readRunActivity } from './read-run-activity.js';
import { type RenderedFigures, renderFigures } from './render-figures.js';
import { type CanvasBackendName, loadRenderer, RendererUnavailableError } from './renderer.js';
import type { RunActivity } from './run-activity.js';

export interface PlotOptions {
  readonly dataDir: string | DataDir;
  /** Plot live runs (the run index) instead of simulator runs. */
  readonly live?: boolean;
  /** Redraw even when the PNG exists. */
  readonly force?: boolean;
  /** Multi-panel plots: also write each panel alone (`<stem>#<title>.png`, `_bars.png`). */
  readonly perPanel?: boolean;
  /** Where the manifest came from, for error messages. */
  readonly file?: string;
  readonly warn?: (message: string) => void;
  /** Locate and score the points but write nothing (a report reads the result). */
  readonly scoreOnly?: boolean;
}

export interface MissingRun {
  readonly panelTitle: string | null;
  readonly label: string;
  readonly workloadId: string;
  readonly configId: string;
  readonly reason: string;
  /** What to run to produce it. */
  readonly command: string;
}

export interface PlotResult {
  readonly name: string;
  readonly stem: string;
  /** `exists`: skipped, the PNG is there (use force); `no-points`: no run found at all. */
  readonly status: 'written' | 'exists' | 'no-points';
  readonly outputs: PlotOutputs;
  /** Files actually written. */
  readonly written: readonly string[];
  readonly missing: readonly MissingRun[];
  readonly panels: readonly PlottedPanel[];
  /** Set when PNGs could not be drawn here; the CSV and LaTeX table are written anyway. */
  readonly renderError: RendererUnavailableError | null;
  /** The drawn figures (null when nothing was drawn). */
  readonly figures: RenderedFigures | null;
  /** Each panel's runs as the timeline, CDF and cluster charts read them. */
  readonly activity: readonly PanelActivity[];
  /** The canvas package that drew the PNGs (null when none were drawn). */
  readonly backend: CanvasBackendName | null;
}

/**
 * The RPU of cluster number 1 (the second one spun up), as the reference annotates points.
 * Cluster names end in their counter (`autoslo-32-<tag>-001`, the reference's
 * `autoslo-wg-32rpu-<ts>-1`); names without one fall back to the second cluster to be ready.
 */
export function clusterSizeNote(activity: RunActivity): string | null {
  const counterOf = (name: string) => {
    const m = /-(\d+)$/.exec(name);
    return m ? Number(m[1]) : null;
  };
  const numbered = activity.spinups.find((s) => counterOf(s.clusterName) === 1);
  const second = [...activity.spinups].sort((a, b) => a.readyS - b.readyS)[1];
  const chosen =
    numbered ??
    (activity.spinups.some((s) => counterOf(s.clusterName) !== null) ? undefined : second);
  return chosen ? String(chosen.rpu) : null;
}

/** Plot an already loaded manifest, named `name` (its output stem). */
export async function plotManifestContent(
  name: string,
  manifest: PlottingManifest,
  options: PlotOptions,
): Promise<PlotResult> {
  const dataDir = toDataDir(options.dataDir);
  const live = options.live ?? false;
  const stem = plotStem(name, live);
  const outputs = plotOutputs(dataDir, stem);
  const { multiPanel, minRunId, layout, panels } = plotPanels(manifest.main_content);
  const shape = gridShape(panels, layout, options.file);
  const base = {
    name,
    stem,
    outputs,
    panels: [],
    renderError: null,
    figures: null,
    activity: [],
    backend: null,
  };
  if (!options.force && !options.scoreOnly && (await pathExists(outputs.scatter))) {
    return { ...base, status: 'exists', written: [], missing: [] };
  }

  const liveRuns = live ? await readLiveRunIndex(dataDir.runsDir) : [];
  const activities = new Map<string, Promise<RunActivity>>();
  const activityOf = (runDir: string): Promise<RunActivity> => {
    let a = activities.get(runDir);
    if (!a) {
      a = readRunActivity(runDir);
      activities.set(runDir, a);
    }
    return a;
  };

  const missing: MissingRun[] = [];
  const plotted: PlottedPanel[] = [];
  const panelActivity: PanelActivity[] = [];
  let manifestPairs: Awaited<ReturnType<typeof executionManifestPairs>> | null = null;
  for (const panel of panels) {
    const settings = panelSettings(panel, layout, multiPanel);
    // The panel's SLOs re-score every run (slo_s: 0, as in the reference's manifests, is fine).
    const resolver = SloResolver.fromConfig(panel.slo_resolver_config, dataDir.root);
    const points: PlottedPoint[] = [];
    const methods: MethodActivity[] = [];
    for (const point of panel.points) {
      const at: PointLocation = await locatePoint(point, { live, dataDir, liveRuns, minRunId });
      if (!at.found) {
        manifestPairs ??= await executionManifestPairs(dataDir, live);
        missing.push({
          panelTitle: settings.title,
          label: point.label,
          workloadId: at.workloadId,
          configId: at.configId,
          reason: at.reason,
          command: produceCommand(
            point,
            at,
            live,
            manifestPairs,
            await tunePrerequisite(at.configRef, dataDir),
          ),
        });
        continue;
      }
      const result = await loadExecutionResult(at.runDir, {
        resolver,
        tailFraction: panel.tail_fraction,
        minClusterIndex: panel.min_cluster_index,
        dataDir: dataDir.root,
      });
      const activity = await activityOf(at.runDir);
      points.push({
        label: point.label,
        formattingId: point.formatting_id,
        x: violationFor(result, settings.metric),
        y: result.total_cost,
        runId: at.runId,
        runDir: at.runDir,
        configId: at.configId,
        annotation: settings.annotateWithClusterSizes ? clusterSizeNote(activity) : null,
      });
      methods.push({ label: point.label, formattingId: point.formatting_id, activity });
    }
    plotted.push({ ...settings, points });
    panelActivity.push({ row: settings.row, col: settings.col, title: settings.title, methods });
  }

  if (plotted.every((p) => p.points.length === 0)) {
    return { ...base, status: 'no-points', written: [], missing, panels: plotted };
  }
  const scored = { ...base, missing, panels: plotted, activity: panelActivity };
  if (options.scoreOnly) return { ...scored, status: 'written', written: [] };

  const written: string[] = [];
  await writeFileAtomic(outputs.csv, pointsCsv(plotted));
  written.push(outputs.csv);
  const tex = latexTable(plotted, { referenceLabel: layout.table_reference_label });
  if (tex !== null) {
    await writeFileAtomic(outputs.tex, tex);
    written.push(outputs.tex);
  }

  let renderError: RendererUnavailableError | null = null;
  let figures: RenderedFigures | null = null;
  let backend: CanvasBackendName | null = null;
  try {
    const renderer = await loadRenderer();
    backend = renderer.backend;
    figures = await renderFigures(renderer, plotted, panelActivity, {
      live,
      shape,
      figsize: layout.figsize,
      sharedX: layout.shared_xlim,
      sharedY: layout.shared_ylim,
      perPanel: options.perPanel ? { suppressTitles: layout.suppress_subplot_titles } : null,
      warn: options.warn,
    });
    for (const single of figures.perPanel) {
      const base = dataDir.plot(panelStem(stem, single.title)).slice(0, -'.png'.length);
      await writeFileAtomic(`${base}.png`, single.scatter.png);
      await writeFileAtomic(`${base}_bars.png`, single.bars.png);
      written.push(`${base}.png`, `${base}_bars.png`);
    }
    // The main PNG goes last: its presence is what marks the plot as done.
    const drawn = figures;
    for (const [file, image] of [
      [outputs.bars, drawn.bars],
      [outputs.timeline, drawn.timeline],
      [outputs.cdf, drawn.cdf],
      [outputs.clusters, drawn.clusters],
      [outputs.scatter, drawn.scatter],
    ] as const) {
      await writeFileAtomic(file, image.png);
      written.push(file);
    }
  } catch (error) {
    if (!(error instanceof RendererUnavailableError)) throw error;
    renderError = error;
  }
  return { ...scored, status: 'written', written, renderError, figures, backend };
}

export type { PlotPanel };
