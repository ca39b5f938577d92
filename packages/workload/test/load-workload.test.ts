import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import {
  loadWorkload,
  traceFromRows,
  writeWorkloadCsv,
  writeWorkloadParquet,
} from '../src/index.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();
const H = 3_600_000;
const MAY26 = Date.UTC(2024, 4, 26);
const MAY27 = Date.UTC(2024, 4, 27);

// Two on May 26, three on May 27 (the last at 23:59:59.999), one on May 28 at 00:00.
const trace = traceFromRows(
  [
    MAY26 + 10 * H,
    MAY26 + 20 * H,
    MAY27 + 6 * H,
    MAY27 + 12 * H,
    MAY27 + 24 * H - 1,
    MAY27 + 24 * H,
  ].map((t, i) => ({
    queryId: i,
    absStartMs: t,
    queryTextId: `tpcds#00${i + 1}#001`,
    repetitionId: i,
  })),
);

beforeAll(async () => {
  await writeWorkloadParquet(join(tmp(), 'workloads', 'two_days.parquet'), trace);
  await writeWorkloadCsv(join(tmp(), 'elsewhere', 'as_csv.csv'), trace);
});

test('target_date keeps that UTC day; relative times start at its first arrival and are rescaled', async () => {
  const w = await loadWorkload(
    { workload_name: 'two_days', target_date: '2024-05-27', rescale_factor: 0.16666667 },
    { dataDir: tmp() },
  );
  expect(w.id).toBe('two_days__2024-05-27__rf0.167');
  expect(w.name).toBe('two_days');
  expect(Array.from(w.trace.queryId)).toEqual([2, 3, 4]);
  // 6 h later -> 21600 s x 0.16666667 = 3600.00007 s
  expect(w.relStartS[0]).toBe(0);
  expect(w.relStartS[1]).toBeCloseTo(3600.00007, 4);
  expect(w.relStartS[2]).toBeCloseTo(((18 * H - 1) / 1000) * 0.16666667, 6);
});

test('without target_date every row is kept at rescale 1', async () => {
  const w = await loadWorkload({ workload_name: 'two_days' }, { dataDir: tmp() });
  expect(w.id).toBe('two_days__target__rf1.000');
  expect(w.trace.length).toBe(6);
  expect(w.relStartS[5]).toBe((MAY27 + 24 * H - (MAY26 + 10 * H)) / 1000);
});

test('workload_dir is searched for <name>.parquet, then <name>.csv', async () => {
  const w = await loadWorkload(
    { workload_name: 'as_csv', workload_dir: join(tmp(), 'elsewhere'), target_date: '2024-05-28' },
    { dataDir: tmp() },
  );
  expect(Array.from(w.trace.queryId)).toEqual([5]);
});

test('a day without arrivals and an unknown workload are input errors', async () => {
  await expect(
    loadWorkload({ workload_name: 'two_days', target_date: '2024-06-01' }, { dataDir: tmp() }),
  ).rejects.toThrow(
    'workload_config.target_date: no arrivals on 2024-06-01; the workload covers 2024-05-26 to 2024-05-28',
  );
  const missing = loadWorkload({ workload_name: 'nope' }, { dataDir: tmp() });
  await expect(missing).rejects.toBeInstanceOf(InputError);
  await expect(missing).rejects.toThrow(
    "workload_config.workload_name: no workload 'nope' (.parquet or .csv)",
  );
});

test('a bad file found through the config still names its row', async () => {
  await mkdir(join(tmp(), 'bad'), { recursive: true });
  await writeFile(
    join(tmp(), 'bad', 'b.csv'),
    'query_id,abs_start_time,query_text_id,repetition_id\n1,soon,tpcds#001#001,1\n',
  );
  await expect(
    loadWorkload({ workload_name: 'b', workload_dir: join(tmp(), 'bad') }, { dataDir: tmp() }),
  ).rejects.toThrow('b.csv:2:2: abs_start_time: row 1: abs_start_time is not a timestamp');
});
