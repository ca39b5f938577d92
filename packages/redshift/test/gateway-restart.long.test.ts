/**
 * Faults: the gateway killed with SIGKILL mid-burst and restarted on the same data
 * directory. Every statement id it issued before the kill resolves (to its result, or to a
 * FAILED / ABORTED with a reason); the restarted gateway adopts the workgroup from its
 * journal instead of creating one; after its close no workgroup is left.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { ListWorkgroupsCommand } from '@aws-sdk/client-redshift-serverless';
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { dataDirWithSql, LOCAL_CREDENTIALS } from './live-fixtures.js';
import { clientsFor } from './local-endpoint.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const KEY = { accessKeyId: 'AKIDGATEWAYCLIENT02', secretAccessKey: 'gateway-client-secret-2' };
const POOL = 'restart-pool';
const CONFIG = {
  slo_resolver_config: { slo_s: 10 },
  slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
  provisioner_config: { spin_up_delay_s: 1, max_capacity_ratio: 1 },
  workload_runner_config: { max_threads: 64 },
  managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 2 },
  scheduled_spinups: [],
  query_router_config: { routing_policy_name: 'use_iconq_model' },
  autoscaler_config: { autoscaling_policy: 'noop', allowed_rpu_sizes: [] },
  latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.2 },
};

let local: LocalRedshift;
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  info: { endpoint: string; adopted: string[]; workgroups: string[] };
  lines: AsyncIterator<string>;
}

async function startChild(dataDir: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(HERE, '..', 'scripts', 'serve-gateway.ts'),
      dataDir,
      POOL,
      JSON.stringify(CONFIG),
    ],
    {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: local.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AUTOSLO_GATEWAY_KEYS: `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[
    Symbol.asyncIterator
  ]();
  const first = await lines.next();
  if (first.done) throw new Error('the gateway process ended before listening');
  return { child, info: JSON.parse(first.value), lines };
}

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0.2,
    deleteDelayS: 0.05,
    workgroups: [],
    demoDataset: false,
  });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await local.close();
});

it('resolves every statement id issued before a SIGKILL, adopts the workgroup on restart, orphans nothing', async () => {
  const dataDir = dataDirWithSql(['001']);
  const first = await startChild(dataDir);
  expect(first.info.adopted).toEqual([]);
  const [workgroup] = first.info.workgroups;
  const client = new RedshiftDataClient({
    endpoint: first.info.endpoint,
    region: 'us-east-1',
    credentials: KEY,
    maxAttempts: 1,
  });
  // A burst; the gateway is killed while it is under way.
  const issued: string[] = [];
  const burst = Array.from(
    { length: 24 },
    (_, i) =>
      client
        .send(
          new ExecuteStatementCommand({
            WorkgroupName: POOL,
            Database: 'dev',
            Sql: `SELECT ${i} AS i, pg_sleep(0.05)`,
          }),
        )
        .then((r) => {
          issued.push(r.Id as string);
          if (issued.length === 12) first.child.kill('SIGKILL');
        })
        .catch(() => undefined), // refused or cut by the kill: no id was issued
  );
  await Promise.all(burst);
  await new Promise<void>((resolve) => {
    if (first.child.exitCode !== null || first.child.signalCode !== null) resolve();
    else first.child.once('exit', () => resolve());
  });
  expect(issued.length).toBeGreaterThanOrEqual(12);

  const second = await startChild(dataDir);
  expect(second.info.adopted).toEqual([workgroup]);
  expect(second.info.workgroups).toEqual([workgroup]);
  const again = new RedshiftDataClient({
    endpoint: second.info.endpoint,
    region: 'us-east-1',
    credentials: KEY,
    maxAttempts: 1,
  });
  for (const id of issued) {
    let d = await again.send(new DescribeStatementCommand({ Id: id }));
    const deadline = Date.now() + 20_000;
    while (!['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status ?? '') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      d = await again.send(new DescribeStatementCommand({ Id: id }));
    }
    if (d.Status === 'FINISHED') expect(d.WorkgroupName).toBe(POOL);
    else expect(d.Error ?? '').not.toBe('');
    expect(['FINISHED', 'FAILED', 'ABORTED']).toContain(d.Status);
  }
  second.child.kill('SIGTERM');
  const closed = JSON.parse((await second.lines.next()).value as string) as { problems: string[] };
  expect(closed.problems).toEqual([]);
  const { serverless, data } = clientsFor(local);
  const left = await serverless.send(new ListWorkgroupsCommand({}));
  expect((left.workgroups ?? []).filter((w) => w.status !== 'DELETING')).toEqual([]);
  for (const c of [client, again, serverless, data]) c.destroy();
}, 90_000);
