/**
 * A plotting manifest's report section: per panel the (violation, cost) scatter with a
 * tooltip per point, the violation bars, the latency CDF and the clusters over time, then the
 * CSV's rows as a sortable table. Built from `plotManifest`'s result (scored points and run
 * activity), so it shows exactly what the PNGs show.
 */
import { basename } from 'node:path';
import {
  type MethodActivity,
  metricAxis,
  type PlotResult,
  type PlottedPanel,
  resolveColor,
} from '@autoslo/plotter';
import { axis, baseOptions, hours, methodStyle, money, round, thin } from '../chart-style.js';
import type { ReportChart, ReportDataset, ReportSection, ReportTable } from '../report-document.js';

/** Latency CDF points per method; enough for a smooth curve, light enough to hover. */
const CDF_POINTS = 200;

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

function configIdOf(point: PlottedPanel['points'][number]): string {
  return point.configId ?? basename(point.runDir);
}

function scatterChart(panel: PlottedPanel, id: string): ReportChart {
  const metric = metricAxis(panel.metric);
  const datasets: ReportDataset[] = panel.points.map((p) => {
    const { color, pointStyle } = methodStyle(p.formattingId);
    return {
      label: p.label,
      role: 'data',
      data: [
        {
          x: p.x,
          y: p.y,
          tip: [
            `method: ${p.label}`,
            `config id: ${configIdOf(p)}`,
            `run id: ${p.runId ?? '(simulated)'}`,
            `violation (${metric.short}): ${round(p.x, 4)}`,
            `cost: ${money(p.y)}`,
          ],
        },
      ],
      backgroundColor: color,
      borderColor: color,
      pointStyle,
      pointRadius: 7,
      pointHoverRadius: 10,
      borderWidth: 2,
      // Markers at violation 0 sit on the y axis: draw them whole.
      clip: false,
    };
  });
  const maxCost = Math.max(1, ...panel.points.map((p) => p.y)) * 1.1;
  for (const line of panel.thresholdLines) {
    datasets.push({
      label: line.label ?? `threshold ${line.value}`,
      role: 'guide',
      type: 'line',
      data: [
        { x: line.value, y: 0 },
        { x: line.value, y: round(maxCost, 2) },
      ],
      borderColor: resolveColor(line.color),
      borderDash: [6, 4],
      pointRadius: 0,
      pointHitRadius: 0,
      showLine: true,
    });
  }
  return {
    id,
    title: `${panel.title ?? 'Violation against cost'}`,
    type: 'scatter',
    datasets,
    options: baseOptions({
      x: axis(metric.label, {
        type: metric.scale,
        ...(metric.scale === 'linear' ? { min: 0 } : {}),
      }),
      y: axis('Cost ($)', { min: 0 }),
    }),
    caption:
      'One point per method; hover for its config, run, violation and cost. Lower left is better.',
    wide: true,
  };
}

function barsChart(panel: PlottedPanel, id: string): ReportChart {
  const metric = metricAxis(panel.metric);
  return {
    id,
    title: `${panel.title ?? 'Violation'}: violation per method`,
    type: 'bar',
    labels: panel.points.map((p) => p.label),
    datasets: [
      {
        label: metric.label,
        role: 'data',
        data: panel.points.map((p) => p.x),
        backgroundColor: panel.points.map((p) => methodStyle(p.formattingId).color),
      },
    ],
    options: baseOptions(
      { x: axis(metric.label, { min: 0 }) },
      { indexAxis: 'y', plugins: { legend: { display: false } } },
    ),
  };
}

