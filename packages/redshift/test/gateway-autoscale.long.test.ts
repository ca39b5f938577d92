/**
 * The gateway's control plane on the wall clock: a burst queues on one 8-RPU workgroup of
 * the local endpoint (one statement slot per 8 RPU), the autoscaler adds a workgroup, the
 * same burst afterwards violates its SLO less often, and the idle workgroup is torn down
 * (at the next decision after its idle time) and deleted on the endpoint.
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { ListWorkgroupsCommand } from '@aws-sdk/client-redshift-serverless';
import {
  type Gateway,
  type LiveExecutionConfig,
  type LocalRedshift,
  startGateway,
  startLocalRedshift,
} from '../src/index.js';
import { dataDirWithSql, useLocalEndpoint } from './live-fixtures.js';
import { clientsFor } from './local-endpoint.js';

const KEY = { accessKeyId: 'AKIDGATEWAYCLIENT03', secretAccessKey: 'gateway-client-secret-3' };
const POOL = 'burst-pool';

let local: LocalRedshift;
let restoreEnv: () => void;
let gateway: Gateway;
let app: RedshiftDataClient;

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0.2,
    deleteDelayS: 0.05,
    workgroups: [],
    demoDataset: false,
  });
  restoreEnv = useLocalEndpoint(local.endpoint);
  gateway = await startGateway({
    config: {
      slo_resolver_config: { slo_s: 1 },
      slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
      provisioner_config: { spin_up_delay_s: 1, max_capacity_ratio: 1 },
      workload_runner_config: { max_threads: 64 },
      managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 2 },
      scheduled_spinups: [],
      query_router_config: { routing_policy_name: 'round_robin' },
      autoscaler_config: {
        autoscaling_policy: 'duplicate_largest',
        autoscaling_trigger_policy: 'queue_depth',
        queue_length_for_trigger_policy: 3,
        allowed_rpu_sizes: [8],
        min_observations_to_act: 0,
        min_cluster_lifetime_s: 0.5,
        idle_time_before_tear_down_s: 1.5,
        observation_window_s: 30,
      },
      latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.3 },
    } as LiveExecutionConfig,
    executionConfigId: 'gateway_burst_test',
    dataDir: dataDirWithSql(['001']),
    keys: new Map([[KEY.accessKeyId, KEY.secretAccessKey]]),
    poolName: POOL,
    provisionPollMs: 50,
  });
  app = new RedshiftDataClient({
    endpoint: gateway.endpoint,
    region: 'us-east-1',
    credentials: KEY,
    maxAttempts: 1,
  });
}, 30_000);

afterAll(async () => {
  await gateway?.close();
  app?.destroy();
  restoreEnv();
  await local.close();
});

async function statement(sql: string): Promise<string> {
  const { Id } = await app.send(
    new ExecuteStatementCommand({ WorkgroupName: POOL, Database: 'dev', Sql: sql }),
  );
  for (;;) {
    const d = await app.send(new DescribeStatementCommand({ Id }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status ?? '')) return d.Status as string;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function violations(): number {
  const m = /^autoslo_gateway_slo_violations_total\{[^}]*\} (\d+)$/m.exec(gateway.metricsText());
  return m ? Number(m[1]) : 0;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const burst = () =>
  Promise.all(Array.from({ length: 8 }, (_, i) => statement(`SELECT ${i} AS i, pg_sleep(0.3)`)));

it('adds a workgroup under a burst, violates less afterwards, and tears the idle one down', async () => {
  expect(gateway.clusters()).toHaveLength(1);
  expect(await burst()).toEqual(Array(8).fill('FINISHED'));
  const first = violations();
  expect(first).toBeGreaterThanOrEqual(3); // 8 x 0.3 s queued on one slot, SLO 1 s
  await until(
    'a second READY workgroup',
    () => gateway.clusters().filter((c) => c.state === 'READY').length === 2,
  );
  const added = gateway.clusters().find((c) => c.workgroup !== gateway.clusters()[0]?.workgroup);
  expect(added?.rpu).toBe(8);

  expect(await burst()).toEqual(Array(8).fill('FINISHED'));
  const second = violations() - first;
  expect(second).toBeLessThan(first);

  // Idle past idle_time_before_tear_down_s; the next statement's decision removes one.
  await new Promise((r) => setTimeout(r, 2000));
  await statement('SELECT 1');
  await until(
    'one READY workgroup again',
    () => gateway.clusters().filter((c) => c.state === 'READY').length === 1,
  );
  const { serverless } = clientsFor(local);
  await until('the idle workgroup deleted on the endpoint', async () => {
    const wgs = (await serverless.send(new ListWorkgroupsCommand({}))).workgroups ?? [];
    return wgs.filter((w) => w.status !== 'DELETING').length === 1;
  });
  serverless.destroy();
}, 60_000);
