import { InputError } from '@autoslo/config';
import {
  buildReservoir,
  DAY_MS,
  decileTable,
  epochDayOf,
  forecastDay,
  forecastScenarios,
  HOUR_MS,
  type Reservoir,
  sourceDaysFor,
} from '../src/forecast/index.js';
import { generateDiurnal } from '../src/generators/index.js';
import { SeededRandom } from '../src/seeded-random.js';
import { type Trace, type TraceRow, traceFromRows } from '../src/trace.js';

const TEMPLATES = ['tpcds#001#001', 'tpcds#002#001', 'tpcds#003#001', 'tpcds#004#002'];
const TEMPLATE_WEIGHTS = [0.4, 0.3, 0.2, 0.1];

/** Hourly rate of the synthetic history: busy days, quiet nights. */
function ratePerHour(hour: number): number {
  return hour >= 8 && hour < 18 ? 120 : 20;
}

/** Poisson arrivals over `days` days from `firstDate`, templates by fixed weights. */
function poissonHistory(firstDate: string, days: number, seed: number): Trace {
  const rng = new SeededRandom(seed);
  const rows: TraceRow[] = [];
  const firstDay = epochDayOf(firstDate, 'test');
  for (let d = 0; d < days; d++) {
    for (let h = 0; h < 24; h++) {
      const rate = ratePerHour(h) / 3600;
      let t = -Math.log(1 - rng.next()) / rate;
      while (t < 3600) {
        const u = rng.next();
        let k = 0;
        let acc = TEMPLATE_WEIGHTS[0] as number;
        while (u >= acc && k < TEMPLATES.length - 1) acc += TEMPLATE_WEIGHTS[++k] as number;
        rows.push({
          queryId: rows.length,
          absStartMs: (firstDay + d) * DAY_MS + h * HOUR_MS + Math.floor(t * 1000),
          queryTextId: TEMPLATES[k] as string,
          repetitionId: 0,
        });
        t += -Math.log(1 - rng.next()) / rate;
      }
    }
  }
  return traceFromRows(rows);
}

function hourOf(ms: number): number {
  return Math.floor((ms % DAY_MS) / HOUR_MS);
}

/** `count` same-weekday (decay 0.25) forecasts of 2024-05-27 with decile-sampled arrivals. */
function decileScenarios(reservoir: Reservoir, count: number) {
  return forecastScenarios(
    reservoir,
    {
      forecast_policy_name: 'same_day_exponential',
      decay_factor: 0.25,
      arrival_time_policy_name: 'interarrival_deciles',
    },
    '2024-05-27',
    { prefix: 't', count, firstSeed: 42 },
  );
}

describe('buildReservoir', () => {
  const day = epochDayOf('2024-05-26', 'test');
  const trace = traceFromRows([
    // One row before the window, three inside, one after.
    {
      queryId: 0,
      absStartMs: (day - 2) * DAY_MS + 5_000,
      queryTextId: 'tpcds#009#001',
      repetitionId: 0,
    },
    {
      queryId: 1,
      absStartMs: (day - 1) * DAY_MS + 3 * HOUR_MS + 1_500,
      queryTextId: 'tpcds#001#001',
      repetitionId: 0,
    },
    {
      queryId: 2,
      absStartMs: day * DAY_MS + 3 * HOUR_MS + 60_000,
      queryTextId: 'tpcds#001#001',
      repetitionId: 0,
    },
    {
      queryId: 3,
      absStartMs: day * DAY_MS + 3 * HOUR_MS + 90_250,
      queryTextId: 'tpcds#002#001',
      repetitionId: 0,
    },
    { queryId: 4, absStartMs: (day + 1) * DAY_MS, queryTextId: 'tpcds#009#001', repetitionId: 0 },
  ]);
  const reservoir = buildReservoir(trace, { last_day_date_inclusive: '2024-05-26', num_days: 2 });

  it('keeps exactly the days of the window', () => {
    expect([reservoir.firstDay, reservoir.lastDay]).toEqual([day - 1, day]);
    expect(reservoir.hasDay(day - 2)).toBe(false);
    expect(reservoir.total(day - 2, 0)).toBe(0);
    expect(reservoir.total(day + 1, 0)).toBe(0);
  });

  it('counts templates and keeps offsets per hour bin', () => {
    expect([...reservoir.counts(day, 3)]).toEqual([
      ['tpcds#001#001', 1],
      ['tpcds#002#001', 1],
    ]);
    expect([...reservoir.arrivals(day, 3)]).toEqual([60, 90.25]);
    expect([...reservoir.arrivals(day - 1, 3)]).toEqual([1.5]);
    expect(reservoir.total(day, 4)).toBe(0);
  });

  it('rejects a malformed window with the config path', () => {
    expect(() =>
      buildReservoir(trace, { last_day_date_inclusive: '2024-02-30', num_days: 1 }),
    ).toThrow(/reservoir_config.last_day_date_inclusive: not a calendar date/);
    expect(() =>
      buildReservoir(trace, { last_day_date_inclusive: '2024-05-26', num_days: 0 }),
    ).toThrow(InputError);
  });
});

