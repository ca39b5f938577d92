/**
 * The endpoint on a PostgreSQL server (`--postgres-url`). Needs a server: set DATABASE_URL
 * to a role that may connect to the databases `dev` and `scratch`, then run
 * `pnpm --filter @autoslo/redshift test:postgres`.
 */
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
} from '@aws-sdk/client-redshift-data';
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { clientsFor, run, waitForEnd } from '../test/local-endpoint.js';

const url = process.env.DATABASE_URL;
if (!url)
  throw new Error(
    'test:postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  );

let endpoint: LocalRedshift;
let data: ReturnType<typeof clientsFor>['data'];

beforeAll(async () => {
  endpoint = await startLocalRedshift({
    postgresUrl: url,
    // 32 RPU: four statements at once (RPU means capacity).
    workgroups: [{ name: 'default', baseCapacity: 32 }, { name: 'second' }],
  });
  data = clientsFor(endpoint).data;
});

afterAll(async () => {
  await endpoint.close();
});

const submit = async (Sql: string, extra: Record<string, unknown> = {}) =>
  (
    await data.send(
      new ExecuteStatementCommand({ WorkgroupName: 'default', Database: 'scratch', Sql, ...extra }),
    )
  ).Id as string;

describe('the endpoint on a PostgreSQL server', () => {
  it('returns typed records', async () => {
    const d = await run(data, {
      Database: 'scratch',
      Sql: "SELECT 12345678901::bigint AS big, 1.5::float8 AS f, 'x' AS t, NULL::int AS n, TIMESTAMP '2024-05-27 00:00:30' AS ts",
    });
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.Records).toEqual([
      [
        { longValue: 12345678901 },
        { doubleValue: 1.5 },
        { stringValue: 'x' },
        { isNull: true },
        { stringValue: '2024-05-27 00:00:30' },
      ],
    ]);
    expect(r.ColumnMetadata?.map((c) => c.typeName)).toEqual([
      'int8',
      'float8',
      'text',
      'int4',
      'timestamp',
    ]);
  });

  it('returns json and array values as JSON text, as on PGlite', async () => {
    const d = await run(data, {
      Database: 'scratch',
      Sql: `SELECT '{"a": [1, 2]}'::json AS j, ARRAY[3, 4] AS arr`,
    });
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.Records).toEqual([[{ stringValue: '{"a":[1,2]}' }, { stringValue: '[3,4]' }]]);
  });

  it('runs statements of one workgroup concurrently', async () => {
    const ids = [
      await submit('SELECT pg_sleep(2)'),
      await submit('SELECT pg_sleep(2)'),
      await submit('SELECT pg_sleep(2)'),
    ];
    // All three are STARTED at the same moment (one at a time would leave two SUBMITTED).
    let together = false;
    while (!together) {
      const statuses = await Promise.all(
        ids.map(async (Id) => (await data.send(new DescribeStatementCommand({ Id }))).Status),
      );
      if (statuses.some((s) => s === 'FINISHED')) break;
      together = statuses.every((s) => s === 'STARTED');
      if (!together) await new Promise((r) => setTimeout(r, 20));
    }
    expect(together).toBe(true);
    for (const id of ids) expect((await waitForEnd(data, id)).Status).toBe('FINISHED');
  });

  it('cancels a running statement on the server', async () => {
    const id = await submit('SELECT pg_sleep(5)');
    for (;;) {
      const d = await data.send(new DescribeStatementCommand({ Id: id }));
      if (d.Status === 'STARTED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await data.send(new CancelStatementCommand({ Id: id }));
    const d = await waitForEnd(data, id);
    // ABORTED, not FINISHED: the server stopped the 5-second sleep.
    expect(d.Status).toBe('ABORTED');
  });

  it('reports numeric precision and scale, and int8 beyond 2^53 as a longValue', async () => {
    const d = await run(data, {
      Database: 'scratch',
      Sql: 'SELECT 1.5::numeric(10,3) AS n, 9007199254740993::int8 AS big',
    });
    const r = await data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.ColumnMetadata?.map((c) => [c.typeName, c.precision, c.scale])).toEqual([
      ['numeric', 10, 3],
      ['int8', 19, 0],
    ]);
    expect(r.Records?.[0]?.[1]).toEqual({ longValue: 9007199254740992 }); // the SDK's double
  });

  it('keeps a connection for a session: its temporary tables stay with it', async () => {
    const first = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'default',
        Database: 'scratch',
        Sql: 'CREATE TEMP TABLE session_t AS SELECT 41 AS a',
        SessionKeepAliveSeconds: 60,
      }),
    );
    await waitForEnd(data, first.Id as string);
    const inside = await data.send(
      new ExecuteStatementCommand({
        SessionId: first.SessionId,
        Sql: 'SELECT a + 1 FROM session_t',
      }),
    );
    const d = await waitForEnd(data, inside.Id as string);
    expect(d.Status).toBe('FINISHED');
    const r = await data.send(new GetStatementResultCommand({ Id: inside.Id }));
    expect(r.Records).toEqual([[{ longValue: 42 }]]);
  });

  it('fills the demo dataset in dev once, shared by workgroups, and serves the system tables', async () => {
    const [a, b] = await Promise.all([
      run(data, { Database: 'dev', Sql: 'SELECT count(*) FROM demo_sales' }),
      run(data, {
        WorkgroupName: 'second',
        Database: 'dev',
        Sql: 'SELECT count(*) FROM demo_item',
      }),
    ]);
    expect([a.Status, b.Status]).toEqual(['FINISHED', 'FINISHED']);
    const r = await data.send(new GetStatementResultCommand({ Id: a.Id }));
    expect(r.Records).toEqual([[{ longValue: 100_000 }]]);
    const h = await run(data, {
      Database: 'dev',
      Sql: "SELECT count(*) FROM sys_query_history WHERE query_text LIKE 'SELECT count(*) FROM demo_%'",
    });
    const hr = await data.send(new GetStatementResultCommand({ Id: h.Id }));
    expect(hr.Records).toEqual([[{ longValue: 1 }]]);
    const u = await run(data, {
      Database: 'dev',
      Sql: 'SELECT sum(charged_seconds) > 0 FROM sys_serverless_usage',
    });
    const ur = await data.send(new GetStatementResultCommand({ Id: u.Id }));
    expect(ur.Records).toEqual([[{ booleanValue: true }]]);
  });
});
