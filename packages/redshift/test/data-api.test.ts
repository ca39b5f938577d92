import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListStatementsCommand,
} from '@aws-sdk/client-redshift-data';
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { clientsFor, rejection, run, waitForEnd } from './local-endpoint.js';

let endpoint: LocalRedshift;
let data: ReturnType<typeof clientsFor>['data'];

beforeAll(async () => {
  endpoint = await startLocalRedshift({
    demoDataset: false,
    resultPageRows: 3,
    maxActiveStatements: 3,
  });
  data = clientsFor(endpoint).data;
  // Warm the PGlite instance of database `test` once for the whole file.
  await run(data, { Sql: 'SELECT 1' });
});

afterAll(async () => {
  await endpoint.close();
});

const submit = async (Sql: string, extra: Record<string, unknown> = {}) =>
  (
    await data.send(
      new ExecuteStatementCommand({ WorkgroupName: 'default', Database: 'test', Sql, ...extra }),
    )
  ).Id as string;

describe('ExecuteStatement and GetStatementResult', () => {
  it('runs real SQL and returns typed records with column metadata', async () => {
    const d = await run(data, {
      Sql: "SELECT 7::int AS i, 12345678901::bigint AS big, 2.5::float8 AS f, 'abc' AS t, true AS b, NULL::int AS n, 1.25::numeric(5,2) AS num, '\\x0102'::bytea AS bin, DATE '2024-05-27' AS d",
    });
    expect(d.Status).toBe('FINISHED');
    expect(d.HasResultSet).toBe(true);
    expect(d.ResultRows).toBe(1);
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.TotalNumRows).toBe(1);
    expect(r.ColumnMetadata?.map((c) => [c.name, c.typeName])).toEqual([
      ['i', 'int4'],
      ['big', 'int8'],
      ['f', 'float8'],
      ['t', 'text'],
      ['b', 'bool'],
      ['n', 'int4'],
      ['num', 'numeric'],
      ['bin', 'bytea'],
      ['d', 'date'],
    ]);
    const [row] = r.Records ?? [];
    expect(row?.slice(0, 7)).toEqual([
      { longValue: 7 },
      { longValue: 12345678901 },
      { doubleValue: 2.5 },
      { stringValue: 'abc' },
      { booleanValue: true },
      { isNull: true },
      { stringValue: '1.25' },
    ]);
    expect(Array.from(row?.[7]?.blobValue ?? [])).toEqual([1, 2]);
    expect(row?.[8]).toEqual({ stringValue: '2024-05-27' });
    // 1+11+3+3+1+4+3 text bytes + 2 blob bytes... counted from the values as text.
    expect(d.ResultSize).toBe(1 + 11 + 3 + 3 + 4 + 4 + 2 + 10);
  });

  it('returns json and array values as JSON text', async () => {
    const d = await run(data, { Sql: `SELECT '{"a": [1, 2]}'::json AS j, ARRAY[3, 4] AS arr` });
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.Records).toEqual([[{ stringValue: '{"a":[1,2]}' }, { stringValue: '[3,4]' }]]);
  });

  it('binds named parameters', async () => {
    const d = await run(data, {
      Sql: 'SELECT :n::int + 1 AS x, :s AS s',
      Parameters: [
        { name: 'n', value: '41' },
        { name: 's', value: 'hi' },
      ],
    });
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.Records).toEqual([[{ longValue: 42 }, { stringValue: 'hi' }]]);
  });

  it('reports DDL and DML without a result set', async () => {
    const create = await run(data, { Sql: 'CREATE TABLE dml_t (a int)' });
    expect([create.Status, create.HasResultSet, create.ResultRows]).toEqual([
      'FINISHED',
      false,
      -1,
    ]);
    const insert = await run(data, { Sql: 'INSERT INTO dml_t SELECT generate_series(1, 5)' });
    expect(insert.Status).toBe('FINISHED');
    const err = await rejection(data.send(new GetStatementResultCommand({ Id: insert.Id })));
    expect(err.name).toBe('ValidationException');
  });

  it('pages results with NextToken', async () => {
    const d = await run(data, { Sql: 'SELECT g FROM generate_series(1, 7) AS g' });
    const pages: number[][] = [];
    let token: string | undefined;
    do {
      const r = await data.send(new GetStatementResultCommand({ Id: d.Id, NextToken: token }));
      pages.push((r.Records ?? []).map((rec) => rec[0]?.longValue ?? -1));
      expect(r.TotalNumRows).toBe(7);
      token = r.NextToken;
    } while (token);
    expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const bad = await rejection(
      data.send(new GetStatementResultCommand({ Id: d.Id, NextToken: 'garbage' })),
    );
    expect(bad.name).toBe('ValidationException');
  });
});