describe('sourceDaysFor', () => {
  const target = epochDayOf('2024-05-27', 'test');
  const month = buildReservoir(traceFromRows([]), {
    last_day_date_inclusive: '2024-05-26',
    num_days: 30,
  });
  const threeDays = buildReservoir(traceFromRows([]), {
    last_day_date_inclusive: '2024-05-26',
    num_days: 3,
  });

  it('one_day is yesterday', () => {
    expect(sourceDaysFor('one_day', target, month, 0.5)).toEqual([{ day: target - 1, weight: 1 }]);
  });

  it('seven_days_flat pools the previous week, but only days the window holds', () => {
    expect(sourceDaysFor('seven_days_flat', target, month, 0.5).map((s) => target - s.day)).toEqual(
      [1, 2, 3, 4, 5, 6, 7],
    );
    expect(sourceDaysFor('seven_days_flat', target, threeDays, 0.5)).toHaveLength(3);
  });

  it('same_day_exponential weighs earlier weeks by powers of the decay', () => {
    // 30 days back from 05-26 reach 04-27: weeks 1..4 (28 days back) are inside.
    expect(sourceDaysFor('same_day_exponential', target, month, 0.25)).toEqual([
      { day: target - 7, weight: 1 },
      { day: target - 14, weight: 0.25 },
      { day: target - 21, weight: 0.0625 },
      { day: target - 28, weight: 0.015625 },
    ]);
  });

  it('same-weekday policies fall back to yesterday without a week of history', () => {
    const yesterday = [{ day: target - 1, weight: 1 }];
    expect(sourceDaysFor('same_day_once', target, threeDays, 0.5)).toEqual(yesterday);
    expect(sourceDaysFor('same_day_exponential', target, threeDays, 0.5)).toEqual(yesterday);
    expect(sourceDaysFor('same_day_once', target, month, 0.5)).toEqual([
      { day: target - 7, weight: 1 },
    ]);
  });

  it('rejects unknown policies and decays outside [0, 1]', () => {
    expect(() => sourceDaysFor('two_days', target, month, 0.5)).toThrow(/unknown forecast policy/);
    expect(() => sourceDaysFor('same_day_exponential', target, month, 1.5)).toThrow(/decay_factor/);
  });
});

describe('decileTable', () => {
  it('interpolates gaps against cumulative weight, measuring the first gap from the top of the hour', () => {
    // Gaps 10, 10, 20 each weigh 1/3: cumulative fractions 1/3, 2/3, 1.
    const table = decileTable([{ offsets: Float64Array.from([10, 20, 40]), weight: 1 }], 3);
    expect(table).not.toBeNull();
    const values = [...(table as Float64Array)];
    expect(values.slice(0, 7)).toEqual([10, 10, 10, 10, 10, 10, 10]);
    // q = 0.8 lies 0.4 of the way from (2/3, 10) to (1, 20).
    expect(values[8]).toBeCloseTo(14, 10);
    expect(values[10]).toBe(20);
  });

  it('gives every bin its weight in total, however many arrivals it has', () => {
    // Bin A: one gap of 100 (weight 3). Bin B: four gaps of 1 (weight 1/4 each).
    const table = decileTable(
      [
        { offsets: Float64Array.from([100]), weight: 3 },
        { offsets: Float64Array.from([1, 2, 3, 4]), weight: 1 },
      ],
      1,
    ) as Float64Array;
    // The small gaps hold a quarter of the weight: deciles up to 0.25 are 1 s.
    expect(table[2]).toBe(1);
    expect(table[10]).toBe(100);
  });

  it('declines when there are fewer gaps than required', () => {
    expect(decileTable([{ offsets: Float64Array.from([10, 20, 40]), weight: 1 }], 4)).toBeNull();
  });
});

