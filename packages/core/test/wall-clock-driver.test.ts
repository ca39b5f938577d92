/**
 * The wall-clock driver against an in-memory warehouse (a second backend beside Redshift
 * Serverless): a failed spin-up goes through the control plane, is logged, and a later
 * spin-up in the same run succeeds and serves queries. Assertions are on order and counts,
 * never on durations.
 */
import {
  ControlPlane,
  type ControlPlaneConfig,
  type QueryArrival,
  replayArrivals,
  WallClockDriver,
  WallClockLog,
} from '../src/index.js';
import { InMemoryWarehouse } from './in-memory-warehouse.js';

/** One 8-RPU cluster; every arrival meeting 2 queries in flight asks for one more. */
function config(maxClusters: number): ControlPlaneConfig {
  return {
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
    provisioner_config: { spin_up_delay_s: 0.05 },
    managed_cluster_pool_config: { initial_rpus: [8], max_clusters: maxClusters },
    query_router_config: { routing_policy_name: 'least_loaded' },
    autoscaler_config: {
      autoscaling_policy: 'duplicate_largest',
      autoscaling_trigger_policy: 'queue_depth',
      queue_length_for_trigger_policy: 2,
      min_observations_to_act: 0,
      allowed_rpu_sizes: [8],
    },
    latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.1 },
  };
}

function arrivalOf(i: number, arrivalS: number): QueryArrival {
  return {
    index: i,
    queryId: 100 + i,
    queryTextId: `tpcds#00${i % 3}#001`,
    arrivalS,
    sloS: 10,
    triggerSloS: 10,
    refServiceS: 0.1,
    noiseFactor: 1,
  };
}

async function run(warehouse: InMemoryWarehouse, maxClusters: number, n: number) {
  const log = new WallClockLog();
  const cp = new ControlPlane(config(maxClusters), {
    sink: log,
    expectedQueries: n,
    runTag: 't',
    logCompletions: false,
  });
  const lines: string[] = [];
  const driver = new WallClockDriver({ cp, log, backend: warehouse, say: (l) => lines.push(l) });
  await driver.start();
  await replayArrivals(driver, {
    length: n,
    arrival: (i) => arrivalOf(i, i * 0.03),
    sqlOf: (i) => `SELECT ${i}`,
  });
  await driver.finish();
  return { log: log.log, cp, driver, lines };
}

describe('WallClockDriver with an in-memory warehouse', () => {
  it('runs every statement, scales up, and tears everything down', async () => {
    const warehouse = new InMemoryWarehouse({ provisionMs: 20, statementMs: 120 });
    const { log, driver } = await run(warehouse, 3, 16);
    expect(driver.done).toBe(16);
    expect(driver.failed).toBe(0);
    expect(driver.created.length).toBeGreaterThan(1);
    expect(warehouse.up.size).toBe(0);
    expect([...warehouse.decommissioned].sort()).toEqual([...driver.created].sort());
    // One arrival and one completion per query, each naming its cluster.
    expect(log.indicesOf('arrival')).toHaveLength(16);
    expect(log.indicesOf('completion')).toHaveLength(16);
    for (const i of log.indicesOf('completion')) expect(log.clusterName(i)).not.toBeNull();
    // Stats were collected from each cluster before it went.
    expect(Object.keys(driver.stats).sort()).toEqual([...driver.created].sort());
  });

  it('after a failed spin-up, scales up again later in the same run', async () => {
    // max_clusters 2: the initial cluster and one more. The failed attempt gives its slot
    // back, so the second attempt may still come up.
    const warehouse = new InMemoryWarehouse({
      provisionMs: 20,
      statementMs: 150,
      failProvisions: 1,
    });
    const { log, cp, driver, lines } = await run(warehouse, 2, 16);
    const [initial, failed, second] = warehouse.provisionCalls;
    expect(warehouse.provisionCalls).toHaveLength(3);
    const rowOf = (type: string, cluster: string | undefined) =>
      log.indicesOf(type).find((i) => log.clusterName(i) === cluster) ?? -1;

    // The failure went through the control plane: logged, cluster removed, budget given back.
    const failedRow = rowOf('spin_up_failed', failed);
    expect(failedRow).toBeGreaterThanOrEqual(0);
    expect(log.source(failedRow)).toBe('control_plane');
    expect(log.details(failedRow)?.error).toMatch(/InsufficientCapacity/);
    expect(rowOf('cluster_ready', failed)).toBe(-1);
    expect(cp.pool.get(failed as string)?.state).toBe('REMOVED');
    expect(log.details(rowOf('cluster_removed', failed))).toEqual({ failed: true });
    expect(warehouse.decommissioned).toContain(failed);
    expect(driver.stats[failed as string]).toBeUndefined();
    expect(lines.some((l) => l.includes(`spin-up of ${failed} failed`))).toBe(true);

    // ... and the autoscaler asked again: the second cluster came up and served queries.
    expect(rowOf('spin_up_requested', second)).toBeGreaterThan(failedRow);
    expect(rowOf('cluster_ready', second)).toBeGreaterThan(failedRow);
    expect(warehouse.statementsBy.get(second as string)?.length ?? 0).toBeGreaterThan(0);
    expect(driver.done).toBe(16);
    expect(driver.failed).toBe(0);
    expect(cp.pool.budget.used).toBe(2);
    expect(initial).toBeDefined();
    expect(warehouse.up.size).toBe(0);
  });

  it('stops on an initial cluster that cannot be adopted, naming it', async () => {
    const warehouse = new InMemoryWarehouse({ provisionMs: 1, statementMs: 1, existing: ['wg-a'] });
    const log = new WallClockLog();
    const cp = new ControlPlane(config(2), { sink: log, runTag: 't' });
    const driver = new WallClockDriver({ cp, log, backend: warehouse, existing: ['wg-b'] });
    await expect(driver.start()).rejects.toThrow(/wg-b: wg-b does not exist/);
  });
});
