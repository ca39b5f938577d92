/**
 * The demo workload is generated from fixed options, identically each time. Its calibration
 * (the small static pools miss the 0.10 threshold, Single 32 meets it) simulates the whole
 * day four times and runs in the long suite: demo-calibration.long.test.ts.
 */
import {
  DEMO_WORKLOAD_OPTIONS,
  generateDemoWorkload,
  sameArrivals,
} from '../src/demo/demo-workload.js';

describe('the demo workload', () => {
  it('is generated from fixed options, identically each time', () => {
    expect(DEMO_WORKLOAD_OPTIONS.queriesPerDay).toBe(5000);
    expect(DEMO_WORKLOAD_OPTIONS.scheduledFraction).toBe(0.1);
    const a = generateDemoWorkload();
    expect(sameArrivals(a, generateDemoWorkload())).toBe(true);
    const shifted = { ...a, absStartMs: a.absStartMs.slice() };
    shifted.absStartMs[7] = (shifted.absStartMs[7] as number) + 1;
    expect(sameArrivals(a, shifted)).toBe(false);
  });
});
