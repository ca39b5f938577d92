/**
 * RPU means capacity on the local endpoint: a 16-RPU workgroup runs two statements at
 * once, an 8-RPU one runs them one after another (read from the engine's own execution
 * intervals in SYS_QUERY_HISTORY: overlap, not durations). Writes reach every replica.
 * (16 rather than 32 RPU keeps the test to one extra engine.)
 */
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import {
  type LocalRedshift,
  StatementRunner,
  startLocalRedshift,
  statementSlotsOf,
} from '../src/index.js';
import { LOCAL_CREDENTIALS } from './live-fixtures.js';

let local: LocalRedshift;
let data: RedshiftDataClient;
let runner: StatementRunner;

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0,
    demoDataset: false,
    workgroups: [
      { name: 'small', baseCapacity: 8 },
      { name: 'large', baseCapacity: 16 },
    ],
  });
  data = new RedshiftDataClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  runner = new StatementRunner(data, { initialMs: 10, maxMs: 50 });
});

afterAll(async () => {
  data.destroy();
  await local.close();
});

/** Most statements of `tag` running at the same moment, from the engine's history. */
async function peakConcurrency(workgroup: string, tag: string): Promise<number> {
  const out = await runner.run({ workgroupName: workgroup, database: 'dev' }, [
    `SELECT end_time, execution_time FROM sys_query_history WHERE query_text LIKE '--${tag}%'`,
  ]);
  const rows = await runner.rows(out.id);
  const edges: [number, number][] = [];
  for (const r of rows) {
    const endMs = Date.parse(`${String(r.end_time).replace(' ', 'T')}Z`);
    edges.push([endMs - Number(r.execution_time) / 1000, 1]);
    edges.push([endMs, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) {
    now += d;
    peak = Math.max(peak, now);
  }
  return peak;
}

async function burst(workgroup: string, tag: string): Promise<void> {
  const outs = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      runner.run({ workgroupName: workgroup, database: 'dev' }, [
        `--${tag}/${i}\nSELECT pg_sleep(0.3), ${i} AS i`,
      ]),
    ),
  );
  expect(outs.map((o) => o.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
}

it('gives one statement slot per 8 RPU, at least one, at most the cap', () => {
  expect([4, 8, 16, 32, 128, 512].map((r) => statementSlotsOf(r))).toEqual([1, 1, 2, 4, 4, 4]);
  expect(statementSlotsOf(128, 16)).toBe(16);
});

it('runs two statements at once on 16 RPU and one at a time on 8 RPU', async () => {
  await burst('small', 'burst-small');
  await burst('large', 'burst-large');
  expect(await peakConcurrency('small', 'burst-small')).toBe(1);
  expect(await peakConcurrency('large', 'burst-large')).toBe(2);
});

it('keeps every replica of a workgroup in step with writes', async () => {
  const run = (sql: string) => runner.run({ workgroupName: 'large', database: 'dev' }, [sql]);
  expect((await run('CREATE TABLE kept (n int)')).status).toBe('FINISHED');
  expect((await run('INSERT INTO kept VALUES (1), (2), (3)')).status).toBe('FINISHED');
  // Reads at once land on both replicas: each sees the same rows.
  const outs = await Promise.all(
    Array.from({ length: 4 }, () => run('SELECT count(*) AS n, pg_sleep(0.1) FROM kept')),
  );
  const counts = await Promise.all(outs.map(async (o) => (await runner.rows(o.id))[0]?.n));
  expect(counts).toEqual([3, 3, 3, 3]);
});
