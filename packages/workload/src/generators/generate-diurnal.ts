/**
 * A multi-day workload with a daily and weekly rhythm, standing in for the
 * Redbench traces the reference evaluated on. Three sources of arrivals:
 *
 * - ad-hoc queries: a Poisson process following `hourlyShape`, templates from
 *   a fixed Zipf-like popularity over the 99 TPC-DS templates;
 * - scheduled jobs: the same reports at the same minutes every (working) day,
 *   which makes history a good forecast, as in real warehouses;
 * - bursts: a few dashboard refreshes a day, dozens of queries in minutes.
 *
 * Day volumes vary by weekday and by a small day-to-day factor, so consecutive
 * days look alike without being copies.
 */
import { formatQueryTextId } from '../query-text-id.js';
import { SeededRandom } from '../seeded-random.js';
import { type TraceRow, traceFromRows } from '../trace.js';
import { minuteWeights, WEEKDAY_FACTORS } from './diurnal-shape.js';
import { checkPositive, checkPositiveInt, startMsOf } from './generate-poisson.js';
import { DEFAULT_SCHEMA, type GeneratedWorkload, TPCDS_TEMPLATES } from './generated-workload.js';

export interface DiurnalOptions {
  /** First day, `YYYY-MM-DD` UTC (default 2024-04-01: covers the reference's 2024-04-15 and 2024-05-27). */
  startDate?: string;
  /** Number of days (default 60). */
  days?: number;
  /** Expected queries on a typical weekday (default 1,400); weekends are lighter. */
  queriesPerDay?: number;
  seed?: number;
  schema?: string;
  /** Share of a weekday's volume from scheduled jobs (default 0.25). */
  scheduledFraction?: number;
  /** Mean bursts per weekday (default 3). */
  burstsPerDay?: number;
  /** Variants per template (default 3, Redbench's 1-3 range). */
  variantsPerTemplate?: number;
  /** Day-to-day volume spread, lognormal sigma (default 0.08). */
  dayToDaySigma?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface ScheduledJob {
  texts: string[];
  /** Minutes of the day at which the job runs. */
  minutes: number[];
  weekdaysOnly: boolean;
}

/** Cumulative Zipf(0.9) weights over a seeded permutation of the templates. */
function templatePopularity(rng: SeededRandom): { templates: number[]; cumulative: Float64Array } {
  const templates = rng.shuffle(Array.from({ length: TPCDS_TEMPLATES }, (_, i) => i + 1));
  const cumulative = new Float64Array(templates.length);
  let sum = 0;
  for (let r = 0; r < templates.length; r++) {
    sum += 1 / (r + 1) ** 0.9;
    cumulative[r] = sum;
  }
  return { templates, cumulative };
}

function makeJobs(rng: SeededRandom, text: () => string, targetPerWeekday: number): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  let volume = 0;
  while (volume < targetPerWeekday) {
    const kind = rng.next();
    const texts = Array.from({ length: 1 + rng.int(3) }, text);
    let minutes: number[];
    if (kind < 0.4) {
      // hourly during working hours, at a fixed minute
      const at = rng.int(60);
      minutes = Array.from({ length: 11 }, (_, h) => (8 + h) * 60 + at);
    } else if (kind < 0.7) {
      // every four hours, around the clock
      const at = rng.int(240);
      minutes = Array.from({ length: 6 }, (_, k) => k * 240 + at);
    } else {
      // once a day: nightly loads-and-checks or a morning report
      minutes = [rng.next() < 0.5 ? 60 + rng.int(240) : 420 + rng.int(120)];
    }
    const weekdaysOnly = kind < 0.4 || rng.next() < 0.3;
    jobs.push({ texts, minutes, weekdaysOnly });
    volume += texts.length * minutes.length;
  }
  return jobs;
}

export function generateDiurnal(options: DiurnalOptions = {}): GeneratedWorkload {
  const startDate = options.startDate ?? '2024-04-01';
  const days = options.days ?? 60;
  const perDay = options.queriesPerDay ?? 1400;
  const seed = options.seed ?? 42;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const scheduledFraction = options.scheduledFraction ?? 0.25;
  const burstsPerDay = options.burstsPerDay ?? 3;
  const variants = options.variantsPerTemplate ?? 3;
  const sigma = options.dayToDaySigma ?? 0.08;
  checkPositiveInt(days, 'days', 3660);
  checkPositive(perDay, 'queries_per_day');
  checkPositiveInt(variants, 'variants_per_template', 999);
  const startMs = startMsOf(startDate);

  const rng = new SeededRandom(seed);
  const { templates, cumulative } = templatePopularity(rng);
  const drawText = (): string =>
    formatQueryTextId(
      schema,
      templates[rng.pickCumulative(cumulative)] as number,
      1 + rng.int(variants),
    );
  const jobs = makeJobs(rng, drawText, perDay * scheduledFraction);
  const weights = minuteWeights();
  const minuteCumulative = cumulativeOf(weights);
  const burstSize = 30;
  const adHocPerWeekday = Math.max(0, perDay * (1 - scheduledFraction) - burstsPerDay * burstSize);

  const rows: TraceRow[] = [];
  let dayEndMs = 0;
  // Arrivals stay inside their day, so a `days`-day trace spans exactly `days` dates.
  const push = (ms: number, text: string): void => {
    const parts = text.split('#');
    rows.push({
      queryId: 0,
      absStartMs: Math.min(Math.round(ms), dayEndMs - 1),
      queryTextId: text,
      repetitionId: Number(parts[1]) * 1000 + Number(parts[2]),
    });
  };

  for (let d = 0; d < days; d++) {
    const dayMs = startMs + d * DAY_MS;
    dayEndMs = dayMs + DAY_MS;
    const weekday = new Date(dayMs).getUTCDay();
    const isWeekend = weekday === 0 || weekday === 6;
    const factor =
      (WEEKDAY_FACTORS[weekday] as number) * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2);

    for (const job of jobs) {
      if (job.weekdaysOnly && isWeekend) continue;
      for (const minute of job.minutes) {
        job.texts.forEach((text, k) => {
          push(dayMs + minute * MINUTE_MS + k * 2000 + rng.int(30_000), text);
        });
      }
    }

    for (let m = 0; m < 1440; m++) {
      const count = rng.poisson(adHocPerWeekday * factor * (weights[m] as number));
      for (let k = 0; k < count; k++) push(dayMs + (m + rng.next()) * MINUTE_MS, drawText());
    }

    const bursts = rng.poisson(burstsPerDay * factor);
    for (let b = 0; b < bursts; b++) {
      const at = dayMs + rng.pickCumulative(minuteCumulative) * MINUTE_MS;
      const dashboard = Array.from({ length: 2 + rng.int(3) }, drawText);
      const size = Math.round(burstSize * (0.5 + rng.next()));
      const spanMs = (2 + rng.next() * 4) * MINUTE_MS;
      for (let k = 0; k < size; k++)
        push(at + rng.next() * spanMs, dashboard[k % dashboard.length] as string);
    }
  }

  const trace = traceFromRows(rows);
  for (let i = 0; i < trace.length; i++) trace.queryId[i] = i;
  const compactDate = startDate.replaceAll('-', '');
  return { name: `diurnal_${compactDate}_${days}d_${perDay}q_${seed}`, trace };
}

function cumulativeOf(weights: Float64Array): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    cumulative[i] = sum;
  }
  return cumulative;
}
