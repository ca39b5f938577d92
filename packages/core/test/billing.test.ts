import { billIntervals } from '../src/billing/bill-intervals.js';
import { BillingAccumulator } from '../src/billing/billing-accumulator.js';
import { billedDuration, costOf, costPerSecond } from '../src/billing/billing-rules.js';

describe('billing rules', () => {
  test('each interval is billed at least 60 s, in whole seconds', () => {
    expect(billedDuration(0, 0)).toBe(60);
    expect(billedDuration(0, 12.3)).toBe(60);
    expect(billedDuration(0, 60)).toBe(60);
    expect(billedDuration(0, 60.2)).toBe(61);
    expect(billedDuration(0.1, 61.1)).toBe(61); // not 62 from float noise
    expect(billedDuration(10, 100.000001)).toBe(91);
  });

  test('cost at 0.375 $ per RPU-hour, or a configured price', () => {
    // 16 RPU for one hour = 6 $
    expect(costOf(3600, 16)).toBe(6);
    expect(costPerSecond(16)).toBeCloseTo(6 / 3600, 15);
    // 8 RPU for 90 s at 0.5 $/RPU-h = 8 * 0.5 * 90 / 3600 = 0.1 $
    expect(costOf(90, 8, 0.5)).toBeCloseTo(0.1, 15);
  });
});

describe('billIntervals', () => {
  test('an empty cluster costs nothing', () => {
    expect(billIntervals([])).toEqual({ billedSeconds: 0, intervals: [] });
  });

  test('overlapping queries are billed once', () => {
    // [0,100] and [50,130] merge into [0,130]: 130 s
    expect(
      billIntervals([
        [50, 130],
        [0, 100],
      ]).billedSeconds,
    ).toBe(130);
  });

  test('a gap under 60 s after a short query falls inside the minimum', () => {
    // [0,10] extends to 60; [40,70] starts inside -> group [0,70]: 70 s
    expect(
      billIntervals([
        [0, 10],
        [40, 70],
      ]).billedSeconds,
    ).toBe(70);
    // [0,10] and [55,58] -> group [0,58] but billed the 60 s minimum
    expect(
      billIntervals([
        [0, 10],
        [55, 58],
      ]).billedSeconds,
    ).toBe(60);
  });

  test('a gap over 60 s opens a new billed interval', () => {
    // [0,10] -> 60 s; [70,80] -> 60 s
    const bill = billIntervals([
      [0, 10],
      [70, 80],
    ]);
    expect(bill.billedSeconds).toBe(120);
    expect(bill.intervals).toEqual([
      { start_s: 0, end_s: 60, billed_s: 60 },
      { start_s: 70, end_s: 130, billed_s: 60 },
    ]);
    // a long query leaves no minimum slack: [0,100] then [161,170] -> 100 + 60
    expect(
      billIntervals([
        [0, 100],
        [161, 170],
      ]).billedSeconds,
    ).toBe(160);
    // starting exactly at the extended end still merges: [0,10] then [60,65] -> [0,65]
    expect(
      billIntervals([
        [0, 10],
        [60, 65],
      ]).billedSeconds,
    ).toBe(65);
  });

  test('fractional seconds are rounded up per group', () => {
    // [0.5, 100.2] -> 99.7 -> 100; [200.25, 300.26] -> 100.01 -> 101
    expect(
      billIntervals([
        [0.5, 100.2],
        [200.25, 300.26],
      ]).billedSeconds,
    ).toBe(201);
  });
});

