import { importHistory } from '@autoslo/workload';
import { type LocalRedshift, readQueryHistory, startLocalRedshift } from '../src/index.js';
import { clientsFor, run } from './local-endpoint.js';

let endpoint: LocalRedshift;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  endpoint = await startLocalRedshift({
    workgroups: [{ name: 'analytics', baseCapacity: 16 }],
    demoDataset: false,
  });
  clients = clientsFor(endpoint);
});

afterAll(async () => {
  clients.data.destroy();
  clients.serverless.destroy();
  await endpoint.close();
});

describe('readQueryHistory through the Data API', () => {
  it('reads SYS_QUERY_HISTORY with the SDK paginator and imports it', async () => {
    const target = { WorkgroupName: 'analytics', Database: 'dev' };
    await run(clients.data, { ...target, Sql: 'CREATE TABLE sales (k int, v int)' });
    await run(clients.data, {
      ...target,
      Sql: 'INSERT INTO sales SELECT g, g * 2 FROM generate_series(1, 50) g',
    });
    for (const k of [3, 17, 42]) {
      await run(clients.data, {
        ...target,
        Sql: `SELECT sum(v) FROM sales WHERE k IN (${k}, ${k + 1}) -- ${k}`,
      });
    }
    await run(clients.data, { ...target, Sql: 'SELECT count(*) FROM sales WHERE v > 10' });
    await run(clients.data, { ...target, Sql: 'SELECT * FROM no_such_table' });

    const pages: number[] = [];
    const table = await readQueryHistory(clients, {
      workgroupName: 'analytics',
      database: 'dev',
      onProgress: (rows) => pages.push(rows),
    });
    expect(table.length).toBe(7);
    expect(pages.at(-1)).toBe(7);
    const imported = importHistory(table, { name: 'analytics_history' });
    const s = imported.stats;
    expect(s.categories).toMatchObject({ ok: 5, failed: 1, ddl_utility: 1 });
    expect(s.workgroups).toEqual(['analytics']);
    expect(s.unknownRpuRows).toBe(0);
    expect([...imported.measured.rpu]).toEqual(new Array(7).fill(16));
    // The three IN-list queries are one template; INSERT and count(*) one each.
    expect(imported.templates.map((t) => t.count)).toEqual([3, 1, 1]);
    expect(imported.templates[0]?.sql).toContain('sum(v)');
  });
});
