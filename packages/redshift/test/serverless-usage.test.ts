import { billedSecondsOf, billingGroups, serverlessUsageRows } from '../src/index.js';

const at = (s: number) => Date.UTC(2024, 4, 27, 0, 0, 0) + s * 1000;
const T0 = at(0) / 1000;

describe('serverlessUsageRows', () => {
  it('bills a lone short statement the 60-second minimum, split over the minutes it spans', () => {
    // Busy 00:00:30.2-00:00:31.0 at 8 RPU: one group billed 60 s from 00:00:30.
    const rows = serverlessUsageRows([{ startMs: at(30.2), endMs: at(31), rpu: 8 }]);
    expect(
      rows.map((r) => [(r.startMs - at(0)) / 1000, r.chargedSeconds, r.computeCapacity]),
    ).toEqual([
      [0, 30 * 8, 8],
      [60, 30 * 8, 8],
    ]);
    expect(rows[0]?.computeSeconds).toBeCloseTo(0.8 * 8, 6);
    expect(rows[1]?.computeSeconds).toBe(0);
  });

  it('merges intervals that start inside the extended group end, and bills separate groups apart', () => {
    // Group 1: [10, 20] extended to 70; [65, 100] starts before 70 -> group [10, 100]: 90 s.
    // Group 2: [200, 201] -> 60 s. Total 150 s at 4 RPU = 600 RPU-seconds.
    const intervals = [
      { startMs: at(65), endMs: at(100), rpu: 4 },
      { startMs: at(10), endMs: at(20), rpu: 4 },
      { startMs: at(200), endMs: at(201), rpu: 4 },
    ];
    const groups = billingGroups(intervals);
    expect(groups.map((g) => [g.startS - T0, g.endS - T0])).toEqual([
      [10, 100],
      [200, 260],
    ]);
    expect(groups.map(billedSecondsOf)).toEqual([90, 60]);
    const rows = serverlessUsageRows(intervals);
    // Minute 0: 10..60 -> 50 s; minute 1: 60..100 -> 40 s; minute 3: 200..240 -> 40 s; minute 4: 240..260 -> 20 s.
    expect(rows.map((r) => [(r.startMs - at(0)) / 60_000, r.chargedSeconds / 4])).toEqual([
      [0, 50],
      [1, 40],
      [3, 40],
      [4, 20],
    ]);
    expect(rows.reduce((a, r) => a + r.chargedSeconds, 0)).toBe(600);
    // Compute seconds count busy time once: 10 + 35 + 1 = 46 s.
    expect(rows.reduce((a, r) => a + r.computeSeconds, 0) / 4).toBeCloseTo(46, 6);
  });

  it('rounds a group longer than the minimum up to whole seconds', () => {
    // [0, 75.3] -> ceil(75.3) = 76 s.
    expect(
      billingGroups([{ startMs: at(0), endMs: at(75.3), rpu: 8 }]).map(billedSecondsOf),
    ).toEqual([76]);
  });

  it('has no rows without activity', () => {
    expect(serverlessUsageRows([])).toEqual([]);
  });
});