describe('GetStatementResultV2', () => {
  it('returns CSV pages, the first with the header, for a statement that asked for CSV', async () => {
    const d = await run(data, {
      Sql: `SELECT g AS n, CASE WHEN g = 2 THEN 'a,"b"' END AS t FROM generate_series(1, 4) AS g`,
      ResultFormat: 'CSV',
    });
    const first = await data.send(new GetStatementResultV2Command({ Id: d.Id }));
    expect(first.Records).toEqual([{ CSVRecords: 'n,t\n1,\n2,"a,""b"""\n3,\n' }]);
    expect(first.TotalNumRows).toBe(4);
    const second = await data.send(
      new GetStatementResultV2Command({ Id: d.Id, NextToken: first.NextToken }),
    );
    expect(second.Records).toEqual([{ CSVRecords: '4,\n' }]);
    expect(second.NextToken).toBeUndefined();
    const json = await rejection(data.send(new GetStatementResultCommand({ Id: d.Id })));
    expect(json.name).toBe('ValidationException');
  });
});

describe('statement life cycle', () => {
  it('queues statements behind a running one and reports nanosecond durations', async () => {
    const slow = await submit('SELECT pg_sleep(0.4)');
    const queued = await submit('SELECT 2');
    await new Promise((r) => setTimeout(r, 150));
    const during = await data.send(new DescribeStatementCommand({ Id: slow }));
    const waiting = await data.send(new DescribeStatementCommand({ Id: queued }));
    expect(during.Status).toBe('STARTED');
    expect(during.Duration).toBe(-1);
    expect(waiting.Status).toBe('SUBMITTED');
    const done = await waitForEnd(data, slow);
    const second = await waitForEnd(data, queued);
    expect(done.Status).toBe('FINISHED');
    expect(done.Duration).toBeGreaterThanOrEqual(400e6);
    // Nanoseconds, within the statement's own lifetime as the endpoint reports it.
    const lifetimeMs = (done.UpdatedAt as Date).getTime() - (done.CreatedAt as Date).getTime();
    expect(done.Duration).toBeLessThanOrEqual((lifetimeMs + 1) * 1e6);
    expect(done.RedshiftPid).toBeGreaterThan(0);
    expect(second.RedshiftQueryId).toBeGreaterThan(done.RedshiftQueryId ?? Infinity);
    expect((done.UpdatedAt as Date).getTime()).toBeGreaterThan((done.CreatedAt as Date).getTime());
    // The wait shows as queue time in SYS_QUERY_HISTORY (microseconds), not as execution time.
    const h = await run(data, {
      Sql: `SELECT queue_time, execution_time, elapsed_time FROM sys_query_history WHERE query_id = ${second.RedshiftQueryId}`,
    });
    const records = (await data.send(new GetStatementResultCommand({ Id: h.Id }))).Records ?? [];
    const [queue = -1, execution = -1, elapsed = -1] = (records[0] ?? []).map(
      (f) => f.longValue ?? -1,
    );
    expect(queue).toBeGreaterThan(200_000);
    expect(execution).toBeLessThan(queue);
    expect(elapsed).toBe(queue + execution);
  });

  it('reports a SQL error as FAILED with the Postgres message', async () => {
    const d = await run(data, { Sql: 'SELECT * FROM no_such_table' });
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toMatch(/no_such_table/);
    const err = await rejection(data.send(new GetStatementResultCommand({ Id: d.Id })));
    expect(err.name).toBe('ValidationException');
  });

  it('cancels a queued statement before it runs, and a running one', async () => {
    await run(data, { Sql: 'CREATE TABLE cancel_t (a int)' });
    const slow = await submit('SELECT pg_sleep(0.6)');
    const queued = await submit('INSERT INTO cancel_t VALUES (1)');
    expect((await data.send(new CancelStatementCommand({ Id: queued }))).Status).toBe(true);
    expect((await data.send(new DescribeStatementCommand({ Id: queued }))).Status).toBe('ABORTED');
    await new Promise((r) => setTimeout(r, 50));
    expect((await data.send(new CancelStatementCommand({ Id: slow }))).Status).toBe(true);
    expect((await waitForEnd(data, slow)).Status).toBe('ABORTED');
    expect((await waitForEnd(data, queued)).Status).toBe('ABORTED');
    const count = await run(data, { Sql: 'SELECT count(*)::int AS n FROM cancel_t' });
    const r = await data.send(new GetStatementResultCommand({ Id: count.Id }));
    expect(r.Records).toEqual([[{ longValue: 0 }]]);
    const again = await rejection(data.send(new CancelStatementCommand({ Id: count.Id })));
    expect(again.name).toBe('ValidationException');
    expect(again.message).toBe('Could not cancel a query that is already in FINISHED state.');
  });

  it('refuses statements beyond the active-statement limit', async () => {
    const ids = [
      await submit('SELECT pg_sleep(0.5)'),
      await submit('SELECT 1'),
      await submit('SELECT 1'),
    ];
    const err = await rejection(submit('SELECT 1'));
    expect(err.name).toBe('ActiveStatementsExceededException');
    for (const id of ids) expect((await waitForEnd(data, id)).Status).toBe('FINISHED');
  });
});

