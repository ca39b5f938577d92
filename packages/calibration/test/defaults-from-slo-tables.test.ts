import { join } from 'node:path';
import { readSloTableFile } from '@autoslo/core';
import { deriveFromSloTables } from '../src/index.js';

const slos = join(import.meta.dirname, '../../../reference-data/autoslo/data/slos');
const table = (agg: string) => readSloTableFile(join(slos, `1778469201294_${agg}_k1.yml`)).sloDict;

// The figures docs/trusting-the-simulator.md quotes for where the defaults come from.
test('the reference SLO tables give the documented noise and latency figures', () => {
  const d = deriveFromSloTables(table('p50'), table('mean'), table('p100'));
  expect(d.templates).toBe(99);
  expect(d.medianP100OverP50).toBeCloseTo(1.856, 3);
  expect(d.maxP100OverP50).toBeCloseTo(12.8, 1);
  expect(d.medianMeanOverP50).toBeCloseTo(1.227, 3);
  expect(d.noiseCv).toBeCloseTo(0.711, 3);
  expect(d.medianIsolatedLatencyS).toBeCloseTo(2.93, 2);
});
