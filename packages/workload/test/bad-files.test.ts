/** Every kind of bad workload file gives an InputError that names the row and column. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssue, InputError } from '@autoslo/config';
import type { SchemaElement } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { readWorkloadFile } from '../src/index.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();
const HEADER = 'query_id,abs_start_time,query_text_id,repetition_id';
const COLUMNS = 'columns query_id, abs_start_time, query_text_id, repetition_id';

async function firstIssue(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(tmp(), name);
  await writeFile(file, content);
  try {
    await readWorkloadFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const issue = (error as InputError).issues[0];
    if (!issue) throw new Error('no issue');
    return formatIssue({ ...issue, file: name });
  }
  throw new Error(`${name} was accepted`);
}

const csvCases: [string, string, string][] = [
  ['empty.csv', '', 'empty.csv: file is empty (no header line)'],
  ['header-only.csv', `${HEADER}\n`, 'header-only.csv: workload has no rows'],
  [
    'missing-column.csv',
    'query_id,abs_start_time,query_text_id\n1,2024-05-27 00:00:00,tpcds#001#001\n',
    `missing-column.csv:1: repetition_id: missing column 'repetition_id' (expected ${COLUMNS}, received query_id, abs_start_time, query_text_id)`,
  ],
  [
    'duplicate-id.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:01,tpcds#001#001,1\n1,2024-05-27 00:00:02,tpcds#001#001,1\n`,
    'duplicate-id.csv:4:1: query_id: row 3: duplicate query_id 1 (first in row 1)',
  ],
  [
    'bad-time.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,yesterday,tpcds#001#001,1\n`,
    'bad-time.csv:3:2: abs_start_time: row 2: abs_start_time is not a timestamp (expected e.g. 2024-05-27 13:45:12.123) (received "yesterday")',
  ],
  [
    'impossible-date.csv',
    `${HEADER}\n1,2024-02-30 00:00:00,tpcds#001#001,1\n`,
    'impossible-date.csv:2:2: abs_start_time: row 1: abs_start_time is not a timestamp (expected e.g. 2024-05-27 13:45:12.123) (received "2024-02-30 00:00:00")',
  ],
  [
    'mixed-schemas.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:01,tpch#001#001,1\n`,
    "mixed-schemas.csv:3:3: query_text_id: row 2: mixed schemas: 'tpch' here, but 'tpcds' in row 1; a workload uses one schema (received \"tpch#001#001\")",
  ],
  [
    'no-schema.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,q42,1\n`,
    'no-schema.csv:2:3: query_text_id: row 1: query_text_id must look like <schema>#<template>#<variant> (received "q42")',
  ],
  [
    'float-id.csv',
    `${HEADER}\n1.5,2024-05-27 00:00:00,tpcds#001#001,1\n`,
    'float-id.csv:2:1: query_id: row 1: query_id is not an integer (or text ending in _<integer>) (received "1.5")',
  ],
  [
    'empty-text-id.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:00,,1\n`,
    'empty-text-id.csv:3:3: query_text_id: row 2: query_text_id is empty or not text',
  ],
  [
    'empty-repetition.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,\n`,
    'empty-repetition.csv:2:4: repetition_id: row 1: repetition_id is empty',
  ],
  [
    'negative-latency.csv',
    `${HEADER},isolated_latency_s\n1,2024-05-27 00:00:00,tpcds#001#001,1,-2\n`,
    'negative-latency.csv:2:5: isolated_latency_s: row 1: isolated_latency_s must be a number of seconds >= 0 (received "-2")',
  ],
  [
    'ragged.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:00,tpcds#001#001\n`,
    'ragged.csv:3: row 2 has 3 fields but the header (line 1) has 4',
  ],
  [
    'open-quote.csv',
    `${HEADER}\n1,2024-05-27 00:00:00,"tpcds#001#001,1\n`,
    'open-quote.csv:2: unterminated quoted field',
  ],
  [
    'twice.csv',
    'query_id,abs_start_time,query_text_id,repetition_id,query_id\n',
    "twice.csv:1:5: query_id: column 'query_id' appears twice in the header",
  ],
];

test.each(csvCases)('%s', async (name, content, expected) => {
  expect(await firstIssue(name, content)).toBe(expected);
});

test('an unsupported extension and a missing file are input errors', async () => {
  expect(await firstIssue('trace.json', '[]')).toBe(
    "trace.json: unsupported workload file type '.json' (expected .parquet or .csv)",
  );
  await expect(readWorkloadFile(join(tmp(), 'nowhere.parquet'))).rejects.toThrow(
    'workload file not found',
  );
});

test('at most 20 problems are listed, each with its row', async () => {
  const lines = Array.from({ length: 30 }, (_, i) => `${i},never,tpcds#001#001,1`);
  const file = join(tmp(), 'many.csv');
  await writeFile(file, `${HEADER}\n${lines.join('\n')}\n`);
  const error = await readWorkloadFile(file).catch((e: unknown) => e as InputError);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues).toHaveLength(20);
  expect((error as InputError).issues[19]?.line).toBe(21);
});

// Parquet cases: files written with explicit (sometimes wrong) schemas.
const T0 = 1_716_768_000_000n; // 2024-05-27T00:00:00Z in ms

function parquet(columns: ColumnSource[], schema: SchemaElement[]): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: columns,
      schema: [{ name: 'schema', num_children: schema.length }, ...schema],
    }),
  );
}

const ID: SchemaElement = { name: 'query_id', type: 'INT64', repetition_type: 'REQUIRED' };
const TIME: SchemaElement = {
  name: 'abs_start_time',
  type: 'INT64',
  repetition_type: 'REQUIRED',
  logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
};
const TEXT: SchemaElement = {
  name: 'query_text_id',
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
};
const REP: SchemaElement = { name: 'repetition_id', type: 'INT32', repetition_type: 'REQUIRED' };

function good(ids: bigint[], texts: (string | null)[]): ColumnSource[] {
  return [
    { name: 'query_id', data: BigInt64Array.from(ids) },
    { name: 'abs_start_time', data: BigInt64Array.from(ids.map((_, i) => T0 + BigInt(i) * 1000n)) },
    { name: 'query_text_id', data: texts },
    { name: 'repetition_id', data: Int32Array.from(ids.map(() => 0)) },
  ];
}

/** One row whose abs_start_time is a UTF-8 text column holding `time`. */
function textTimeParquet(time: string) {
  return parquet(
    [
      { name: 'query_id', data: BigInt64Array.from([1n]) },
      { name: 'abs_start_time', data: [time] },
      { name: 'query_text_id', data: ['tpcds#001#001'] },
      { name: 'repetition_id', data: Int32Array.from([0]) },
    ],
    [
      ID,
      {
        name: 'abs_start_time',
        type: 'BYTE_ARRAY',
        converted_type: 'UTF8',
        repetition_type: 'REQUIRED',
      },
      TEXT,
      REP,
    ],
  );
}