function cdfChart(
  title: string | null,
  methods: readonly MethodActivity[],
  id: string,
): ReportChart {
  const all = methods.flatMap((m) => Array.from(m.activity.latenciesS));
  const positive = all.filter((l) => l > 0);
  const spread = positive.length > 0 ? Math.max(...positive) / Math.min(...positive) : 1;
  const log = spread > 50;
  return {
    id,
    title: `${title ?? 'Latency'}: latency CDF`,
    type: 'line',
    datasets: methods.map((m) => {
      const lat = m.activity.latenciesS;
      const n = lat.length;
      const idx = thin(
        Array.from({ length: n }, (_, i) => i),
        CDF_POINTS,
      );
      const { color } = methodStyle(m.formattingId);
      return {
        label: m.label,
        role: 'data',
        data: idx.map((i) => ({
          x: round(Math.max(lat[i]!, log ? 1e-3 : 0), 3),
          y: round((i + 1) / n, 4),
        })),
        borderColor: color,
        backgroundColor: color,
        pointRadius: 0,
        pointHitRadius: 4,
        borderWidth: 2,
      };
    }),
    options: baseOptions({
      x: axis('Latency (s)', { type: log ? 'logarithmic' : 'linear' }),
      y: axis('Fraction of queries', { min: 0, max: 1 }),
    }),
  };
}

function clustersChart(
  title: string | null,
  methods: readonly MethodActivity[],
  id: string,
): ReportChart {
  return {
    id,
    title: `${title ?? 'Clusters'}: active clusters over time`,
    type: 'line',
    datasets: methods.map((m) => {
      const steps = m.activity.clusterSteps;
      const end = m.activity.durationS;
      const last = steps[steps.length - 1];
      const data = steps.map((s) => ({
        x: hours(s.t),
        y: s.clusters,
        tip: [`${m.label}`, `${s.clusters} clusters, ${s.rpu} RPU from ${hours(s.t)} h`],
      }));
      if (last && end > last.t)
        data.push({
          x: hours(end),
          y: last.clusters,
          tip: [`${m.label}`, `end of run at ${hours(end)} h`],
        });
      const { color } = methodStyle(m.formattingId);
      return {
        label: m.label,
        role: 'data',
        data,
        stepped: 'before',
        borderColor: color,
        backgroundColor: color,
        pointRadius: 2,
        borderWidth: 2,
      };
    }),
    options: baseOptions({
      x: axis('Hours since start (simulated time)', { type: 'linear', min: 0 }),
      y: axis('Active clusters', { min: 0, ticks: { precision: 0 } }),
    }),
  };
}

function pointsTable(result: PlotResult, id: string): ReportTable {
  return {
    id,
    title: `${result.stem}.csv: every point`,
    columns: [
      { label: 'panel', numeric: false },
      { label: 'method', numeric: false },
      { label: 'metric', numeric: false },
      { label: 'violation', numeric: true },
      { label: 'cost ($)', numeric: true },
      { label: 'config id', numeric: false },
      { label: 'run id', numeric: false },
    ],
    rows: result.panels.flatMap((panel) =>
      panel.points.map((p) => [
        panel.title ?? '',
        p.label,
        panel.metric,
        p.x,
        round(p.y, 4),
        configIdOf(p),
        p.runId,
      ]),
    ),
  };
}

/** The section of one scored plotting manifest (`plotManifest(..., { scoreOnly: true })` will do). */
export function plotSection(result: PlotResult): ReportSection {
  const base = `plot-${slug(result.stem)}`;
  const charts: ReportChart[] = [];
  result.panels.forEach((panel, i) => {
    if (panel.points.length === 0) return;
    const methods = result.activity[i]?.methods ?? [];
    charts.push(scatterChart(panel, `${base}-${i}-scatter`), barsChart(panel, `${base}-${i}-bars`));
    if (methods.length > 0) {
      charts.push(
        cdfChart(panel.title, methods, `${base}-${i}-cdf`),
        clustersChart(panel.title, methods, `${base}-${i}-clusters`),
      );
    }
  });
  const missing = result.missing.map(
    (m) => `Missing: ${m.label} (${m.reason}); produce it with: ${m.command}`,
  );
  return {
    id: base,
    title: `Plot ${result.stem}`,
    intro: [
      `Every point of the plotting manifest '${result.name}', scored under its panel's SLOs and objective.`,
      ...missing,
    ],
    charts,
    tables: [pointsTable(result, `${base}-table`)],
  };
}
