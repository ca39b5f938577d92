/**
 * The gateway end to end: the official AWS SDK Data API client talks to the gateway, which
 * provisions its pool on the local endpoint, routes each statement and passes it through;
 * results are compared with asking the local endpoint directly. Also: sessions stay on
 * their workgroup, unknown templates get the default SLO and are counted, refused
 * signatures, and a close that deletes the pool and writes the run like a live run's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementResponse,
  ExecuteStatementCommand,
  type GetStatementResultCommandOutput,
  ListStatementsCommand,
  paginateGetStatementResult,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { ListWorkgroupsCommand } from '@aws-sdk/client-redshift-serverless';
import { parse } from 'yaml';
import {
  type Gateway,
  type LiveExecutionConfig,
  type LocalRedshift,
  STATEMENT_JOURNAL_FILENAME,
  startGateway,
  startLocalRedshift,
} from '../src/index.js';
import { dataDirWithSql, LOCAL_CREDENTIALS, useLocalEndpoint } from './live-fixtures.js';
import { clientsFor } from './local-endpoint.js';

const KEY = { accessKeyId: 'AKIDGATEWAYCLIENT01', secretAccessKey: 'gateway-client-secret-1' };
const POOL = 'analytics';

let local: LocalRedshift;
let restoreEnv: () => void;
let gateway: Gateway;
let dataDir: string;
let viaGateway: RedshiftDataClient;
let direct: RedshiftDataClient;
const said: string[] = [];

function gatewayConfig(): LiveExecutionConfig {
  return {
    slo_resolver_config: { slo_s: 10 },
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
    provisioner_config: { spin_up_delay_s: 1, max_capacity_ratio: 1 },
    workload_runner_config: { max_threads: 64 },
    managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 2 },
    scheduled_spinups: [],
    query_router_config: { routing_policy_name: 'use_iconq_model' },
    autoscaler_config: { autoscaling_policy: 'noop', allowed_rpu_sizes: [] },
    latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.2 },
  } as LiveExecutionConfig;
}

function client(credentials: { accessKeyId: string; secretAccessKey: string }, extra = {}) {
  return new RedshiftDataClient({
    endpoint: gateway.endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    ...extra,
  });
}

const DONE = ['FINISHED', 'FAILED', 'ABORTED'];

async function waitFor(data: RedshiftDataClient, id: string): Promise<DescribeStatementResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const d = await data.send(new DescribeStatementCommand({ Id: id }));
    if (DONE.includes(d.Status ?? '')) return d;
    if (Date.now() > deadline) throw new Error(`statement ${id} still ${d.Status}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

async function allPages(data: RedshiftDataClient, id: string): Promise<unknown[]> {
  const pages: unknown[] = [];
  const it = paginateGetStatementResult({ client: data, stopOnSameToken: true }, { Id: id });
  for await (const page of it as AsyncIterable<GetStatementResultCommandOutput>) {
    pages.push({ cols: page.ColumnMetadata, records: page.Records, total: page.TotalNumRows });
  }
  return pages;
}

const RESULT_SQL =
  "SELECT g AS i, g::float8 / 3 AS f, CASE WHEN g % 7 = 0 THEN NULL ELSE 'row ' || g END AS s, " +
  "CASE WHEN g = 5 THEN 'NaN'::float8 ELSE 1.5 END AS special, 9007199254740993::int8 AS big " +
  'FROM generate_series(1, 2500) AS g ORDER BY g';

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0.2,
    deleteDelayS: 0.05,
    workgroups: [],
    demoDataset: false,
  });
  restoreEnv = useLocalEndpoint(local.endpoint);
  dataDir = dataDirWithSql(['001', '002']);
  gateway = await startGateway({
    config: gatewayConfig(),
    executionConfigId: 'gateway_test',
    dataDir,
    keys: new Map([[KEY.accessKeyId, KEY.secretAccessKey]]),
    poolName: POOL,
    provisionPollMs: 50,
    say: (line) => said.push(line),
  });
  viaGateway = client(KEY);
  direct = clientsFor(local).data;
}, 30_000);

afterAll(async () => {
  await gateway?.close();
  viaGateway?.destroy();
  direct?.destroy();
  restoreEnv();
  await local.close();
});

describe('the gateway in front of the local endpoint', () => {
  it('provisions its pool tagged and journaled, and serves the pool under its own name', () => {
    const clusters = gateway.clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.rpu).toBe(8);
    expect(clusters[0]?.workgroup).toMatch(/^autoslo-8-/);
    expect(existsSync(join(gateway.stateDir, 'resources.jsonl'))).toBe(true);
  });

  it('passes statements and result pages through: identical to asking the endpoint directly', async () => {
    const submitted = await viaGateway.send(
      new ExecuteStatementCommand({ WorkgroupName: POOL, Database: 'dev', Sql: RESULT_SQL }),
    );
    expect(submitted.WorkgroupName).toBe(POOL);
    const described = await waitFor(viaGateway, submitted.Id as string);
    expect(described.Status).toBe('FINISHED');
    expect(described.WorkgroupName).toBe(POOL);
    expect(described.ResultRows).toBe(2500);

    const workgroup = gateway.clusters()[0]?.workgroup as string;
    const own = await direct.send(
      new ExecuteStatementCommand({ WorkgroupName: workgroup, Database: 'dev', Sql: RESULT_SQL }),
    );
    await waitFor(direct, own.Id as string);
    const throughGateway = await allPages(viaGateway, submitted.Id as string);
    const fromEndpoint = await allPages(direct, own.Id as string);
    expect(throughGateway.length).toBe(3);
    expect(throughGateway).toEqual(fromEndpoint);
  });

  it('runs batches, lists statements and cancels', async () => {
    const batch = await viaGateway.send(
      new BatchExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sqls: ['CREATE TEMP TABLE t AS SELECT 1 AS x', 'SELECT x + 1 AS y FROM t'],
      }),
    );
    const done = await waitFor(viaGateway, batch.Id as string);
    expect(done.Status).toBe('FINISHED');
    expect(done.SubStatements).toHaveLength(2);

    const slow = await viaGateway.send(
      new ExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sql: 'SELECT pg_sleep(2)',
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const cancelled = await viaGateway.send(new CancelStatementCommand({ Id: slow.Id }));
    expect(cancelled.Status).toBe(true);
    expect((await waitFor(viaGateway, slow.Id as string)).Status).toBe('ABORTED');

    const listed = await viaGateway.send(new ListStatementsCommand({}));
    const ids = (listed.Statements ?? []).map((s) => s.Id);
    expect(ids).toEqual(expect.arrayContaining([batch.Id, slow.Id]));
  });

  it('keeps a session on one workgroup', async () => {
    const first = await viaGateway.send(
      new ExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sql: 'CREATE TEMP TABLE kept AS SELECT 41 AS v',
        SessionKeepAliveSeconds: 60,
      }),
    );
    expect(first.SessionId).toBeDefined();
    await waitFor(viaGateway, first.Id as string);
    const second = await viaGateway.send(
      new ExecuteStatementCommand({
        Sql: 'SELECT v + 1 AS w FROM kept',
        SessionId: first.SessionId,
      }),
    );
    expect((await waitFor(viaGateway, second.Id as string)).Status).toBe('FINISHED');
    const pages = (await allPages(viaGateway, second.Id as string)) as {
      records: { longValue?: number }[][];
    }[];
    expect(pages[0]?.records[0]?.[0]?.longValue).toBe(42);
  });

  it('maps statements to templates by fingerprint; an unknown one gets the default SLO and is counted', async () => {
    // Template 001 of the catalog with other literals and layout: the same template.
    const known = await viaGateway.send(
      new ExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sql: 'select (select count(*) from generate_series(1, 77)) as n,\n  pg_sleep(0.002) as slept',
      }),
    );
    await waitFor(viaGateway, known.Id as string);
    const metrics = gateway.metricsText();
    expect(metrics).toMatch(
      /autoslo_gateway_statements_total\{template="tpcds#001",cluster="autoslo-8-[^"]+"\} 1/,
    );
    expect(metrics).toMatch(/autoslo_gateway_unknown_template_statements_total [1-9]/);
    expect(metrics).toMatch(/autoslo_gateway_clusters\{rpu="8",state="READY"\} 1/);
    // Labels carry template ids, never SQL literals.
    expect(metrics).not.toContain('generate_series');
    expect(metrics).not.toContain('row ');
    const res = await fetch(`${gateway.endpoint}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('autoslo_gateway_statements_in_flight');
  });

  it('never logs SQL text or literals, also of a failing statement', async () => {
    const failing = await viaGateway.send(
      new ExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sql: "SELECT 'topsecret-literal'::int AS n",
      }),
    );
    const d = await waitFor(viaGateway, failing.Id as string);
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toContain('topsecret-literal'); // the client gets the service's error
    await new Promise((r) => setTimeout(r, 300)); // the gateway's own poll sees the end
    expect(said.some((l) => l.includes(`query `) && l.includes('FAILED'))).toBe(true);
    expect(said.join('\n')).not.toMatch(/topsecret|SELECT|select/);
  });

  it('journals every statement id it issued (fsynced) with its workgroup', () => {
    const lines = readFileSync(join(gateway.stateDir, STATEMENT_JOURNAL_FILENAME), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; workgroup?: string; template?: string });
    const statements = lines.filter((l) => l.kind === 'statement');
    expect(statements.length).toBeGreaterThanOrEqual(5);
    expect(lines.some((l) => l.kind === 'session')).toBe(true);
    expect(statements.every((s) => /^autoslo-8-/.test(s.workgroup ?? ''))).toBe(true);
  });
});

describe('authentication', () => {
  const target = (op: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RedshiftData.${op}` },
    body: '{}',
  });

  it('refuses an unsigned request', async () => {
    const res = await fetch(gateway.endpoint, target('ListStatements'));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { __type: string }).__type).toBe(
      'MissingAuthenticationTokenException',
    );
  });

  it('refuses an unknown access key and a wrong secret', async () => {
    await expect(
      client(LOCAL_CREDENTIALS).send(new ListStatementsCommand({})),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    await expect(
      client({ ...KEY, secretAccessKey: 'not-the-right-secret' }).send(
        new ListStatementsCommand({}),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });

  it('refuses a request signed outside the 5-minute window (a replay)', async () => {
    const stale = client(KEY, { systemClockOffset: -6 * 60 * 1000 });
    const error = await stale.send(new ListStatementsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidSignatureException' });
    expect(String((error as Error).message)).toMatch(/Signature expired/);
    expect(gateway.metricsText()).toMatch(
      /autoslo_gateway_refused_requests_total\{code="InvalidSignatureException"\} [2-9]/,
    );
  });
});

describe('closing', () => {
  it('waits for statements in flight, deletes the pool and writes the run as a live run', async () => {
    const inFlight = await viaGateway.send(
      new ExecuteStatementCommand({
        WorkgroupName: POOL,
        Database: 'dev',
        Sql: 'SELECT pg_sleep(0.3)',
      }),
    );
    const outcome = await gateway.close();
    expect((await direct.send(new DescribeStatementCommand({ Id: inFlight.Id }))).Status).toBe(
      'FINISHED',
    );
    expect(outcome.problems).toEqual([]);
    expect(outcome.statements).toBeGreaterThanOrEqual(6);
    const summary = parse(readFileSync(join(outcome.runDir, 'summary.yml'), 'utf8')) as {
      unknown_template_statements: number;
    };
    expect(summary.unknown_template_statements).toBeGreaterThan(0);
    expect(existsSync(join(outcome.runDir, 'structured_log.parquet'))).toBe(true);
    const { serverless, data } = clientsFor(local);
    const left = await serverless.send(new ListWorkgroupsCommand({}));
    expect((left.workgroups ?? []).filter((w) => w.status !== 'DELETING')).toEqual([]);
    serverless.destroy();
    data.destroy();
  }, 20_000);
});
