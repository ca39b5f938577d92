/** Reads that skip row groups by their timestamp statistics give the same trace as whole reads. */
import { join } from 'node:path';
import {
  generatePoisson,
  loadWorkload,
  readWorkloadFile,
  sliceToDate,
  writeWorkloadParquet,
} from '../src/index.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();

test('a one-day load reads only that day’s row groups and equals slicing the whole file', async () => {
  // About 4 days at 0.05 q/s, in row groups of 500 rows (about 2.8 hours each).
  const { trace } = generatePoisson({
    lambda: 0.05,
    queriesPerText: null,
    totalQueries: 17_000,
    seed: 3,
    startDate: '2024-05-25',
  });
  const dir = tmp();
  await writeWorkloadParquet(join(dir, 'workloads', 'multi.parquet'), trace, 500);
  const whole = await readWorkloadFile(join(dir, 'workloads', 'multi.parquet'));
  expect(whole.length).toBe(17_000);
  for (const day of ['2024-05-25', '2024-05-26', '2024-05-27']) {
    const loaded = await loadWorkload(
      { workload_name: 'multi', target_date: day },
      { dataDir: dir },
    );
    const expected = sliceToDate(whole, day);
    expect(loaded.trace.length).toBe(expected.length);
    expect(loaded.trace).toEqual(expected);
    const groups = loaded.rowGroups as { read: number; total: number };
    expect(groups.total).toBe(34);
    // A day is about 4,300 rows: 9 or 10 groups of 500, not all 34.
    expect(groups.read).toBeLessThanOrEqual(11);
    expect(groups.read).toBeGreaterThanOrEqual(9);
  }
});

test('a window outside the file reads no row group, and the error names the coverage', async () => {
  const { trace } = generatePoisson({ lambda: 0.05, seed: 4, startDate: '2024-05-25' });
  const dir = tmp();
  await writeWorkloadParquet(join(dir, 'workloads', 'w.parquet'), trace, 100);
  await expect(
    loadWorkload({ workload_name: 'w', target_date: '2024-07-01' }, { dataDir: dir }),
  ).rejects.toThrow(/no arrivals on 2024-07-01; the workload covers 2024-05-25 to 2024-05-2/);
});
