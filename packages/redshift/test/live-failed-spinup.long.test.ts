/**
 * The live driver on the local endpoint when a spin-up fails mid-run: the endpoint refuses
 * the second workgroup (InsufficientCapacityException, after its namespace was created).
 * The failure goes through the control plane, what was created is deleted, and the
 * autoscaler's next spin-up in the same run comes up and serves queries.
 */
import { join } from 'node:path';
import { readStructuredLog } from '@autoslo/core';
import { ListNamespacesCommand, ListWorkgroupsCommand } from '@aws-sdk/client-redshift-serverless';
import {
  createLiveClients,
  type LocalRedshift,
  runLive,
  startLocalRedshift,
} from '../src/index.js';
import { dataDirWithSql, liveConfig, useLocalEndpoint, workloadOf } from './live-fixtures.js';

let local: LocalRedshift;
let restoreEnv: () => void;

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0.2,
    deleteDelayS: 0.05,
    workgroups: [],
    demoDataset: false,
    faults: { refuseWorkgroups: ['-001$'] },
  });
  restoreEnv = useLocalEndpoint(local.endpoint);
});

afterAll(async () => {
  restoreEnv();
  await local.close();
});

it('scales up after a failed spin-up, in the same run, and leaves nothing behind', async () => {
  const dataDir = dataDirWithSql(['010']);
  // More work than one 8-RPU workgroup serves (0.1 s each, 0.05 s apart), for 12 s: the
  // queue stays long enough for the autoscaler to ask again after the failure, and arrivals
  // go on after the second workgroup is ready however slowly the first engine starts.
  const arrivals = Array.from({ length: 240 }, (_, i) => i * 0.05);
  const base = liveConfig({ autoscale: true });
  const config = {
    ...base,
    managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 2 },
    query_router_config: { routing_policy_name: 'least_loaded' },
    autoscaler_config: {
      autoscaling_policy: 'duplicate_largest',
      autoscaling_trigger_policy: 'queue_depth',
      queue_length_for_trigger_policy: 2,
      min_observations_to_act: 0,
      allowed_rpu_sizes: [8],
    },
  };
  const lines: string[] = [];
  const out = await runLive(config, workloadOf(arrivals, ['010']), {
    dataDir,
    executionConfigId: 'live_test',
    runId: '1700000000077',
    provisionPollMs: 50,
    poll: { initialMs: 20, maxMs: 100 },
    onLine: (l) => lines.push(l),
  });
  const [initial, failed, second] = out.createdWorkgroups;
  expect(failed).toBe('autoslo-8-1700000000077-001');
  expect(second).toBe('autoslo-8-1700000000077-002');
  expect(out.numQueries).toBe(arrivals.length);
  expect(lines.some((l) => l.includes(`spin-up of ${failed} failed`))).toBe(true);

  const log = await readStructuredLog(join(out.runDir, 'structured_log.parquet'));
  const rowOf = (type: string, cluster: string | undefined) =>
    log.indicesOf(type).find((i) => log.clusterName(i) === cluster) ?? -1;
  const failedRow = rowOf('spin_up_failed', failed);
  expect(log.details(failedRow)?.error).toMatch(
    /ServiceQuotaExceeded|quota of the account is reached/,
  );
  expect(rowOf('cluster_ready', failed)).toBe(-1);
  expect(rowOf('spin_up_requested', second)).toBeGreaterThan(failedRow);
  expect(rowOf('cluster_ready', second)).toBeGreaterThan(0);
  // The second cluster served queries; its stats were saved, the failed one's were not.
  const served = log.indicesOf('arrival').filter((i) => log.clusterName(i) === second).length;
  expect(served).toBeGreaterThan(0);
  expect(Object.keys(out.stats).sort()).toEqual([initial, second].sort());
  // The failed attempt's namespace was deleted with the rest.
  const { serverless } = createLiveClients();
  expect((await serverless.send(new ListWorkgroupsCommand({}))).workgroups).toEqual([]);
  expect((await serverless.send(new ListNamespacesCommand({}))).namespaces).toEqual([]);
});
