// Burst: N concurrent pg_sleep statements on an 8-RPU vs a 32-RPU workgroup of the local endpoint.

import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { StatementRunner, startLocalRedshift } from './dist/index.js';

const local = await startLocalRedshift({
  spinUpDelayS: 0,
  workgroups: [
    { name: 'small', baseCapacity: 8 },
    { name: 'large', baseCapacity: 32 },
  ],
  demoDataset: false,
});
const data = new RedshiftDataClient({
  endpoint: local.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const runner = new StatementRunner(data, { initialMs: 10, maxMs: 50 });
const mem0 = process.memoryUsage().rss;
for (const wg of ['small', 'large', 'small', 'large']) {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      runner.run({ workgroupName: wg, database: 'dev' }, [`SELECT pg_sleep(0.25), ${i}`]),
    ),
  );
  console.log(
    wg,
    ((performance.now() - t0) / 1000).toFixed(2),
    's',
    'rss MB',
    (process.memoryUsage().rss / 1e6).toFixed(0),
  );
}
data.destroy();
await local.close();
console.log('rss before', (mem0 / 1e6).toFixed(0));
