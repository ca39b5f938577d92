/**
 * One simulator or live run's report section: clusters over time, queries in flight (the
 * queue depth the `queue_depth` trigger counts), latency against the SLO per template, and
 * cost accumulated over the day. Logs are read through the plotter's run-activity reader and
 * core's result loader, so live and simulated logs are read the same way as for the plots.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BILLING_ANALYSIS_FILENAME,
  type BillingIntervalAnalysis,
  type ExecutionResult,
  loadExecutionResult,
  readBillingIntervalAnalysis,
  SloResolver,
  type SloResolverSettings,
} from '@autoslo/core';
import { readRunActivity } from '@autoslo/plotter';
import { parse } from 'yaml';
import { axis, baseOptions, hours, money, round } from '../chart-style.js';
import type { ReportChart, ReportSection, ReportTable } from '../report-document.js';

/** Samples per time series: enough for a day at minute resolution, light enough to hover. */
const MAX_SAMPLES = 600;
/** Templates drawn in the latency chart. */
const LATENCY_TEMPLATES = 30;

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

function sampleTimes(endS: number): number[] {
  const step = Math.max(60, endS / MAX_SAMPLES);
  const times: number[] = [];
  for (let t = 0; t <= endS; t += step) times.push(t);
  if (times[times.length - 1] !== endS) times.push(endS);
  return times;
}

/** Queries arrived and not yet completed at each sample time. */
function inFlight(result: ExecutionResult, times: readonly number[]): number[] {
  const arrivals = Float64Array.from(result.queries.arrivalS).sort();
  const completions = Float64Array.from(result.queries.completionS).sort();
  let a = 0;
  let c = 0;
  return times.map((t) => {
    while (a < arrivals.length && arrivals[a]! <= t) a++;
    while (c < completions.length && completions[c]! <= t) c++;
    return a - c;
  });
}

/** Billed dollars up to each sample time (each interval billed evenly over its length). */
function accumulatedCost(billing: BillingIntervalAnalysis, times: readonly number[]): number[] {
  return times.map((t) => {
    let dollars = 0;
    for (const cluster of Object.values(billing)) {
      for (const { start_s, end_s } of cluster.billed_intervals) {
        if (t > start_s)
          dollars += (Math.min(t, end_s) - start_s) * cluster.cluster_cost_per_second;
      }
    }
    return round(dollars, 4);
  });
}

const templateOf = (queryTextId: string | null): string =>
  (queryTextId ?? '?').split('#').slice(0, 2).join('#');

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface TemplateLatency {
  readonly template: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly slo: number;
  readonly violations: number;
}

function latencyByTemplate(result: ExecutionResult, resolver: SloResolver): TemplateLatency[] {
  const groups = new Map<string, { latencies: number[]; slo: number; violations: number }>();
  const q = result.queries;
  for (let i = 0; i < q.length; i++) {
    const id = q.queryTextId[i] ?? null;
    const key = templateOf(id);
    const slo = resolver.sloFor(id);
    const g = groups.get(key) ?? { latencies: [], slo, violations: 0 };
    const latency = q.latencyS[i]!;
    g.latencies.push(latency);
    if (latency > g.slo) g.violations += 1;
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([template, g]) => {
      const sorted = g.latencies.sort((a, b) => a - b);
      return {
        template,
        count: sorted.length,
        p50: round(quantile(sorted, 0.5), 3),
        p95: round(quantile(sorted, 0.95), 3),
        max: round(sorted[sorted.length - 1] ?? 0, 3),
        slo: round(g.slo, 3),
        violations: g.violations,
      };
    });
}

export interface RunSectionOptions {
  readonly dataDir: string;
  /** Heading of the section (default: the run directory's name). */
  readonly label?: string;
  /** Unique id prefix when a page holds several runs. */
  readonly id?: string;
}

