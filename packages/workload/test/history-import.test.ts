import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { type HistoryTable, importHistory, readHistoryFile } from '../src/index.js';
import { useTmpDir } from './_tmp-dir.js';

const tmp = useTmpDir();
const HEADER = 'query_id,start_time,queue_time,execution_time,status,query_type,query_text';

async function csv(name: string, lines: string[]): Promise<string> {
  const file = join(tmp(), name);
  await writeFile(file, `${[HEADER, ...lines].join('\n')}\n`);
  return file;
}

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

test('missing columns and unparseable times are input errors naming where', async () => {
  const noText = join(tmp(), 'no-text.csv');
  await writeFile(noText, 'query_id,start_time\n1,2026-11-02 10:00:00\n');
  const missing = await inputError(readHistoryFile(noText));
  expect(missing.issues.map((i) => i.path)).toEqual([
    'queue_time',
    'execution_time',
    'status',
    'query_type',
    'query_text',
  ]);

  const file = await csv('bad-time.csv', [
    '1,2026-11-02 10:00:00,0,1000,success,SELECT,SELECT 1',
    '2,yesterday noon,0,1000,success,SELECT,SELECT 2',
  ]);
  const bad = await inputError(readHistoryFile(file).then((t) => importHistory(t, { name: 'x' })));
  expect(bad.issues[0]).toMatchObject({ file, line: 3, path: 'start_time' });
  expect(bad.message).toContain('row 2: start_time is not a timestamp');

  const onlyDdl = await csv('ddl.csv', [
    '1,2026-11-02 10:00:00,0,1000,success,DDL,CREATE TABLE t (k int)',
  ]);
  const none = await inputError(
    readHistoryFile(onlyDdl).then((t) => importHistory(t, { name: 'x' })),
  );
  expect(none.message).toContain('no finished query to import');
});

test('categories, the view hash before the SQL, the window, and cut texts', () => {
  const long = (k: number, n: number) =>
    `SELECT a FROM t WHERE k IN (${Array.from({ length: n }, (_, i) => k + i).join(', ')}) AND z = 1`;
  const rows: [number, string, number, number, string, string, string, string, boolean][] = [
    [
      1,
      '2026-11-02 10:00:00',
      0,
      2e6,
      'success',
      'SELECT',
      'SELECT a FROM t WHERE k IN (1, 2) AND z = 7',
      '',
      false,
    ],
    [2, '2026-11-02 10:00:01', 0, 3e6, 'success', 'SELECT', long(5, 3), '', false],
    [
      3,
      '2026-11-02 10:00:02',
      0,
      1e6,
      'success',
      'SELECT',
      long(100000, 1200).slice(0, 4000),
      '',
      false,
    ],
    [4, '2026-11-02 10:00:03', 0, 1e6, 'failed', 'SELECT', 'SELECT 1/0', '', false],
    [5, '2026-11-02 10:00:04', 0, 1e6, 'canceled', 'SELECT', 'SELECT pg_sleep(9)', '', false],
    [6, '2026-11-02 10:00:05', 0, 1e5, 'success', 'DDL', 'CREATE TABLE u (k int)', '', false],
    [
      7,
      '2026-11-02 10:00:06',
      0,
      0,
      'success',
      'SELECT',
      'SELECT a FROM t WHERE k IN (9) AND z = 3',
      '',
      true,
    ],
    [
      8,
      '2026-11-02 10:00:07',
      0,
      1e6,
      'success',
      'SELECT',
      'SELECT count(*) FROM sys_query_history',
      '',
      false,
    ],
    [
      9,
      '2026-11-02 10:00:08',
      0,
      5e6,
      'success',
      'SELECT',
      'select b, pg_sleep(1) from v',
      'H1',
      false,
    ],
    [10, '2026-11-02 10:00:09', 0, 5e6, 'success', 'SELECT', 'select c from w', 'H1', false],
    [11, '2026-11-03 00:00:00', 0, 5e6, 'success', 'SELECT', 'select late', '', false],
  ];
  const col = (k: number) => rows.map((r) => r[k]);
  const table: HistoryTable = {
    source: 'test',
    length: rows.length,
    lines: null,
    columns: new Map<string, ArrayLike<unknown>>([
      ['query_id', col(0)],
      ['start_time', col(1)],
      ['queue_time', col(2)],
      ['execution_time', col(3)],
      ['status', col(4)],
      ['query_type', col(5)],
      ['query_text', col(6)],
      ['generic_query_hash', col(7)],
      ['result_cache_hit', col(8)],
    ]),
  };
  const r = importHistory(table, { name: 'h', untilMs: Date.UTC(2026, 10, 3), rpu: 16 });
  expect(r.stats.droppedOutsideWindow).toBe(1);
  expect(r.stats.categories).toEqual({
    ok: 5,
    cache_hit: 1,
    failed: 1,
    aborted: 1,
    running: 0,
    ddl_utility: 1,
    system: 1,
  });
  expect(r.stats.truncatedTexts).toBe(1);
  expect(r.stats.templatesBy).toBe('both');
  // Rows 1, 2, 3 (cut at 4,000 characters) and the cache hit 7 are one template; 9 and 10 share the view's hash.
  expect(r.templates.map((t) => [t.queryTextId, t.count, t.truncated])).toEqual([
    ['h#001#001', 4, false],
    ['h#002#001', 2, false],
  ]);
  expect([...r.trace.queryId]).toEqual([1, 2, 3, 7, 9, 10]);
  const m = r.measured;
  expect(m.category.filter((c) => c === 'ok')).toHaveLength(5);
  expect(m.queryTextId[m.queryId.indexOf(4)]).toBe('');
  expect([...new Set(m.rpu)]).toEqual([16]);
});
