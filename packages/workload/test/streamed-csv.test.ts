/**
 * The streamed CSV read gives the trace the whole-text parse gave (the earlier reader:
 * `parseCsv` over the file's text, then `assembleTrace`), and a windowed read gives that
 * trace sliced to the day, with errors still naming the file's rows and lines.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssue, InputError } from '@autoslo/config';
import {
  generatePoisson,
  loadWorkload,
  readWorkloadFile,
  sliceToDate,
  type Trace,
  writeWorkloadCsv,
} from '../src/index.js';
import { assembleTrace } from '../src/io/assemble-trace.js';
import { useTmpDir } from './_tmp-dir.js';
import { parseCsv } from './_whole-text-csv.js';

const tmp = useTmpDir();
const DAY_MS = 86_400_000;

/** The reader before streaming: the whole text parsed at once. */
async function wholeTextRead(file: string): Promise<Trace> {
  const table = parseCsv(await readFile(file, 'utf8'), file);
  const col = (name: string) => table.columns[table.header.indexOf(name)] as string[];
  const hasLatency = table.header.includes('isolated_latency_s');
  return assembleTrace(
    {
      length: table.lines.length,
      queryId: col('query_id'),
      absStart: col('abs_start_time'),
      queryTextId: col('query_text_id'),
      repetitionId: col('repetition_id'),
      ...(hasLatency ? { isolatedLatencyS: col('isolated_latency_s') } : {}),
    },
    file,
    () => ({}),
  );
}

test('a written multi-day trace reads the same streamed as parsed whole, and by day as sliced', async () => {
  const { trace } = generatePoisson({
    lambda: 0.02,
    queriesPerText: null,
    totalQueries: 6_000,
    seed: 11,
    startDate: '2024-05-25',
  });
  const dir = tmp();
  const file = join(dir, 'workloads', 'multi.csv');
  await writeWorkloadCsv(file, trace);
  const whole = await wholeTextRead(file);
  expect(await readWorkloadFile(file)).toEqual(whole);
  for (const day of ['2024-05-25', '2024-05-26', '2024-05-27']) {
    const fromMs = Date.parse(`${day}T00:00:00Z`);
    const windowed = await readWorkloadFile(file, { window: { fromMs, toMs: fromMs + DAY_MS } });
    const expected = sliceToDate(whole, day);
    expect(expected.length).toBeGreaterThan(1000);
    expect(windowed).toEqual(expected);
  }
  const loaded = await loadWorkload(
    { workload_name: 'multi', target_date: '2024-05-26' },
    { dataDir: dir },
  );
  expect(loaded.trace).toEqual(sliceToDate(whole, '2024-05-26'));
  await expect(
    loadWorkload({ workload_name: 'multi', target_date: '2024-07-01' }, { dataDir: dir }),
  ).rejects.toThrow(/no arrivals on 2024-07-01; the workload covers 2024-05-25 to 2024-05-2/);
});

test('quotes, CRLF, a BOM, blank lines, text ids, unsorted rows and missing latencies read alike', async () => {
  const text =
    '\ufeffquery_id, abs_start_time ,query_text_id,repetition_id,isolated_latency_s\r\n' +
    'q_7,2024-05-27 10:00:00.5,"tpcds#001#001",abc,1.5\r\n' +
    '\n' +
    '"q_3","2024-05-26 23:59:59.999",tpcds#002#001,"x,y",\n' +
    '12,2024-05-27T00:00:00Z,"tpcds#003#""1""",abc,0\n' +
    '5,2024-05-28 00:00:00,tpcds#001#001,7,2\n';
  const file = join(tmp(), 'odd.csv');
  await writeFile(file, text);
  const whole = await wholeTextRead(file);
  expect(whole.length).toBe(4);
  expect(await readWorkloadFile(file)).toEqual(whole);
  const fromMs = Date.parse('2024-05-27T00:00:00Z');
  const day = await readWorkloadFile(file, { window: { fromMs, toMs: fromMs + DAY_MS } });
  expect(Array.from(day.queryId)).toEqual([12, 7]);
  expect(day).toEqual(sliceToDate(whole, '2024-05-27'));
});

async function issuesOf(file: string, day?: string): Promise<string[]> {
  const fromMs = day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  try {
    await readWorkloadFile(file, day ? { window: { fromMs, toMs: fromMs + DAY_MS } } : {});
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((i) => formatIssue({ ...i, file: 'w.csv' }));
  }
  throw new Error('accepted');
}

test('errors in a windowed read name the file row and line, not the kept row', async () => {
  const H = 'query_id,abs_start_time,query_text_id,repetition_id';
  const file = join(tmp(), 'w.csv');
  await writeFile(
    file,
    `${H}\n1,2024-05-26 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:00,tpcds#001#001,1\n` +
      `3,2024-05-27 01:00:00,tpch#001#001,1\n2,2024-05-27 02:00:00,tpcds#001#001,1\n` +
      `4,later,tpcds#001#001,1\n`,
  );
  expect(await issuesOf(file, '2024-05-27')).toEqual([
    'w.csv:6:2: abs_start_time: row 5: abs_start_time is not a timestamp (expected e.g. 2024-05-27 13:45:12.123) (received "later")',
    "w.csv:4:3: query_text_id: row 3: mixed schemas: 'tpch' here, but 'tpcds' in row 2; a workload uses one schema (received \"tpch#001#001\")",
  ]);
  await writeFile(
    file,
    `${H}\n1,2024-05-26 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:00,tpcds#001#001,1\n` +
      `\n3,2024-05-27 01:00:00,tpcds#001#001,1\n2,2024-05-27 02:00:00,"tpcds#001\n#001",1\n`,
  );
  expect(await issuesOf(file, '2024-05-27')).toEqual([
    'w.csv:6:1: query_id: row 4: duplicate query_id 2 (first in row 2)',
  ]);
  await writeFile(file, `${H}\n1,2024-05-26 00:00:00,tpcds#001#001,1\n2,"2024-05-27\n`);
  expect(await issuesOf(file, '2024-05-27')).toEqual(['w.csv:3: unterminated quoted field']);
  await writeFile(file, `${H}\n1,2024-05-26 00:00:00,"tpcds#001#001"x,1\n`);
  expect(await issuesOf(file)).toEqual(['w.csv:2: text after a closing quote']);
});
