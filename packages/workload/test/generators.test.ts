import {
  generateDiurnal,
  generatePhasedPoisson,
  generatePoisson,
  parsePhases,
  parseQueryTextId,
  SeededRandom,
  summarizeTrace,
  type Trace,
  workloadParquetBytes,
} from '../src/index.js';

function countBy<T>(items: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

describe('SeededRandom', () => {
  test('is a fixed stream per seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(new SeededRandom(43).nextUint32()).not.toBe(xs[0]);
  });

  test('is sfc32 seeded through splitmix32', () => {
    // From an independent Python transcription of sfc32/splitmix32 (12 warm-up draws).
    const rng = new SeededRandom(42);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
      1028872839, 2516511472, 400437680,
    ]);
  });

  test('samplers have the right means', () => {
    const rng = new SeededRandom(1);
    const n = 20_000;
    let exp = 0;
    let poi = 0;
    let nor = 0;
    for (let i = 0; i < n; i++) {
      exp += rng.exponential(0.5);
      poi += rng.poisson(3);
      nor += rng.normal();
    }
    expect(exp / n).toBeCloseTo(2, 1);
    expect(poi / n).toBeCloseTo(3, 1);
    expect(Math.abs(nor / n)).toBeLessThan(0.03);
  });
});

describe('generatePoisson', () => {
  test('poisson_99_1_3_0.2_42: 297 queries, every text three times, rate about 0.2/s', () => {
    const { name, trace } = generatePoisson();
    expect(name).toBe('poisson_99_1_3_0.2_42');
    expect(trace.length).toBe(297);
    const counts = countBy(trace.queryTextId);
    expect(counts.size).toBe(99);
    expect([...counts.values()].every((c) => c === 3)).toBe(true);
    expect(trace.queryTextId).toContain('tpcds#042#001');
    expect(Array.from(trace.queryId)).toEqual(Array.from({ length: 297 }, (_, i) => i));
    expect(trace.absStartMs[0]).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1));
    const spanS = ((trace.absStartMs[296] as number) - Date.UTC(2026, 0, 1)) / 1000;
    expect(297 / spanS).toBeGreaterThan(0.16);
    expect(297 / spanS).toBeLessThan(0.24);
  });

  test('names follow the reference for None and totals', () => {
    const w = generatePoisson({
      numTemplates: 10,
      textsPerTemplate: 2,
      queriesPerText: null,
      lambda: 1,
      seed: 5,
      totalQueries: 50,
    });
    expect(w.name).toBe('poisson_10_2_None_1.0_5_50');
    expect(w.trace.length).toBe(50);
    const templates = new Set(w.trace.queryTextId.map((t) => parseQueryTextId(t)?.template));
    expect(templates.size).toBeLessThanOrEqual(10);
  });

  test('is byte-for-byte deterministic per seed', () => {
    const a = workloadParquetBytes(generatePoisson({ seed: 9 }).trace);
    const b = workloadParquetBytes(generatePoisson({ seed: 9 }).trace);
    const c = workloadParquetBytes(generatePoisson({ seed: 10 }).trace);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  test('rejects a missing total and bad numbers', () => {
    expect(() => generatePoisson({ queriesPerText: null })).toThrow('total_queries: is required');
    expect(() => generatePoisson({ lambda: 0 })).toThrow('lambda: must be a number > 0');
    expect(() => generatePoisson({ numTemplates: 100 })).toThrow(
      'num_templates: must be an integer from 1 to 99',
    );
  });
});

describe('generatePhasedPoisson', () => {
  test('phases in order, name as the reference wrote it', () => {
    const phases = parsePhases('15q0.05l,10q0.2l');
    expect(phases).toEqual([
      { queries: 15, lambda: 0.05 },
      { queries: 10, lambda: 0.2 },
    ]);
    const { name, trace } = generatePhasedPoisson({ phases });
    expect(name).toBe('poisson_99_3_None_None_42_phased_15q0.05l_10q0.2l');
    expect(trace.length).toBe(25);
    expect(new Set(trace.queryId).size).toBe(25);
    // The slow phase's mean gap (20 s) is far above the fast one's (5 s).
    const gap = (a: number, b: number) =>
      ((trace.absStartMs[b] as number) - (trace.absStartMs[a] as number)) / (b - a) / 1000;
    expect(gap(0, 14)).toBeGreaterThan(gap(15, 24));
  });

  test('bad phase text names the phase', () => {
    expect(() => parsePhases('15q0.05l,ten')).toThrow('phases: each phase is <queries>q<lambda>l');
  });
});

