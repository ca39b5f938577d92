import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  importRedset,
  latencyProfileYaml,
  percentile,
  quantileOfSorted,
  readWorkloadFile,
  saveRedsetImport,
  traceRow,
} from '../src/index.js';
import { redsetCsv, redsetParquet, row } from './_redset-fixture.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();

// Instance 157: fingerprint A three times, B twice, E twice (one a cache hit), C aborted,
// D a COPY. Instance 200 has two rows. Rows are not in arrival order.
const ROWS = [
  row(157, 11, '2024-05-27 09:00:03.000000', 4000, 'A', { read_table_ids: '3' }),
  row(157, 10, '2024-05-27 09:00:01.500000', 1000, 'A'),
  row(157, 12, '2024-05-27 09:00:02.000000', 500, 'B'),
  row(157, 13, '2024-05-27 09:00:04.000000', 2000, 'A'),
  row(157, 14, '2024-05-27 09:00:05.000000', 1500, 'B'),
  row(157, 15, '2024-05-27 09:00:06.000000', 9000, 'C', { was_aborted: true }),
  row(157, 16, '2024-05-27 09:00:07.000000', 9000, 'D', { query_type: 'copy' }),
  row(157, 17, '2024-05-27 09:00:08.250000', 3000, 'E'),
  row(157, 18, '2024-05-27 09:00:09.000000', 10, 'E', { was_cached: true }),
  row(200, 19, '2024-05-27 09:00:00.000000', 100, 'A'),
  row(200, 20, '2024-05-27 09:00:10.000000', 100, 'Z'),
];

async function fixture(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(tmp(), name);
  await writeFile(file, content);
  return file;
}

describe.each([
  ['parquet', () => redsetParquet(ROWS)],
  ['csv', () => redsetCsv(ROWS)],
])('import from %s', (ext, make) => {
  test('one instance becomes a sorted workload with frequency-ranked templates', async () => {
    const file = await fixture(`redset.${ext}`, make());
    const r = await importRedset(file, { instanceId: 157 });
    expect(r.name).toBe('redset_157');
    expect(r.stats).toEqual({
      rowsRead: 11,
      rowsKept: 7,
      droppedOtherInstances: 2,
      droppedQueryType: 1,
      droppedAborted: 1,
      droppedOutsideDates: 0,
      fingerprints: 3,
      templates: 3,
      foldedFingerprints: 0,
      rowGroupsRead: ext === 'parquet' ? 1 : 0,
      rowGroupsTotal: ext === 'parquet' ? 1 : 0,
    });
    const rows = Array.from({ length: r.trace.length }, (_, i) => traceRow(r.trace, i));
    expect(rows.map((x) => x.queryId)).toEqual([10, 12, 11, 13, 14, 17, 18]);
    expect(rows.map((x) => x.queryTextId)).toEqual([
      'redset#001#001',
      'redset#002#001',
      'redset#001#001',
      'redset#001#001',
      'redset#002#001',
      'redset#003#001',
      'redset#003#001',
    ]);
    // A with tables "1,2" twice is one repetition; A with table "3" another.
    expect(rows.map((x) => x.repetitionId)).toEqual([0, 1, 2, 0, 1, 3, 3]);
    expect(rows.map((x) => x.isolatedLatencyS)).toEqual([1, 0.5, 4, 2, 1.5, 3, 0.01]);
    expect(r.trace.absStartMs[0]).toBe(Date.UTC(2024, 4, 27, 9, 0, 1, 500));
    expect(r.trace.absStartMs[5]).toBe(Date.UTC(2024, 4, 27, 9, 0, 8, 250));
    // p50 per template over non-cached rows: A [1, 2, 4] -> 2; B [0.5, 1.5] -> 1; E [3] -> 3.
    expect(r.profile).toEqual({
      run_id: 'redset_157',
      agg_method: 'p50',
      multiplier: 1,
      num_templates: 3,
      slo_dict: { '001': 2, '002': 1, '003': 3 },
    });
  });
});

test('the profile is an SLO-table-shaped YAML file; the workload reads back', async () => {
  const file = await fixture('save.parquet', redsetParquet(ROWS));
  const r = await importRedset(file, { instanceId: 157, profileAggregation: 'mean', name: 'mine' });
  const paths = await saveRedsetImport(r, { dataDir: tmp() });
  expect(paths.workloadFile).toBe(join(tmp(), 'workloads', 'mine.parquet'));
  expect(await readFile(paths.profileFile, 'utf8')).toBe(
    "run_id: 'mine'\nagg_method: mean\nmultiplier: 1\nnum_templates: 3\nslo_dict:\n  '001': 2.333\n  '002': 1.0\n  '003': 3.0\n",
  );
  const back = await readWorkloadFile(paths.workloadFile);
  expect(back.length).toBe(7);
  expect(Array.from(back.isolatedLatencyS ?? [])).toEqual([1, 0.5, 4, 2, 1.5, 3, 0.01]);
  expect(latencyProfileYaml(r.profile)).toContain("'001': 2.333");
});

