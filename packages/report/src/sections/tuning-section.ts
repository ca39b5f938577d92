/**
 * A tuning run's report section, read from its directory (`tuner_runs/<name>/`): the
 * scenarios' arrivals per hour against the history they were forecast from, the spin-up
 * schedule found, each parameter sweep (every point, feasible ones marked, the chosen one
 * highlighted), the time of each phase, and the tuned config's YAML.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataDir } from '@autoslo/config';
import { isFeasible } from '@autoslo/core';
import { parseTimingReport, type SweepResultsFile } from '@autoslo/tuner';
import { parseDateMs, readWorkloadFile, type Trace } from '@autoslo/workload';
import { parse } from 'yaml';
import { axis, baseOptions, hours, money, round } from '../chart-style.js';
import type {
  ReportChart,
  ReportDataset,
  ReportSection,
  ReportTable,
  TipPoint,
} from '../report-document.js';

const DAY_MS = 86_400_000;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

const SWEEPS = [
  ['05_autoscaling_param_sweep', 'Autoscaling parameter sweep'],
  ['06_routing_param_sweep', 'Routing parameter sweep'],
] as const;

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function parquetFiles(dir: string): Promise<string[]> {
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.parquet'));
    // t_2 before t_10.
    return names
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/** Arrivals in each UTC hour of the day, over the rows in [fromMs, toMs). */
function arrivalsPerHour(trace: Trace, fromMs = -Infinity, toMs = Infinity): number[] {
  const counts = HOURS.map(() => 0);
  for (let i = 0; i < trace.length; i++) {
    const t = trace.absStartMs[i]!;
    if (t < fromMs || t >= toMs) continue;
    const h = Math.floor((((t % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
    counts[h] = (counts[h] ?? 0) + 1;
  }
  return counts;
}

interface TunerConfigFacts {
  readonly threshold: number | null;
  readonly reservoir: { workload: string; lastDay: string; days: number } | null;
}

function tunerConfigFacts(text: string | null): TunerConfigFacts {
  const doc = (text ? parse(text) : null) as {
    slo_objective_config?: { slo_threshold?: number };
    sampling_config?: {
      forecaster_config?: {
        reservoir_config?: {
          workload_name?: string;
          last_day_date_inclusive?: string;
          num_days?: number;
        };
      } | null;
    };
  } | null;
  const r = doc?.sampling_config?.forecaster_config?.reservoir_config;
  return {
    threshold: doc?.slo_objective_config?.slo_threshold ?? null,
    reservoir:
      r?.workload_name && r.last_day_date_inclusive && r.num_days
        ? {
            workload: r.workload_name,
            lastDay: String(r.last_day_date_inclusive),
            days: r.num_days,
          }
        : null,
  };
}

async function scenariosChart(
  runDir: string,
  facts: TunerConfigFacts,
  dataDir: string,
  id: string,
): Promise<ReportChart | null> {
  const datasets: ReportDataset[] = [];
  // One dataset per set, the days separated by a null point, so the legend stays short.
  for (const [set, name, color] of [
    ['train', 'training scenario days', 'rgba(127, 159, 186, 0.6)'],
    ['val', 'validation scenario days', 'rgba(224, 112, 34, 0.6)'],
  ] as const) {
    const data: TipPoint[] = [];
    for (const file of await parquetFiles(join(runDir, '02_workloads', set))) {
      const day = basename(file, '.parquet');
      const counts = arrivalsPerHour(await readWorkloadFile(file));
      if (data.length > 0) data.push({ x: 23.5, y: null });
      data.push(
        ...counts.map((c, h) => ({ x: h, y: c, tip: [`${day}: ${c} arrivals at ${h}:00`] })),
      );
    }
    if (data.length === 0) continue;
    datasets.push({
      label: name,
      role: 'data',
      data,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1,
      pointRadius: 1.5,
      spanGaps: false,
    });
  }
  if (datasets.length === 0) return null;
  let history = '';
  if (facts.reservoir) {
    const path = new DataDir(dataDir).workload(facts.reservoir.workload);
    try {
      const trace = await readWorkloadFile(path);
      const end = parseDateMs(facts.reservoir.lastDay) + DAY_MS;
      const start = end - facts.reservoir.days * DAY_MS;
      const counts = arrivalsPerHour(trace, start, end);
      history = `${facts.reservoir.days} days to ${facts.reservoir.lastDay}`;
      datasets.push({
        label: `history: mean of ${history}`,
        role: 'data',
        data: counts.map((c, h) => ({ x: h, y: round(c / facts.reservoir!.days, 2) })),
        borderColor: '#222222',
        backgroundColor: '#222222',
        borderWidth: 3,
        pointRadius: 2,
      });
    } catch {
      history = '';
    }
  }
  return {
    id,
    title: 'Scenarios: arrivals per hour, forecast against history',
    type: 'line',
    datasets,
    options: baseOptions({
      x: axis('Hour of day (UTC)', { type: 'linear', min: 0, max: 23, ticks: { stepSize: 2 } }),
      y: axis('Arrivals per hour', { min: 0 }),
    }),
    caption: history
      ? `Each thin line is one forecast scenario day (blue: training, orange: validation); the black line is the mean day of the history (${history}) the forecaster drew from.`
      : 'Each line is one scenario day (blue: training, orange: validation).',
  };
}

interface SpinupFacts {
  /** Length of the replayed day in simulated seconds (24 h times the rescale factor). */
  readonly dayS: number;
  readonly initialRpus: readonly number[];
  readonly scheduled: readonly { rel_time_s: number; rpu: number }[];
}

function spinupFacts(yamlText: string): SpinupFacts {
  const doc = parse(yamlText) as {
    workload_config?: { rescale_factor?: number };
    managed_cluster_pool_config?: { initial_rpus?: number[] };
    scheduled_spinups?: { rel_time_s: number; rpu: number }[] | null;
  } | null;
  return {
    dayS: 86_400 * (doc?.workload_config?.rescale_factor ?? 1),
    initialRpus: doc?.managed_cluster_pool_config?.initial_rpus ?? [],
    scheduled: [...(doc?.scheduled_spinups ?? [])].sort((a, b) => a.rel_time_s - b.rel_time_s),
  };
}

function spinupChart(s: SpinupFacts, id: string): ReportChart {
  let rpu = s.initialRpus.reduce((a, b) => a + b, 0);
  const data = [
    { x: 0, y: rpu, tip: [`initial clusters: ${s.initialRpus.join(' + ') || 'none'} RPU`] },
  ];
  for (const e of s.scheduled) {
    rpu += e.rpu;
    data.push({
      x: hours(e.rel_time_s),
      y: rpu,
      tip: [`+${e.rpu} RPU requested at ${hours(e.rel_time_s)} h`, `planned total ${rpu} RPU`],
    });
  }
  if (s.dayS > (s.scheduled[s.scheduled.length - 1]?.rel_time_s ?? 0)) {
    data.push({ x: hours(s.dayS), y: rpu, tip: [`end of the day: ${rpu} RPU planned`] });
  }
  return {
    id,
    title: 'Spin-up schedule found',
    type: 'line',
    datasets: [
      {
        label: 'planned RPU (initial + scheduled)',
        role: 'data',
        data,
        stepped: 'before',
        borderColor: '#3A9D5D',
        backgroundColor: '#3A9D5D',
        pointRadius: 5,
      },
    ],
    options: baseOptions({
      x: axis('Hours since start (simulated time)', { type: 'linear', min: 0 }),
      y: axis('Planned RPU', { min: 0 }),
    }),
    caption:
      s.scheduled.length === 0
        ? `No scheduled spin-ups: the tuned config starts with ${s.initialRpus.join(' + ')} RPU and leaves the rest to the autoscaler.`
        : `${s.scheduled.length} scheduled spin-ups on top of the initial ${s.initialRpus.join(' + ')} RPU (before the autoscaler adds any).`,
  };
}

function sweepChart(
  title: string,
  file: SweepResultsFile,
  threshold: number,
  id: string,
): ReportChart {
  const tip = (r: SweepResultsFile['grid_results'][number]) => [
    `grid point ${r.grid_point}${r.grid_point === file.best_grid_point ? ' (chosen)' : ''}`,
    `train violation ${round(r.train_violation_agg, 4)}, cost ${money(r.train_cost_agg)}`,
    ...Object.entries(r.params).map(([k, v]) => `${k.replace(/^.*\./, '')} = ${JSON.stringify(v)}`),
  ];
  const groups = [
    {
      label: 'feasible',
      color: '#7FBA82',
      style: 'circle',
      radius: 5,
      pick: (ok: boolean, best: boolean) => ok && !best,
    },
    {
      label: 'infeasible',
      color: '#BBBBBB',
      style: 'crossRot',
      radius: 6,
      pick: (ok: boolean, best: boolean) => !ok && !best,
    },
    {
      label: 'chosen',
      color: '#C9302C',
      style: 'star',
      radius: 11,
      pick: (_: boolean, best: boolean) => best,
    },
  ];
  const costs = file.grid_results.map((r) => r.train_cost_agg);
  if (costs.length === 0) costs.push(0);
  return {
    id,
    title: `${title}: every point`,
    type: 'scatter',
    datasets: [
      ...groups.map((g) => ({
        label: g.label,
        role: 'data' as const,
        data: file.grid_results
          .filter((r) =>
            g.pick(
              isFeasible(r.train_violation_agg, threshold),
              r.grid_point === file.best_grid_point,
            ),
          )
          .map((r) => ({ x: r.train_violation_agg, y: r.train_cost_agg, tip: tip(r) })),
        backgroundColor: g.color,
        borderColor: g.color,
        pointStyle: g.style,
        pointRadius: g.radius,
        pointHoverRadius: g.radius + 3,
      })),
      {
        label: `threshold ${threshold}`,
        role: 'guide',
        type: 'line',
        // Spans the points' cost range only, so the cost axis is not stretched down to 0.
        data: [
          { x: threshold, y: round(Math.min(...costs) * 0.98, 2) },
          { x: threshold, y: round(Math.max(...costs) * 1.02, 2) },
        ],
        borderColor: '#7FBA82',
        borderDash: [6, 4],
        pointRadius: 0,
        pointHitRadius: 0,
        showLine: true,
      },
    ],
    options: baseOptions({
      x: axis('Violation on the training scenarios', { min: 0 }),
      y: axis('Cost on the training scenarios ($)'),
    }),
    caption: `${file.grid_results.length} points (${file.strategy}); feasible ones meet the ${threshold} threshold, the chosen one is the cheapest feasible (or, if none is, the lowest violation).`,
  };
}

function timingChart(timing: ReturnType<typeof parseTimingReport>, id: string): ReportChart {
  const phases = timing.filter((p) => p.phase_key !== 'TOTAL');
  return {
    id,
    title: 'Time of each phase',
    type: 'bar',
    labels: phases.map((p) => p.phase_name),
    datasets: [
      {
        label: 'seconds (wall clock)',
        role: 'data',
        data: phases.map((p) => round(p.elapsed_s, 3)),
        backgroundColor: '#7F9FBA',
      },
    ],
    options: baseOptions(
      { x: axis('Seconds', { min: 0 }) },
      { indexAxis: 'y', plugins: { legend: { display: false } } },
    ),
  };
}

function summaryRow(label: string, text: string | null): (string | number | null)[] | null {
  if (!text) return null;
  const doc = parse(text) as { violation_rate?: number; cost?: number } | null;
  return [label, doc?.violation_rate ?? null, doc?.cost ?? null];
}

/**
 * The section of one tuning run.
 * @param runDir `tuner_runs/<name>/`
 * @param dataDir the data directory, for the history workload the scenarios were forecast from
 */
export async function tuningSection(runDir: string, dataDir: string): Promise<ReportSection> {
  const name = basename(runDir);
  const base = `tune-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  const facts = tunerConfigFacts(await readIfExists(join(runDir, 'tuner_config.yml')));
  const threshold = facts.threshold ?? 0;
  const finalYaml =
    (await readIfExists(join(runDir, 'final_execution_config.yml'))) ??
    (await readIfExists(join(runDir, '04_spinups', 'best_config.yml')));

  const charts: ReportChart[] = [];
  const scenarios = await scenariosChart(runDir, facts, dataDir, `${base}-scenarios`);
  if (scenarios) charts.push(scenarios);
  if (finalYaml) charts.push(spinupChart(spinupFacts(finalYaml), `${base}-spinups`));
  for (const [dir, title] of SWEEPS) {
    const text = await readIfExists(join(runDir, dir, 'sweep_results.json'));
    if (text)
      charts.push(
        sweepChart(title, JSON.parse(text) as SweepResultsFile, threshold, `${base}-${dir}`),
      );
  }
  const timingText = await readIfExists(join(runDir, 'timing_report.csv'));
  if (timingText) charts.push(timingChart(parseTimingReport(timingText), `${base}-timing`));

  const rows = [
    summaryRow(
      'baseline (train)',
      await readIfExists(join(runDir, '03_baseline', 'train_summary.yml')),
    ),
    summaryRow(
      'baseline (validation)',
      await readIfExists(join(runDir, '03_baseline', 'val_summary.yml')),
    ),
    summaryRow('tuned (train)', await readIfExists(join(runDir, '07_final', 'train_summary.yml'))),
    summaryRow(
      'tuned (validation)',
      await readIfExists(join(runDir, '07_final', 'val_summary.yml')),
    ),
  ].filter((r): r is (string | number | null)[] => r !== null);
  const summary: ReportTable = {
    id: `${base}-summary`,
    title: 'Aggregated over the scenarios: before and after tuning',
    columns: [
      { label: 'config on scenarios', numeric: false },
      { label: 'violation', numeric: true },
      { label: 'cost ($)', numeric: true },
    ],
    rows: rows.map(([l, v, c]) => [
      l ?? '',
      typeof v === 'number' ? round(v, 4) : null,
      typeof c === 'number' ? round(c, 2) : null,
    ]),
  };
  return {
    id: base,
    title: `Tuning run ${name}`,
    intro: [
      `The policy tuner's run '${name}': forecast scenario days, a baseline, spin-up scheduling, parameter sweeps, then the published config.`,
    ],
    facts: [
      ['threshold', String(threshold)],
      ['run directory', runDir],
    ],
    charts,
    tables: rows.length > 0 ? [summary] : [],
    code: finalYaml ? [{ title: 'Tuned execution config (YAML)', text: finalYaml }] : [],
  };
}
