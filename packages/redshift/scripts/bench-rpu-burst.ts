/**
 * RPU means capacity on the local endpoint: the same burst of concurrent statements on an
 * 8-RPU and on a 32-RPU workgroup, each after a warm-up burst (so engine start-up is not
 * counted), with the process's resident memory after each.
 * `pnpm --filter @autoslo/redshift bench:rpu [statements] [sleep seconds]`.
 */
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { StatementRunner, startLocalRedshift, statementSlotsOf } from '../src/index.js';

const n = Number(process.argv[2] ?? 16);
const sleepS = Number(process.argv[3] ?? 0.25);
const local = await startLocalRedshift({
  spinUpDelayS: 0,
  demoDataset: false,
  workgroups: [
    { name: 'rpu-8', baseCapacity: 8 },
    { name: 'rpu-32', baseCapacity: 32 },
  ],
});
const data = new RedshiftDataClient({
  endpoint: local.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const runner = new StatementRunner(data, { initialMs: 10, maxMs: 50 });

async function burst(workgroup: string): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      runner.run({ workgroupName: workgroup, database: 'dev' }, [
        `SELECT pg_sleep(${sleepS}), ${i} AS i`,
      ]),
    ),
  );
  return (performance.now() - t0) / 1000;
}

const rows: string[] = [];
for (const [workgroup, rpu] of [
  ['rpu-8', 8],
  ['rpu-32', 32],
] as const) {
  await burst(workgroup); // warm-up: starts the workgroup's engines
  const s = await burst(workgroup);
  const rssMb = process.memoryUsage().rss / 1e6;
  rows.push(
    `${workgroup}  slots ${statementSlotsOf(rpu)}  ${n} x pg_sleep(${sleepS}): ${s.toFixed(2)} s  (rss ${rssMb.toFixed(0)} MB)`,
  );
}
data.destroy();
await local.close();
console.log(rows.join('\n'));