describe('forecastDay', () => {
  const history = poissonHistory('2024-04-27', 30, 7);
  const reservoir = buildReservoir(history, {
    last_day_date_inclusive: '2024-05-26',
    num_days: 30,
  });
  const targetDay = epochDayOf('2024-05-27', 'test');

  it('uniform arrivals reproduce the weighted mean hourly count exactly', () => {
    const forecast = forecastDay(reservoir, { forecast_policy_name: 'one_day' }, '2024-05-27', 1);
    for (let h = 0; h < 24; h++) {
      const expected = reservoir.total(targetDay - 1, h);
      const got = Array.from(forecast.absStartMs).filter((ms) => hourOf(ms) === h).length;
      expect(got).toBe(expected);
    }
    const exp = forecastDay(
      reservoir,
      { forecast_policy_name: 'same_day_exponential', decay_factor: 0.5 },
      '2024-05-27',
      1,
    );
    const weights = [1, 0.5, 0.25, 0.125];
    const hour9 = weights.reduce(
      (s, w, k) => s + w * reservoir.total(targetDay - 7 * (k + 1), 9),
      0,
    );
    expect(Array.from(exp.absStartMs).filter((ms) => hourOf(ms) === 9).length).toBe(
      Math.round(hour9 / 1.875),
    );
  });

  it('stays on the target day, sorted, with fresh ids', () => {
    const forecast = forecastDay(
      reservoir,
      { forecast_policy_name: 'seven_days_flat' },
      '2024-05-27',
      3,
    );
    expect(forecast.length).toBeGreaterThan(0);
    for (let i = 0; i < forecast.length; i++) {
      const ms = forecast.absStartMs[i] as number;
      expect(Math.floor(ms / DAY_MS)).toBe(targetDay);
      if (i > 0) expect(ms).toBeGreaterThanOrEqual(forecast.absStartMs[i - 1] as number);
      expect(forecast.queryId[i]).toBe(i);
    }
    expect(forecast.isolatedLatencyS).toBeNull();
  });

  it('interarrival deciles give counts, gaps and template mix that match the history', () => {
    const scenarios = decileScenarios(reservoir, 20);
    expect(scenarios.map((s) => s.name).slice(0, 3)).toEqual(['t_0', 't_1', 't_2']);
    // History: 10 busy hours at 120/h and 14 quiet ones at 20/h = 1480 per day.
    const historyPerDay = history.length / 30;
    expect(historyPerDay).toBeGreaterThan(1480 * 0.95);
    expect(historyPerDay).toBeLessThan(1480 * 1.05);
    const busy: number[] = [];
    const quiet: number[] = [];
    const mix = new Map<string, number>();
    let total = 0;
    for (const { trace } of scenarios) {
      total += trace.length;
      let b = 0;
      let q = 0;
      for (let i = 0; i < trace.length; i++) {
        const h = hourOf(trace.absStartMs[i] as number);
        if (h >= 8 && h < 18) b++;
        else q++;
        const id = trace.queryTextId[i] as string;
        mix.set(id, (mix.get(id) ?? 0) + 1);
      }
      busy.push(b / 10);
      quiet.push(q / 14);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // Emergent counts: within 15% of the history's hourly rates.
    expect(mean(busy)).toBeGreaterThan(120 * 0.85);
    expect(mean(busy)).toBeLessThan(120 * 1.15);
    expect(mean(quiet)).toBeGreaterThan(20 * 0.85);
    expect(mean(quiet)).toBeLessThan(20 * 1.15);
    // Template shares within 1 point of the weighted mix of the source days (weeks 1..4 back).
    const pooled = new Map<string, number>();
    let pooledTotal = 0;
    [1, 0.25, 0.0625, 0.015625].forEach((w, k) => {
      for (let h = 0; h < 24; h++) {
        for (const [id, n] of reservoir.counts(targetDay - 7 * (k + 1), h)) {
          pooled.set(id, (pooled.get(id) ?? 0) + w * n);
          pooledTotal += w * n;
        }
      }
    });
    for (const id of TEMPLATES) {
      const expected = (pooled.get(id) ?? 0) / pooledTotal;
      expect(Math.abs((mix.get(id) ?? 0) / total - expected)).toBeLessThan(0.01);
    }
  });

  it('falls back to neighbouring hours when an hour has too few gaps', () => {
    // Each day: 3 arrivals at 02:xx (too few alone), 30 at 01:xx and 03:xx.
    const first = epochDayOf('2024-05-20', 'test');
    const rows: TraceRow[] = [];
    for (let d = 0; d < 7; d++) {
      for (const [hour, n] of [
        [1, 30],
        [2, 1],
        [3, 30],
      ] as const) {
        for (let i = 0; i < n; i++) {
          rows.push({
            queryId: rows.length,
            absStartMs: (first + d) * DAY_MS + hour * HOUR_MS + (i + 1) * 100_000,
            queryTextId: 'tpcds#005#001',
            repetitionId: 0,
          });
        }
      }
    }
    const sparse = buildReservoir(traceFromRows(rows), {
      last_day_date_inclusive: '2024-05-26',
      num_days: 7,
    });
    const settings = {
      forecast_policy_name: 'one_day',
      arrival_time_policy_name: 'interarrival_deciles',
      min_gaps_for_deciles: 20,
    };
    const forecast = forecastDay(sparse, settings, '2024-05-27', 5);
    const at2 = Array.from(forecast.absStartMs).filter((ms) => hourOf(ms) === 2).length;
    // 7 days x 1 gap < 20, so hours 1..3 (427 gaps, nearly all 100 s) shape hour 2: ~30 arrivals.
    expect(at2).toBeGreaterThan(20);
    expect(at2).toBeLessThanOrEqual(36);
  });

  it('is deterministic per seed', () => {
    const settings = {
      forecast_policy_name: 'seven_days_flat',
      arrival_time_policy_name: 'interarrival_deciles',
    };
    const a = forecastDay(reservoir, settings, '2024-05-27', 9);
    const b = forecastDay(reservoir, settings, '2024-05-27', 9);
    const c = forecastDay(reservoir, settings, '2024-05-27', 10);
    expect(Array.from(a.absStartMs)).toEqual(Array.from(b.absStartMs));
    expect(a.queryTextId).toEqual(b.queryTextId);
    expect(Array.from(a.absStartMs)).not.toEqual(Array.from(c.absStartMs));
  });

  it('carries each template mean isolated latency when the history has the column', () => {
    const day = epochDayOf('2024-05-26', 'test');
    const rows: TraceRow[] = [2, 4].map((lat, i) => ({
      queryId: i,
      absStartMs: day * DAY_MS + 7 * HOUR_MS + i * 1000,
      queryTextId: 'tpcds#011#001',
      repetitionId: 0,
      isolatedLatencyS: lat,
    }));
    const r = buildReservoir(traceFromRows(rows), {
      last_day_date_inclusive: '2024-05-26',
      num_days: 1,
    });
    const f = forecastDay(r, { forecast_policy_name: 'one_day' }, '2024-05-27', 1);
    expect(f.length).toBe(2);
    expect(Array.from(f.isolatedLatencyS as Float64Array)).toEqual([3, 3]);
  });
});

describe('forecasts of the generated diurnal workload', () => {
  it('match the daily volume and the hour-of-day shape of the same weekdays in history', () => {
    const { trace } = generateDiurnal({ startDate: '2024-04-01', days: 60, seed: 42 });
    const reservoir = buildReservoir(trace, {
      last_day_date_inclusive: '2024-05-26',
      num_days: 30,
    });
    const target = epochDayOf('2024-05-27', 'test');
    const mondays = [7, 14, 21, 28].map((k) => target - k);
    const historyHours = new Array<number>(24).fill(0);
    for (const day of mondays)
      for (let h = 0; h < 24; h++)
        historyHours[h] = (historyHours[h] as number) + reservoir.total(day, h) / 4;
    const scenarios = decileScenarios(reservoir, 10);
    const forecastHours = new Array<number>(24).fill(0);
    for (const { trace: f } of scenarios) {
      for (let i = 0; i < f.length; i++) {
        const h = hourOf(f.absStartMs[i] as number);
        forecastHours[h] = (forecastHours[h] as number) + 1 / 10;
      }
    }
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    // Volume within 15% of the Monday mean (the forecast weighs the latest Monday most).
    expect(total(forecastHours) / total(historyHours)).toBeGreaterThan(0.85);
    expect(total(forecastHours) / total(historyHours)).toBeLessThan(1.15);
    // Same daily rhythm: Pearson correlation of the hourly profiles above 0.9.
    const mean = (xs: number[]) => total(xs) / xs.length;
    const mx = mean(historyHours);
    const my = mean(forecastHours);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let h = 0; h < 24; h++) {
      const dx = (historyHours[h] as number) - mx;
      const dy = (forecastHours[h] as number) - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.9);
  });
});