describe('BillingAccumulator', () => {
  test('in-order adds match the batch algorithm and answer what-ifs without changing state', () => {
    const acc = new BillingAccumulator();
    expect(acc.billedSeconds()).toBe(0);
    expect(acc.billedSecondsIfAdded(5, 20)).toBe(60);
    expect(acc.billedSeconds()).toBe(0);
    acc.add(0, 10); // 60
    expect(acc.billedSeconds()).toBe(60);
    expect(acc.billedSecondsIfAdded(30, 90)).toBe(90); // merges -> [0,90]
    expect(acc.billedSecondsIfAdded(61, 62)).toBe(120); // new group
    expect(acc.billedSeconds()).toBe(60);
    acc.add(30, 90);
    acc.add(200, 200.5);
    expect(acc.billedSeconds()).toBe(150);
    expect(acc.numIntervals).toBe(2);
    expect(acc.lastInterval()).toEqual({ start_s: 200, end_s: 260, billed_s: 60 });
    expect(new BillingAccumulator().lastInterval()).toBeUndefined();
    expect(acc.intervals()).toEqual([
      { start_s: 0, end_s: 90, billed_s: 90 },
      { start_s: 200, end_s: 260, billed_s: 60 },
    ]);
  });

  test('out-of-order windows re-merge neighbouring groups', () => {
    const acc = new BillingAccumulator();
    acc.add(0, 10); // [0,10] -> 60
    acc.add(100, 110); // -> 60
    acc.add(300, 400); // -> 100
    expect(acc.billedSeconds()).toBe(220);
    // [50,120] bridges the first two groups: [0,120] -> 120, plus 100
    expect(acc.billedSecondsIfAdded(50, 120)).toBe(220);
    expect(acc.billedSecondsIfAdded(-100, -90)).toBe(280);
    expect(acc.billedSeconds()).toBe(220);
    acc.add(50, 120);
    expect(acc.billedSeconds()).toBe(220);
    expect(acc.intervals().map((g) => [g.start_s, g.end_s])).toEqual([
      [0, 120],
      [300, 400],
    ]);
    // [250,260] starts before group [300,400] and its minimum reaches it: [250,400] -> 150
    acc.add(250, 260);
    expect(acc.billedSeconds()).toBe(270);
  });

  test('agrees with the batch algorithm on a seeded random stream', () => {
    // small deterministic LCG; windows in random order
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const windows: [number, number][] = [];
    for (let i = 0; i < 400; i++) {
      const start = next() * 20000;
      windows.push([start, start + next() * 150]);
    }
    const acc = new BillingAccumulator();
    for (const [s, e] of windows) {
      const expected = acc.billedSecondsIfAdded(s, e);
      acc.add(s, e);
      expect(acc.billedSeconds()).toBe(expected);
    }
    expect(acc.billedSeconds()).toBe(billIntervals(windows).billedSeconds);
  });

  test('an earlier window can split a group that only the 60 s minimum held together', () => {
    const acc = new BillingAccumulator();
    acc.add(91, 93);
    acc.add(119, 120); // inside [91, 151]: one group [91,120] -> 60
    acc.add(86, 92); // [86,120] -> 60
    expect(acc.billedSeconds()).toBe(60);
    // from 44 the minimum reaches only 104 and the raw end 118: 119 starts a new group
    expect(acc.billedSecondsIfAdded(44, 118)).toBe(74 + 60);
    acc.add(44, 118);
    expect(acc.intervals().map((g) => [g.start_s, g.billed_s])).toEqual([
      [44, 74],
      [119, 60],
    ]);
  });

  test('agrees with the batch algorithm on many small seeded cases', () => {
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let trial = 0; trial < 3000; trial++) {
      const windows: [number, number][] = [];
      const n = 2 + Math.floor(next() * 5);
      for (let i = 0; i < n; i++) {
        const start = Math.round(next() * 300);
        windows.push([start, start + Math.round(next() * 100)]);
      }
      const acc = new BillingAccumulator();
      for (const [s, e] of windows) acc.add(s, e);
      const batch = billIntervals(windows);
      if (acc.billedSeconds() !== batch.billedSeconds) {
        throw new Error(`mismatch on ${JSON.stringify(windows)}`);
      }
      expect(acc.intervals()).toEqual(batch.intervals);
    }
  });

  test('rejects a window that ends before it starts', () => {
    expect(() => new BillingAccumulator().add(10, 5)).toThrow(RangeError);
  });
});
