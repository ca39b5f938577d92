/**
 * Throughput and latency of the local endpoint through the official SDK: N concurrent
 * `SELECT 1` statements, then every demo template once on `dev`, with execution times read
 * back from SYS_QUERY_HISTORY. `pnpm --filter @autoslo/redshift bench`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { startLocalRedshift } from '../src/index.js';
import { demoTemplates } from '../src/local/demo-query-texts.js';

const N = 300;
const catalog = resolve(import.meta.dirname, '../../../data/query_texts/tpcds');
const local = await startLocalRedshift();
const data = new RedshiftDataClient({
  endpoint: local.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const execute = async (Sql: string) =>
  (await data.send(new ExecuteStatementCommand({ WorkgroupName: 'default', Database: 'dev', Sql })))
    .Id as string;
async function waitFor(Id: string) {
  for (;;) {
    const d = await data.send(new DescribeStatementCommand({ Id }));
    if (d.Status === 'FINISHED' || d.Status === 'FAILED' || d.Status === 'ABORTED') return d;
    await new Promise((r) => setTimeout(r, 10));
  }
}

let t = performance.now();
await waitFor(await execute('SELECT 1'));
process.stdout.write(
  `first statement on dev (engine start, dataset): ${Math.round(performance.now() - t)} ms\n`,
);

t = performance.now();
const ids = await Promise.all(Array.from({ length: N }, () => execute('SELECT 1')));
const submitted = performance.now() - t;
await Promise.all(ids.map(waitFor));
const total = performance.now() - t;
process.stdout.write(
  `${N} concurrent SELECT 1: submitted in ${Math.round(submitted)} ms, finished in ${Math.round(total)} ms (${Math.round((N * 1000) / total)} statements/s)\n`,
);

t = performance.now();
for (const template of demoTemplates()) {
  const sql = await readFile(join(catalog, `${template.templateId}.sql`), 'utf8');
  const d = await waitFor(await execute(`--bench/${template.templateId}\n${sql}`));
  if (d.Status !== 'FINISHED')
    process.stdout.write(`${template.templateId}: ${d.Status} ${d.Error}\n`);
}
const elapsed = performance.now() - t;
const history = await waitFor(
  await execute(
    "SELECT execution_time / 1000.0 FROM sys_query_history WHERE query_text LIKE '--bench/%' ORDER BY 1",
  ),
);
const records = (await data.send(new GetStatementResultCommand({ Id: history.Id }))).Records ?? [];
const ms = records.map((r) => Number(r[0]?.stringValue ?? r[0]?.doubleValue));
const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? NaN);
process.stdout.write(
  `99 demo templates one after another: ${Math.round(elapsed)} ms; execution ms min ${at(0)}, p10 ${at(0.1)}, p50 ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)}; ${ms.filter((m) => m >= 10 && m <= 500).length} of ${ms.length} in 10-500 ms\n`,
);
await local.close();