export async function runSection(
  runDir: string,
  options: RunSectionOptions,
): Promise<ReportSection> {
  const label = options.label ?? runDir.split(/[\\/]/).filter(Boolean).pop() ?? runDir;
  const base = options.id ?? `run-${label.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const [activity, result, configText] = await Promise.all([
    readRunActivity(runDir),
    loadExecutionResult(runDir, { dataDir: options.dataDir }),
    readFile(join(runDir, 'execution_config.yml'), 'utf8'),
  ]);
  const config = parse(configText) as { slo_resolver_config?: SloResolverSettings } | null;
  const resolver = SloResolver.fromConfig(config?.slo_resolver_config ?? {}, options.dataDir);
  const endS = Math.max(activity.durationS, activity.lastCompletionS ?? 0);
  const times = sampleTimes(endS);
  const timeAxis = axis(
    `Hours since start (${result.kind === 'live' ? 'wall clock' : 'simulated time'})`,
    {
      type: 'linear',
      min: 0,
    },
  );

  const charts: ReportChart[] = [];
  const steps = activity.clusterSteps;
  const last = steps[steps.length - 1];
  const clusterData = steps.map((s) => ({
    x: hours(s.t),
    y: s.clusters,
    tip: [`${s.clusters} clusters (${s.rpu} RPU) from ${hours(s.t)} h`],
  }));
  if (last && endS > last.t)
    clusterData.push({ x: hours(endS), y: last.clusters, tip: [`end of run at ${hours(endS)} h`] });
  charts.push({
    id: `${base}-clusters`,
    title: 'Clusters over time',
    type: 'line',
    datasets: [
      {
        label: 'active clusters',
        role: 'data',
        data: clusterData,
        stepped: 'before',
        borderColor: '#3A9D5D',
        backgroundColor: '#3A9D5D',
        pointRadius: 2,
      },
    ],
    options: baseOptions({
      x: timeAxis,
      y: axis('Active clusters', { min: 0, ticks: { precision: 0 } }),
    }),
  });
  const depth = inFlight(result, times);
  charts.push({
    id: `${base}-queue`,
    title: 'Queue depth: queries in flight',
    type: 'line',
    datasets: [
      {
        label: 'queries arrived, not yet completed',
        role: 'data',
        data: times.map((t, i) => ({ x: hours(t), y: depth[i]! })),
        borderColor: '#7F9FBA',
        backgroundColor: 'rgba(127, 159, 186, 0.3)',
        fill: true,
        pointRadius: 0,
        pointHitRadius: 4,
      },
    ],
    options: baseOptions({ x: timeAxis, y: axis('Queries in flight', { min: 0 }) }),
  });
  const templates = latencyByTemplate(result, resolver);
  const tip = (t: TemplateLatency) => [
    `${t.count} queries, SLO ${t.slo} s`,
    `p50 ${t.p50} s, p95 ${t.p95} s, max ${t.max} s`,
    `${t.violations} over the SLO (${round((100 * t.violations) / Math.max(1, t.count), 1)}%)`,
  ];
  // The templates nearest to (or past) their SLO; every template is in the table below.
  const ratio = (t: TemplateLatency, v: number) => (t.slo > 0 ? round(v / t.slo, 3) : 0);
  const shown = [...templates]
    .sort((a, b) => ratio(b, b.p95) - ratio(a, a.p95) || a.template.localeCompare(b.template))
    .slice(0, LATENCY_TEMPLATES);
  charts.push({
    id: `${base}-latency`,
    title: 'Latency against SLO per template',
    type: 'bar',
    labels: shown.map((t) => t.template),
    datasets: [
      {
        label: 'p50 latency / SLO',
        role: 'data',
        data: shown.map((t) => ({ x: t.template, y: ratio(t, t.p50), tip: tip(t) })),
        backgroundColor: '#7F9FBA',
      },
      {
        label: 'p95 latency / SLO',
        role: 'data',
        data: shown.map((t) => ({ x: t.template, y: ratio(t, t.p95), tip: tip(t) })),
        backgroundColor: '#F4B383',
      },
      {
        label: 'SLO',
        role: 'guide',
        type: 'line',
        data: shown.map((t) => ({ x: t.template, y: 1 })),
        borderColor: '#C9302C',
        borderDash: [6, 4],
        pointRadius: 0,
        pointHitRadius: 0,
      },
    ],
    options: baseOptions({ x: axis('Template'), y: axis('Latency / SLO', { min: 0 }) }),
    caption: `The ${shown.length} of ${templates.length} templates whose p95 latency comes nearest to (or passes) the SLO of the run's own config (1 = at the SLO); hover for seconds and counts.`,
    wide: true,
  });
  const billingFile = join(runDir, BILLING_ANALYSIS_FILENAME);
  const costNote: string[] = [];
  const tightening = resolver.tighteningFactor;
  if (tightening !== 1) {
    costNote.push(
      `Scored under the run's own SLOs, tightened by slo_tightening_factor ${tightening} as its autoscaler saw them; a plot re-scores under its panel's SLOs, so its violation can be lower.`,
    );
  }
  if (await exists(billingFile)) {
    const cost = accumulatedCost(await readBillingIntervalAnalysis(billingFile), times);
    charts.push({
      id: `${base}-cost`,
      title: 'Cost accumulated over the day',
      type: 'line',
      datasets: [
        {
          label: 'billed cost ($)',
          role: 'data',
          data: times.map((t, i) => ({ x: hours(t), y: cost[i]! })),
          borderColor: '#E07022',
          backgroundColor: '#E07022',
          pointRadius: 0,
          pointHitRadius: 4,
        },
      ],
      options: baseOptions({ x: timeAxis, y: axis('Dollars', { min: 0 }) }),
    });
  } else {
    costNote.push(
      `No ${BILLING_ANALYSIS_FILENAME} in this run: the cost over time is not drawn (total ${money(result.total_cost)}).`,
    );
  }
  const table: ReportTable = {
    id: `${base}-templates`,
    title: 'Per template',
    columns: [
      { label: 'template', numeric: false },
      { label: 'queries', numeric: true },
      { label: 'SLO (s)', numeric: true },
      { label: 'p50 (s)', numeric: true },
      { label: 'p95 (s)', numeric: true },
      { label: 'max (s)', numeric: true },
      { label: 'over SLO', numeric: true },
    ],
    rows: templates.map((t) => [t.template, t.count, t.slo, t.p50, t.p95, t.max, t.violations]),
  };
  return {
    id: base,
    title: `${result.kind === 'live' ? 'Live' : 'Simulated'} run ${label}`,
    intro: costNote,
    facts: [
      ['run directory', runDir],
      ['queries completed', String(result.queries.length)],
      ['violation rate (own SLOs)', String(round(result.violation_rate, 4))],
      ['total cost', money(result.total_cost)],
    ],
    charts,
    tables: [table],
  };
}