const parquetCases: [string, () => Uint8Array | string, string][] = [
  [
    'not-parquet.parquet',
    () => 'query_id,abs_start_time\n',
    'not-parquet.parquet: not a readable Parquet file',
  ],
  [
    'pq-duplicate.parquet',
    () => parquet(good([7n, 7n], ['tpcds#001#001', 'tpcds#002#001']), [ID, TIME, TEXT, REP]),
    'pq-duplicate.parquet: query_id: row 2: duplicate query_id 7 (first in row 1)',
  ],
  [
    'pq-mixed.parquet',
    () => parquet(good([1n, 2n], ['tpcds#001#001', 'job#002#001']), [ID, TIME, TEXT, REP]),
    "pq-mixed.parquet: query_text_id: row 2: mixed schemas: 'job' here, but 'tpcds' in row 1",
  ],
  [
    'pq-null-text.parquet',
    () => parquet(good([1n, 2n], ['tpcds#001#001', null]), [ID, TIME, TEXT, REP]),
    'pq-null-text.parquet: query_text_id: row 2: query_text_id is empty or not text',
  ],
  [
    'pq-int-time.parquet',
    () =>
      parquet(good([1n], ['tpcds#001#001']), [
        ID,
        { name: 'abs_start_time', type: 'INT64', repetition_type: 'REQUIRED' },
        TEXT,
        REP,
      ]),
    "pq-int-time.parquet: abs_start_time: column 'abs_start_time' has the wrong type (expected a timestamp or text column, received INT64)",
  ],
  [
    'pq-missing.parquet',
    () => parquet(good([1n], ['tpcds#001#001']).slice(0, 3), [ID, TIME, TEXT]),
    "pq-missing.parquet: repetition_id: missing column 'repetition_id'",
  ],
  [
    'pq-text-time.parquet',
    () => textTimeParquet('27/05/2024 10:00'),
    'pq-text-time.parquet: abs_start_time: row 1: abs_start_time is not a timestamp',
  ],
  [
    'pq-huge-id.parquet',
    () => parquet(good([2n ** 60n], ['tpcds#001#001']), [ID, TIME, TEXT, REP]),
    'pq-huge-id.parquet: query_id: row 1: query_id is too large: ids must lie within ±9007199254740991',
  ],
  [
    'pq-empty.parquet',
    () => parquet(good([], []), [ID, TIME, TEXT, REP]),
    'pq-empty.parquet: workload has no rows',
  ],
];

test.each(parquetCases)('%s', async (name, make, expected) => {
  expect(await firstIssue(name, make())).toContain(expected);
});

test('a text abs_start_time column in Parquet is parsed like CSV', async () => {
  const file = join(tmp(), 'text-time.parquet');
  await writeFile(file, textTimeParquet('2024-05-27 10:00:00.5'));
  const t = await readWorkloadFile(file);
  expect(t.absStartMs[0]).toBe(Date.UTC(2024, 4, 27, 10, 0, 0, 500));
});

test('an id above 2^53 in CSV is too large, not "not an integer"', async () => {
  expect(
    await firstIssue(
      'huge-id.csv',
      `${HEADER}\n9007199254740993,2024-05-27 10:00:00,tpcds#001#001,0\n`,
    ),
  ).toContain('huge-id.csv:2:1: query_id: row 1: query_id is too large');
});

test('nanosecond timestamps (pandas datetime64[ns], DuckDB TIMESTAMP_NS) are read exactly', async () => {
  const file = join(tmp(), 'nanos.parquet');
  // 2024-05-27 00:00:00.123456900: Number(ns) / 1e6 would give ...123.457.
  const ns = 1716768000123456900n;
  await writeFile(
    file,
    parquet(
      [
        { name: 'query_id', data: BigInt64Array.from([1n]) },
        { name: 'abs_start_time', data: BigInt64Array.from([ns]) },
        { name: 'query_text_id', data: ['tpcds#001#001'] },
        { name: 'repetition_id', data: Int32Array.from([0]) },
      ],
      [
        ID,
        {
          name: 'abs_start_time',
          type: 'INT64',
          repetition_type: 'REQUIRED',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' },
        },
        TEXT,
        REP,
      ],
    ),
  );
  const t = await readWorkloadFile(file);
  expect(t.absStartMs[0]).toBe(1716768000123 + 0.4569);
  expect(t.absStartMs[0]).not.toBe(Number(ns) / 1e6);
});