function hourlyCounts(trace: Trace, dayStartMs: number): number[] {
  const hours = new Array<number>(24).fill(0);
  for (const t of trace.absStartMs) {
    const h = Math.floor((t - dayStartMs) / 3_600_000);
    if (h >= 0 && h < 24) hours[h] = (hours[h] as number) + 1;
  }
  return hours;
}

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += ((a[i] as number) - ma) * ((b[i] as number) - mb);
    da += ((a[i] as number) - ma) ** 2;
    db += ((b[i] as number) - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('generateDiurnal', () => {
  const { name, trace } = generateDiurnal({ startDate: '2024-04-01', days: 28, seed: 42 });
  const summary = summarizeTrace(trace);

  test('covers exactly the requested days, templates from 1..99', () => {
    expect(name).toBe('diurnal_20240401_28d_1400q_42');
    expect(summary.days).toBe(28);
    expect(summary.perDay[0]?.date).toBe('2024-04-01');
    expect(summary.perDay[27]?.date).toBe('2024-04-28');
    expect(summary.schema).toBe('tpcds');
    const templates = trace.queryTextId.map((t) => parseQueryTextId(t)?.template as number);
    expect(Math.min(...templates)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...templates)).toBeLessThanOrEqual(99);
    expect(Array.from(trace.queryId)).toEqual(Array.from({ length: trace.length }, (_, i) => i));
  });

  test('weekdays carry about 1,400 queries, weekends far fewer', () => {
    // 2024-04-01 is a Monday.
    const weekdays = summary.perDay.filter((_, d) => d % 7 < 5).map((d) => d.count);
    const weekends = summary.perDay.filter((_, d) => d % 7 >= 5).map((d) => d.count);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    expect(mean(weekdays)).toBeGreaterThan(1250);
    expect(mean(weekdays)).toBeLessThan(1550);
    expect(mean(weekends)).toBeLessThan(0.5 * mean(weekdays));
  });

  test('busy daytime peaks, quiet nights', () => {
    const day = hourlyCounts(trace, Date.UTC(2024, 3, 2)); // a Tuesday
    const night = (day[2] as number) + (day[3] as number) + (day[4] as number);
    const peak = (day[10] as number) + (day[11] as number) + (day[15] as number);
    expect(peak).toBeGreaterThan(4 * night);
  });

  test('consecutive weekdays look alike, so history forecasts the next day', () => {
    const tue = hourlyCounts(trace, Date.UTC(2024, 3, 9));
    const wed = hourlyCounts(trace, Date.UTC(2024, 3, 10));
    expect(correlation(tue, wed)).toBeGreaterThan(0.85);
  });

  test('recurring queries: the same texts come back every day', () => {
    const dayTexts = (d: number) => {
      const start = Date.UTC(2024, 3, 1 + d);
      return new Set(
        trace.queryTextId.filter(
          (_, i) =>
            (trace.absStartMs[i] as number) >= start &&
            (trace.absStartMs[i] as number) < start + 86_400_000,
        ),
      );
    };
    const mon = dayTexts(7);
    const tue = dayTexts(8);
    const shared = [...mon].filter((t) => tue.has(t)).length;
    expect(shared / mon.size).toBeGreaterThan(0.6);
  });

  test('is byte-for-byte deterministic per seed', () => {
    const again = generateDiurnal({ startDate: '2024-04-01', days: 28, seed: 42 });
    expect(Buffer.compare(workloadParquetBytes(again.trace), workloadParquetBytes(trace))).toBe(0);
    const other = generateDiurnal({ startDate: '2024-04-01', days: 28, seed: 43 });
    expect(other.trace.length).not.toBe(trace.length);
  });
});
