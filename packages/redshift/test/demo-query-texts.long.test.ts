/** Long suite: the demo dataset is built in PGlite on first use and serves every query shape. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { DEMO_SIZES } from '../src/local/demo-dataset.js';
import { demoTemplates } from '../src/local/demo-query-texts.js';
import { clientsFor, run } from './local-endpoint.js';

const catalog = join(import.meta.dirname, '..', '..', '..', 'data', 'query_texts', 'tpcds');

describe('the demo dataset in dev', () => {
  let endpoint: LocalRedshift;
  beforeAll(async () => {
    endpoint = await startLocalRedshift();
  });
  afterAll(async () => {
    await endpoint.close();
  });

  it('is created on first use and answers one template of each shape', async () => {
    const { data } = clientsFor(endpoint);
    const count = await run(data, { Database: 'dev', Sql: 'SELECT count(*) FROM demo_sales' });
    const r = await data.send(new GetStatementResultCommand({ Id: count.Id }));
    expect(r.Records).toEqual([[{ longValue: DEMO_SIZES.sales }]]);
    // The cheapest template of each shape, read from the catalog as the live driver would.
    const cheapest = new Map<string, string>();
    for (const t of [...demoTemplates()].sort((a, b) => a.targetMs - b.targetMs)) {
      if (!cheapest.has(t.shape)) cheapest.set(t.shape, t.templateId);
    }
    for (const id of cheapest.values()) {
      const sql = await readFile(join(catalog, `${id}.sql`), 'utf8');
      const d = await run(data, { Database: 'dev', Sql: `--demo/${id}\n${sql}` });
      expect([id, d.Status, d.Error]).toEqual([id, 'FINISHED', undefined]);
      expect(d.ResultRows).toBeGreaterThan(0);
    }
  });
});