describe('BatchExecuteStatement', () => {
  it('runs the SQL in order and gives each sub-statement its result', async () => {
    const { Id } = await data.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: 'default',
        Database: 'test',
        Sqls: [
          'CREATE TABLE batch_t (a int)',
          'INSERT INTO batch_t VALUES (1), (2)',
          'SELECT sum(a)::int AS s FROM batch_t',
        ],
      }),
    );
    const d = await waitForEnd(data, Id as string);
    expect(d.Status).toBe('FINISHED');
    expect(d.SubStatements?.map((s) => [s.Id, s.Status, s.HasResultSet])).toEqual([
      [`${Id}:1`, 'FINISHED', false],
      [`${Id}:2`, 'FINISHED', false],
      [`${Id}:3`, 'FINISHED', true],
    ]);
    const r = await data.send(new GetStatementResultCommand({ Id: `${Id}:3` }));
    expect(r.Records).toEqual([[{ longValue: 3 }]]);
    const parent = await rejection(data.send(new GetStatementResultCommand({ Id })));
    expect(parent.name).toBe('ValidationException');
  });

  it('rolls the whole batch back when one statement fails', async () => {
    const { Id } = await data.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: 'default',
        Database: 'test',
        Sqls: ['INSERT INTO batch_t VALUES (100)', 'SELECT * FROM missing_table', 'SELECT 1'],
      }),
    );
    const d = await waitForEnd(data, Id as string);
    expect(d.Status).toBe('FAILED');
    expect(d.SubStatements?.map((s) => s.Status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
    const sum = await run(data, { Sql: 'SELECT sum(a)::int FROM batch_t' });
    const r = await data.send(new GetStatementResultCommand({ Id: sum.Id }));
    expect(r.Records).toEqual([[{ longValue: 3 }]]);
  });
});

describe('sessions', () => {
  it('keeps a session for later statements and ends it after its keep-alive', async () => {
    const first = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'default',
        Database: 'test',
        Sql: 'SELECT pg_sleep(0.2)',
        SessionKeepAliveSeconds: 1,
      }),
    );
    expect(first.SessionId).toMatch(/^[0-9a-f-]{36}$/);
    const busy = await rejection(
      data.send(new ExecuteStatementCommand({ SessionId: first.SessionId, Sql: 'SELECT 1' })),
    );
    expect(busy.name).toBe('ValidationException');
    await waitForEnd(data, first.Id as string);
    const second = await data.send(
      new ExecuteStatementCommand({ SessionId: first.SessionId, Sql: 'SELECT 2 AS two' }),
    );
    expect(second.SessionId).toBe(first.SessionId);
    expect(second.WorkgroupName).toBe('default');
    const d = await waitForEnd(data, second.Id as string);
    expect(d.SessionId).toBe(first.SessionId);
    await new Promise((r) => setTimeout(r, 1300));
    const expired = await rejection(
      data.send(new ExecuteStatementCommand({ SessionId: first.SessionId, Sql: 'SELECT 3' })),
    );
    expect(expired.name).toBe('ValidationException');
  });
});

describe('ListStatements and errors', () => {
  it('lists newest first, filtered by name prefix and status, in pages', async () => {
    for (const n of ['report-a', 'report-b', 'other']) {
      await run(data, { Sql: 'SELECT 1', StatementName: n });
    }
    const page1 = await data.send(
      new ListStatementsCommand({ StatementName: 'report-', MaxResults: 1 }),
    );
    expect(page1.Statements?.map((s) => s.StatementName)).toEqual(['report-b']);
    const page2 = await data.send(
      new ListStatementsCommand({
        StatementName: 'report-',
        MaxResults: 1,
        NextToken: page1.NextToken,
      }),
    );
    expect(page2.Statements?.map((s) => s.StatementName)).toEqual(['report-a']);
    expect(page2.NextToken).toBeUndefined();
    const failed = await data.send(new ListStatementsCommand({ Status: 'FAILED' }));
    expect(failed.Statements?.every((s) => s.Status === 'FAILED')).toBe(true);
    expect(failed.Statements?.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'an unknown statement id',
      'ResourceNotFoundException',
      () => data.send(new DescribeStatementCommand({ Id: '00000000-0000-0000-0000-000000000000' })),
    ],
    [
      'no workgroup',
      'ValidationException',
      () => data.send(new ExecuteStatementCommand({ Database: 'test', Sql: 'SELECT 1' })),
    ],
    [
      'an unknown workgroup',
      'ValidationException',
      () =>
        data.send(
          new ExecuteStatementCommand({ WorkgroupName: 'nope', Database: 'test', Sql: 'SELECT 1' }),
        ),
    ],
    [
      'no database',
      'ValidationException',
      () => data.send(new ExecuteStatementCommand({ WorkgroupName: 'default', Sql: 'SELECT 1' })),
    ],
    [
      'SQL over 100 KB',
      'ValidationException',
      () =>
        data.send(
          new ExecuteStatementCommand({
            WorkgroupName: 'default',
            Database: 'test',
            Sql: `SELECT '${'x'.repeat(102_400)}'`,
          }),
        ),
    ],
    [
      'an unknown session',
      'ValidationException',
      () =>
        data.send(new ExecuteStatementCommand({ SessionId: 'no-such-session', Sql: 'SELECT 1' })),
    ],
  ])('answers %s with %s', async (_what, code, call) => {
    const err = await rejection(call());
    expect(err.name).toBe(code);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });
});
