import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateDiurnal,
  generatePoisson,
  readWorkloadFile,
  type Trace,
  traceFromRows,
  traceRow,
  workloadCsvText,
  writeWorkloadCsv,
  writeWorkloadParquet,
} from '../src/index.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();

function rows(trace: Trace) {
  return Array.from({ length: trace.length }, (_, i) => traceRow(trace, i));
}

test('generate -> Parquet -> read -> CSV -> read preserves every row', async () => {
  const { trace } = generateDiurnal({ days: 3, seed: 7 });
  const pq = join(tmp(), 'rt.parquet');
  const csv = join(tmp(), 'rt.csv');
  await writeWorkloadParquet(pq, trace);
  const fromParquet = await readWorkloadFile(pq);
  await writeWorkloadCsv(csv, fromParquet);
  const fromCsv = await readWorkloadFile(csv);
  expect(fromParquet.length).toBe(trace.length);
  expect(rows(fromParquet)).toEqual(rows(trace));
  expect(rows(fromCsv)).toEqual(rows(trace));
  expect(fromCsv.isolatedLatencyS).toBeNull();
});

test('isolated latencies, missing ones included, survive both formats', async () => {
  const trace = traceFromRows([
    {
      queryId: 10,
      absStartMs: Date.UTC(2024, 4, 27, 9),
      queryTextId: 'redset#001#001',
      repetitionId: 0,
      isolatedLatencyS: 1.5,
    },
    {
      queryId: 11,
      absStartMs: Date.UTC(2024, 4, 27, 9, 0, 0, 250),
      queryTextId: 'redset#002#001',
      repetitionId: 1,
      isolatedLatencyS: Number.NaN,
    },
  ]);
  const pq = join(tmp(), 'lat.parquet');
  const csv = join(tmp(), 'lat.csv');
  await writeWorkloadParquet(pq, trace);
  await writeWorkloadCsv(csv, await readWorkloadFile(pq));
  const back = await readWorkloadFile(csv);
  expect(Array.from(back.isolatedLatencyS ?? [])).toEqual([1.5, Number.NaN]);
  expect(Array.from(back.absStartMs)).toEqual([
    Date.UTC(2024, 4, 27, 9),
    Date.UTC(2024, 4, 27, 9, 0, 0, 250),
  ]);
  expect(await readFile(csv, 'utf8')).toBe(
    'query_id,abs_start_time,query_text_id,repetition_id,isolated_latency_s\n' +
      '10,2024-05-27 09:00:00.000,redset#001#001,0,1.5\n' +
      '11,2024-05-27 09:00:00.250,redset#002#001,1,\n',
  );
});

test('rows are sorted by arrival on read, equal times keep file order', async () => {
  const csv = join(tmp(), 'unsorted.csv');
  await writeFile(
    csv,
    'query_id,abs_start_time,query_text_id,repetition_id\n' +
      '1,2024-05-27T10:00:00Z,tpcds#001#001,1\n' +
      '2,2024-05-27 09:00:00+00:00,tpcds#002#001,2\n' +
      '3,2024-05-27 11:00:00+01:00,tpcds#003#001,3\n',
  );
  const t = await readWorkloadFile(csv);
  expect(Array.from(t.queryId)).toEqual([2, 1, 3]);
  expect(t.queryTextId).toEqual(['tpcds#002#001', 'tpcds#001#001', 'tpcds#003#001']);
});

test('reference-style text ids are accepted: query_<i> ids and hashed repetition ids', async () => {
  const csv = join(tmp(), 'reference.csv');
  await writeFile(
    csv,
    'query_id,abs_start_time,query_text_id,repetition_id\n' +
      'query_0,2026-01-01 00:00:01,ext_tpcds1000#042#001,ab12\n' +
      'query_1,2026-01-01 00:00:02,ext_tpcds1000#042#001,ab12\n' +
      'query_2,2026-01-01 00:00:03,"ext_tpcds1000#007#002",cd34\n',
  );
  const t = await readWorkloadFile(csv);
  expect(Array.from(t.queryId)).toEqual([0, 1, 2]);
  expect(Array.from(t.repetitionId)).toEqual([0, 0, 1]);
});

test('CSV text quotes only what needs quoting', () => {
  const t = traceFromRows([
    { queryId: 1, absStartMs: 0, queryTextId: 'a,b#001#001', repetitionId: 3 },
  ]);
  expect(workloadCsvText(t)).toBe(
    'query_id,abs_start_time,query_text_id,repetition_id\n1,1970-01-01 00:00:00.000,"a,b#001#001",3\n',
  );
});

test('a generated Poisson workload round-trips through Parquet with identical bytes on rewrite', async () => {
  const { trace } = generatePoisson();
  const a = join(tmp(), 'p1.parquet');
  const b = join(tmp(), 'p2.parquet');
  await writeWorkloadParquet(a, trace);
  await writeWorkloadParquet(b, await readWorkloadFile(a));
  expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
});

test('GZIP-compressed Parquet (as pandas or DuckDB may write it) is read', async () => {
  const { gzipSync } = await import('node:zlib');
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const file = join(tmp(), 'gzip.parquet');
  const buffer = parquetWriteBuffer({
    codec: 'GZIP',
    compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
    columnData: [
      { name: 'query_id', data: BigInt64Array.from([5n, 6n]), type: 'INT64' },
      {
        name: 'abs_start_time',
        data: [new Date(Date.UTC(2024, 4, 27)), new Date(Date.UTC(2024, 4, 27, 1))],
        type: 'TIMESTAMP',
      },
      { name: 'query_text_id', data: ['tpcds#001#001', 'tpcds#002#001'], type: 'STRING' },
      { name: 'repetition_id', data: Int32Array.from([1, 2]), type: 'INT32' },
    ],
  });
  await writeFile(file, new Uint8Array(buffer));
  const t = await readWorkloadFile(file);
  expect(rows(t)).toEqual([
    {
      queryId: 5,
      absStartMs: Date.UTC(2024, 4, 27),
      queryTextId: 'tpcds#001#001',
      repetitionId: 1,
    },
    {
      queryId: 6,
      absStartMs: Date.UTC(2024, 4, 27, 1),
      queryTextId: 'tpcds#002#001',
      repetitionId: 2,
    },
  ]);
});
