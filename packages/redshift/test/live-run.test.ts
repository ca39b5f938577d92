/**
 * The live driver end to end against the local endpoint, through the real AWS SDK clients
 * (endpoint chosen the standard way, by AWS_ENDPOINT_URL): provisioning, a mid-run spin-up,
 * real SQL, stats collection, teardown, the run directory and the result loaded by core.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chargedSecondsOf, loadExecutionResult, readStructuredLog } from '@autoslo/core';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteWorkgroupCommand,
  GetWorkgroupCommand,
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  ListWorkgroupsCommand,
} from '@aws-sdk/client-redshift-serverless';
import {
  createLiveClients,
  LiveRunAborted,
  type LocalRedshift,
  outstandingResources,
  ResourceJournal,
  readRunIndex,
  runLive,
  ServerlessProvisioner,
  startLocalRedshift,
} from '../src/index.js';
import { dataDirWithSql, liveConfig, useLocalEndpoint, workloadOf } from './live-fixtures.js';

let local: LocalRedshift;
let restoreEnv: () => void;

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0.3,
    deleteDelayS: 0.1,
    workgroups: [],
    demoDataset: false,
    faults: {
      seed: 7,
      throttleRate: 0.1,
      transientErrorRate: 0.05,
      operations: ['BatchExecuteStatement', 'DescribeStatement'],
      failStatements: [{ pattern: 'template 004', error: 'division by zero (injected)' }],
    },
  });
  restoreEnv = useLocalEndpoint(local.endpoint);
});

afterAll(async () => {
  restoreEnv();
  await local.close();
});

async function workgroupsLeft(): Promise<string[]> {
  const { serverless } = createLiveClients();
  const wgs = await serverless.send(new ListWorkgroupsCommand({}));
  const nss = await serverless.send(new ListNamespacesCommand({}));
  return [
    ...(wgs.workgroups ?? []).map((w) => `wg:${w.workgroupName}`),
    ...(nss.namespaces ?? []).map((n) => `ns:${n.namespaceName}`),
  ];
}

describe('runLive', () => {
  it('replays open loop with autoscaling, under throttling, transient errors and a failing template', async () => {
    const dataDir = dataDirWithSql(['001', '002', '003', '004']);
    // 9 queries; template 004 (queries 1003 and 1007) fails in the engine.
    const arrivals = [0, 0.5, 1, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5];
    const workload = workloadOf(arrivals, ['001', '002', '003', '004']);
    const out = await runLive(liveConfig({ autoscale: true }), workload, {
      dataDir,
      executionConfigId: 'live_test',
      runId: '1700000000001',
      timeScale: 2,
      provisionPollMs: 100,
      poll: { initialMs: 20, maxMs: 200 },
    });

    // The run directory is complete, the partial one gone, the index names the run.
    expect(out.runDir).toBe(join(dataDir, 'runs', '1700000000001'));
    expect(readdirSync(join(dataDir, 'runs')).sort()).toEqual(['1700000000001', 'map.yml']);
    const files = readdirSync(out.runDir).sort();
    const [a, b] = out.createdWorkgroups;
    expect(out.createdWorkgroups).toEqual([
      'autoslo-8-1700000000001-000',
      'autoslo-8-1700000000001-001',
    ]);
    expect(files).toEqual(
      [
        'execution_config.yml',
        'resources.jsonl',
        'structured_log.parquet',
        'summary.yml',
        `sys_query_history+${a}.parquet`,
        `sys_query_history+${b}.parquet`,
        `sys_serverless_usage+${a}.parquet`,
        `sys_serverless_usage+${b}.parquet`,
      ].sort(),
    );
    expect(await readRunIndex(dataDir)).toEqual([
      expect.objectContaining({
        run_id: '1700000000001',
        workload_id: 'live_test__target__rf1.000',
        execution_config_id: 'live_test',
      }),
    ]);

    // Every query ran as SQL on the engine: one tagged history row each, over both workgroups.
    const historyRows = Object.values(out.stats).reduce(
      (t, s) => t + (s.savedRows.sys_query_history ?? 0),
      0,
    );
    expect(historyRows).toBe(9);
    expect(out.stats[b as string]?.savedRows.sys_query_history).toBeGreaterThan(0);
    expect(out.failedQueries).toBe(2);
    expect(out.retries).toBeGreaterThan(0);
    expect(out.throttles).toBeGreaterThan(0);

    // The second workgroup was requested mid-run, came up, and was torn down after.
    const log = await readStructuredLog(join(out.runDir, 'structured_log.parquet'));
    const at = (type: string, cluster: string) => {
      for (let i = 0; i < log.length; i++)
        if (log.eventType(i) === type && log.clusterName(i) === cluster) return log.relTimeS(i);
      return Number.NaN;
    };
    // The initial workgroup came up before time zero, ready at 0.
    expect(at('spin_up_completed', a as string)).toBeLessThan(0);
    expect(at('spin_up_started', a as string)).toBeLessThan(at('spin_up_completed', a as string));
    expect(at('cluster_ready', a as string)).toBe(0);
    expect(at('spin_up_requested', b as string)).toBeGreaterThan(0);
    expect(at('cluster_ready', b as string)).toBeGreaterThan(at('spin_up_requested', b as string));
    expect(at('tear_down_completed', b as string)).toBeGreaterThan(
      at('cluster_ready', b as string),
    );
    // Completions carry the service-side latency, the engine's elapsed time beside it.
    const completions: Record<string, unknown>[] = [];
    for (let i = 0; i < log.length; i++)
      if (log.eventType(i) === 'completion') completions.push(log.details(i) ?? {});
    expect(completions).toHaveLength(9);
    for (const d of completions) {
      expect(d.timing).toBe('service');
      expect(d.engine_elapsed_s).toBeGreaterThanOrEqual(d.success ? 0.001 : 0);
      expect(d.latency as number).toBeLessThanOrEqual(d.client_latency_s as number);
    }
    expect(completions.filter((d) => d.success === false)).toHaveLength(2);
    expect(await workgroupsLeft()).toEqual([]);

    // The result loads: 9 queries, 2 failed, cost from charged seconds.
    const result = await loadExecutionResult(out.runDir, { dataDir });
    expect(result.kind).toBe('live');
    expect(result.num_queries).toBe(9);
    expect(result.warnings).toContain('2 queries were aborted or failed');
    let charged = 0;
    for (const c of [a, b])
      charged += await chargedSecondsOf(join(out.runDir, `sys_serverless_usage+${c}.parquet`));
    expect(charged).toBeGreaterThanOrEqual(2 * 60 * 8); // two workgroups, 60 s minimum at 8 RPU
    expect(result.total_cost).toBeCloseTo((charged / 3600) * 0.375, 10);
    const journal = readFileSync(join(out.runDir, 'resources.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(8); // create + deleted, namespace + workgroup, two clusters
  });

  it('refuses a run whose SQL is missing, listing every missing id, before creating anything', async () => {
    const dataDir = dataDirWithSql(['001']);
    const workload = workloadOf([0, 0.1, 0.2], ['001', '005', '006']);
    const error = await runLive(liveConfig(), workload, {
      dataDir,
      executionConfigId: 'live_test',
    }).catch((e: unknown) => e);
    expect((error as { issues?: { path?: string }[] }).issues?.map((i) => i.path)).toEqual([
      'tpcds#005#001',
      'tpcds#006#001',
    ]);
    expect(existsSync(join(dataDir, 'runs'))).toBe(false);
    expect(await workgroupsLeft()).toEqual([]);
  });

  it('stops at the cost guard, tears everything down and publishes no run', async () => {
    const dataDir = dataDirWithSql(['001']);
    const workload = workloadOf([0, 0.2, 0.4, 5, 10, 15], ['001']);
    const error = await runLive(liveConfig(), workload, {
      dataDir,
      executionConfigId: 'live_test',
      runId: '1700000000002',
      costLimit: 0.001,
      provisionPollMs: 100,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveRunAborted);
    expect((error as LiveRunAborted).reason).toBe('cost_guard');
    expect((error as LiveRunAborted).teardownErrors).toEqual([]);
    // Not published, not indexed: only the partial directory (with its journal) is left.
    expect(readdirSync(join(dataDir, 'runs'))).toEqual(['.1700000000002.partial']);
    expect(await workgroupsLeft()).toEqual([]);
  });

  it('uses a workgroup the user names as it is, and refuses one that does not exist', async () => {
    const { serverless } = createLiveClients();
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'mine' }));
    await serverless.send(
      new CreateWorkgroupCommand({ workgroupName: 'mine', namespaceName: 'mine', baseCapacity: 8 }),
    );
    const dataDir = dataDirWithSql(['001']);
    const missing = await runLive(liveConfig(), workloadOf([0], ['001']), {
      dataDir,
      executionConfigId: 'live_test',
      existingWorkgroups: ['nope'],
    }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LiveRunAborted);
    expect(((missing as LiveRunAborted).cause as Error).message).toMatch(
      /initial cluster could not be brought up: nope: workgroup nope does not exist/,
    );
    await new Promise((r) => setTimeout(r, 400)); // 'mine' becomes AVAILABLE
    const out = await runLive(liveConfig(), workloadOf([0, 0.1], ['001']), {
      dataDir,
      executionConfigId: 'live_test',
      existingWorkgroups: ['mine'],
    });
    expect(out.createdWorkgroups).toEqual([]);
    expect(Object.values(out.stats).map((s) => s.savedRows.sys_query_history)).toEqual([2]);
    expect(await workgroupsLeft()).toEqual(['wg:mine', 'ns:mine']);
    await serverless.send(new DeleteWorkgroupCommand({ workgroupName: 'mine' }));
  });

  it('provisions tagged and journaled: a base capacity, or a price-performance target (RAIS)', async () => {
    const { serverless } = createLiveClients();
    const dir = dataDirWithSql(['001']);
    const journal = new ResourceJournal(dir, '1700000000009');
    const provisioner = (level: number | null) =>
      new ServerlessProvisioner(serverless, journal, {
        capacity: {
          maxCapacityRatio: 2,
          pricePerformanceLevel: level,
          maxCapacityUnderTarget: 256,
        },
        maxPollMs: 100,
      });
    await Promise.all([
      provisioner(null).spinUp('base-16', 16),
      provisioner(50).spinUp('rais', 32),
    ]);
    const base = (await serverless.send(new GetWorkgroupCommand({ workgroupName: 'base-16' })))
      .workgroup;
    expect([base?.baseCapacity, base?.maxCapacity, base?.status]).toEqual([16, 32, 'AVAILABLE']);
    const rais = (await serverless.send(new GetWorkgroupCommand({ workgroupName: 'rais' })))
      .workgroup;
    expect(rais?.pricePerformanceTarget).toEqual({ status: 'ENABLED', level: 50 });
    expect(rais?.maxCapacity).toBe(256);
    const tags = await serverless.send(
      new ListTagsForResourceCommand({ resourceArn: rais?.workgroupArn as string }),
    );
    expect(tags.tags).toEqual(
      expect.arrayContaining([
        { key: 'autoslo:run_id', value: '1700000000009' },
        { key: 'autoslo:cluster', value: 'rais' },
      ]),
    );
    expect(
      outstandingResources(journal.file)
        .map((r) => `${r.kind} ${r.name}`)
        .sort(),
    ).toEqual(['namespace base-16', 'namespace rais', 'workgroup base-16', 'workgroup rais']);
    await Promise.all([provisioner(null).tearDown('base-16'), provisioner(50).tearDown('rais')]);
    expect(outstandingResources(journal.file)).toEqual([]);
  });
});
