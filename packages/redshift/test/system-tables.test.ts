import { GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  GetWorkgroupCommand,
} from '@aws-sdk/client-redshift-serverless';
import { type LocalRedshift, ManualClock, startLocalRedshift } from '../src/index.js';
import { clientsFor, run } from './local-endpoint.js';

// A manual clock makes every timestamp, and so every billed second, exact.
const T0 = Date.UTC(2024, 4, 27, 0, 0, 0);
const clock = new ManualClock(T0 + 30_000);
let endpoint: LocalRedshift;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  endpoint = await startLocalRedshift({
    clock,
    spinUpDelayS: 300,
    workgroups: [{ name: 'default', baseCapacity: 8 }],
    demoDataset: false,
  });
  clients = clientsFor(endpoint);
});

afterAll(async () => {
  await endpoint.close();
});

async function rows(sql: string) {
  const d = await run(clients.data, { Sql: sql });
  expect(d.Error).toBeUndefined();
  const r = await clients.data.send(new GetStatementResultCommand({ Id: d.Id }));
  return (r.Records ?? []).map((rec) =>
    rec.map((f) => f.stringValue ?? f.longValue ?? f.doubleValue ?? null),
  );
}

describe('SYS_QUERY_HISTORY and SYS_SERVERLESS_USAGE', () => {
  it('record what the workgroup ran and bill it with the 60-second minimum', async () => {
    // 00:00:30 and 00:00:50 share one billing group [30, 90) = 60 s;
    // 00:03:20 opens a second group [200, 260) = 60 s. At 8 RPU: 120 s x 8 = 960 RPU-seconds.
    const first = await run(clients.data, { Sql: '--run42/7\nSELECT 1' });
    expect((first.CreatedAt as Date).toISOString()).toBe('2024-05-27T00:00:30.000Z');
    clock.set(T0 + 50_000);
    await run(clients.data, { Sql: '--run42/8\nSELECT 2' });
    clock.set(T0 + 200_000);
    const failed = await run(clients.data, { Sql: '--run42/9\nSELECT * FROM missing' });
    expect(failed.Status).toBe('FAILED');
    clock.set(T0 + 1_000_000);

    const usage = await rows(
      'SELECT start_time, end_time, charged_seconds, compute_capacity FROM sys_serverless_usage ORDER BY start_time',
    );
    expect(usage).toEqual([
      ['2024-05-27 00:00:00', '2024-05-27 00:01:00', 240, 8],
      ['2024-05-27 00:01:00', '2024-05-27 00:02:00', 240, 8],
      ['2024-05-27 00:03:00', '2024-05-27 00:04:00', 320, 8],
      ['2024-05-27 00:04:00', '2024-05-27 00:05:00', 160, 8],
    ]);
    // The usage query ran too, at 00:16:40: one more 60 s group, 480 RPU-seconds.
    const total = await rows('SELECT sum(charged_seconds) FROM SYS_SERVERLESS_USAGE');
    expect(total).toEqual([[960 + 480]]);

    const history = await rows(
      `SELECT query_id, status, query_type, query_text, start_time, end_time, elapsed_time, queue_time, error_message
       FROM sys_query_history WHERE query_text LIKE '--run42/%' ORDER BY query_id`,
    );
    expect(history).toEqual([
      [
        first.RedshiftQueryId,
        'success',
        'SELECT',
        '--run42/7\nSELECT 1',
        '2024-05-27 00:00:30',
        '2024-05-27 00:00:30',
        0,
        0,
        '',
      ],
      [
        (first.RedshiftQueryId ?? 0) + 1,
        'success',
        'SELECT',
        '--run42/8\nSELECT 2',
        '2024-05-27 00:00:50',
        '2024-05-27 00:00:50',
        0,
        0,
        '',
      ],
      [
        (first.RedshiftQueryId ?? 0) + 2,
        'failed',
        'SELECT',
        '--run42/9\nSELECT * FROM missing',
        '2024-05-27 00:03:20',
        '2024-05-27 00:03:20',
        0,
        0,
        'relation "missing" does not exist',
      ],
    ]);
  });

  it('keeps each workgroup to its own history', async () => {
    const { serverless } = clients;
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'other' }));
    await serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: 'other',
        namespaceName: 'other',
        baseCapacity: 4,
      }),
    );
    expect(
      (await serverless.send(new GetWorkgroupCommand({ workgroupName: 'other' }))).workgroup
        ?.status,
    ).toBe('CREATING');
    clock.advance(300_000);
    expect(
      (await serverless.send(new GetWorkgroupCommand({ workgroupName: 'other' }))).workgroup
        ?.status,
    ).toBe('AVAILABLE');
    await run(clients.data, { WorkgroupName: 'other', Sql: '--run43/1\nSELECT 1' });
    const d = await run(clients.data, {
      WorkgroupName: 'other',
      Sql: "SELECT count(*) FROM sys_query_history WHERE query_text LIKE '--run4%'",
    });
    const r = await clients.data.send(new GetStatementResultCommand({ Id: d.Id }));
    expect(r.Records).toEqual([[{ longValue: 1 }]]);
    const usage = await run(clients.data, {
      WorkgroupName: 'other',
      Sql: 'SELECT sum(charged_seconds), max(compute_capacity) FROM sys_serverless_usage',
    });
    const u = await clients.data.send(new GetStatementResultCommand({ Id: usage.Id }));
    // Two statements at the same instant: one group, 60 s at 4 RPU.
    expect(u.Records).toEqual([[{ doubleValue: 240 }, { doubleValue: 4 }]]);
  });
});