test('maxTemplates folds the rarer fingerprints into the last template', async () => {
  const file = await fixture('fold.parquet', redsetParquet(ROWS));
  const r = await importRedset(file, { instanceId: 157, maxTemplates: 2 });
  expect(new Set(r.trace.queryTextId)).toEqual(new Set(['redset#001#001', 'redset#002#001']));
  expect(r.stats.foldedFingerprints).toBe(2);
  // B and E share 002: non-cached [0.5, 1.5, 3] -> p50 1.5
  expect(r.profile.slo_dict).toEqual({ '001': 2, '002': 1.5 });
});

test('all query types, aborted kept, date window', async () => {
  const file = await fixture('all.parquet', redsetParquet(ROWS));
  const r = await importRedset(file, { instanceId: 157, queryTypes: [], includeAborted: true });
  expect(r.trace.length).toBe(9);
  const none = importRedset(file, { instanceId: 157, startDate: '2024-05-28' });
  await expect(none).rejects.toThrow('no rows left after filtering');
});

test('several instances without --instance, or an absent one, are input errors listing instances', async () => {
  const file = await fixture('multi.parquet', redsetParquet(ROWS));
  await expect(importRedset(file)).rejects.toThrow(
    'instance_id: the file holds 2 instances; choose one with --instance (expected 157 (9 rows), 200 (2 rows))',
  );
  await expect(importRedset(file, { instanceId: 5 })).rejects.toThrow(
    'instance_id: instance 5 is not in the file',
  );
});

test('bad Redset rows and missing columns name the row and column', async () => {
  const bad = [row(1, 1, '2024-05-27 09:00:00', 10, 'A'), row(1, 2, 'noon', 10, 'A')];
  const csv = await fixture('bad.csv', redsetCsv(bad));
  await expect(importRedset(csv)).rejects.toThrow(
    'bad.csv:3: arrival_timestamp: row 2: arrival_timestamp is not a timestamp (received "noon")',
  );
  const missing = await fixture(
    'missing.csv',
    'instance_id,arrival_timestamp\n1,2024-05-27 09:00:00\n',
  );
  await expect(importRedset(missing)).rejects.toThrow(
    "missing.csv: execution_duration_ms: missing Redset column 'execution_duration_ms'",
  );
});

test('percentile interpolates linearly, as numpy does', () => {
  expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
  expect(percentile([1, 2, 3, 4], 100)).toBe(4);
  expect(percentile([10], 90)).toBe(10);
});

test('quantileOfSorted: numpy positions, the exact value beside an infinite one, NaN for none', () => {
  // q = 0.25 over 5 values: position 1 -> 2; q = 0.3: position 1.2 -> 2 + 0.2 * (4 - 2).
  expect(quantileOfSorted([1, 2, 4, 8, 16], 0.25)).toBe(2);
  expect(quantileOfSorted(Float64Array.from([1, 2, 4, 8, 16]), 0.3)).toBeCloseTo(2.4, 12);
  expect(quantileOfSorted([3, Number.POSITIVE_INFINITY], 0)).toBe(3);
  expect(quantileOfSorted([], 0.5)).toBeNaN();
});

test('a parts/ directory of per-cluster files: only the instance’s row groups are read, same import as one file', async () => {
  const dir = join(tmp(), 'parts');
  await mkdir(dir);
  // Three clusters, 60 rows each over two days, in row groups of 10 rows.
  const all: ReturnType<typeof row>[] = [];
  for (const instance of [3, 157, 200]) {
    const rows = Array.from({ length: 60 }, (_, i) =>
      row(
        instance,
        instance * 1000 + i,
        `2024-05-${i < 30 ? 26 : 27} ${String(i % 24).padStart(2, '0')}:00:0${i % 10}.000000`,
        100 + i,
        `F${i % 4}`,
      ),
    );
    all.push(...rows);
    await writeFile(join(dir, `cluster_${instance}.parquet`), redsetParquet(rows, 10));
  }
  const whole = await fixture('whole.parquet', redsetParquet(all));
  const fromParts = await importRedset(dir, { instanceId: 157 });
  const fromWhole = await importRedset(whole, { instanceId: 157 });
  expect(fromParts.trace).toEqual(fromWhole.trace);
  expect(fromParts.profile).toEqual(fromWhole.profile);
  expect(fromParts.stats.rowGroupsTotal).toBe(18);
  expect(fromParts.stats.rowGroupsRead).toBe(6);
  expect(fromParts.stats.rowsRead).toBe(60);
  // A date window skips the other day's row groups too.
  const oneDay = await importRedset(dir, {
    instanceId: 157,
    startDate: '2024-05-27',
    endDate: '2024-05-28',
  });
  expect(oneDay.stats.rowGroupsRead).toBe(3);
  expect(oneDay.trace.length).toBe(30);
});
