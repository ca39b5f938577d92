/**
 * `--policy-module`: a user's module, outside the repository, registers `custom:` policies
 * that `simulate` (this thread), `execute` and `tune` (worker threads) then run.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStructuredLog } from '@autoslo/core';
import { generateDiurnal, traceFromRows, writeWorkloadParquet } from '@autoslo/workload';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '../../..');

// Registers custom:largest (the READY cluster with the most RPU, ties to the earlier) and
// notes each importing thread's id in loaded.txt, beside the module.
const POLICY_MODULE = `
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { registerRoutingPolicy } from '@autoslo/core';

appendFileSync(new URL('./loaded.txt', import.meta.url), threadId + '\\n');

registerRoutingPolicy('custom:largest', () => ({
  name: 'custom:largest',
  choose: ({ clusters }) => {
    let best = 0;
    for (let i = 1; i < clusters.length; i++) if (clusters[i].rpu > clusters[best].rpu) best = i;
    return best;
  },
}));
`;

// Two clusters, 16 and 32 RPU, no autoscaling; the routing policy is a parameter.
const EXEC = `
workload_config: { workload_name: three, target_date: "2024-05-27", rescale_factor: 1.0 }
slo_resolver_config: { slo_s: 8.0 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
provisioner_config: { aws_config_path: data/config/aws.yml, spin_up_delay_s: 300.0 }
managed_cluster_pool_config: { max_clusters: 10, initial_rpus: [16, 32] }
scheduled_spinups: []
query_router_config: { routing_policy_name: "<ROUTING>" }
autoscaler_config: { autoscaling_policy: noop, allowed_rpu_sizes: [16, 32] }
latency_model_config: { reference_rpu: 16 }
`;

const executionManifest = (execPath: string) => `
main_content:
  - workload_config: { workload_name: three, target_date: "2024-05-27", rescale_factor: 1.0 }
    execution_config: ${execPath}
    params: { ROUTING: "custom:largest" }
`;

// 8 train scenarios x 3 sweep points = 24 simulations in one batch: the tuner's evaluator
// sends batches of 24 or more to worker threads.
const TUNER = `
sampling_config:
  num_scenarios: 10
  seed: 42
  train_fraction: 0.8
  aggregation_method: p95
  forecaster_config:
    forecast_policy_name: seven_days_flat
    arrival_time_policy_name: interarrival_deciles
    reservoir_config: { workload_name: mini, last_day_date_inclusive: "2024-04-09", num_days: 7 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0.1 }
spinup_optimizer_config:
  max_spinups: 1
  allowed_rpu_sizes: [16]
  max_attempts_per_round: 1
  initial_rpu_candidates: [[16, 32]]
autoscaling_param_sweep:
  param_sweep_config:
    strategy: grid
    val_top_k: 1
    params:
      "autoscaler_config.idle_time_before_tear_down_s": [600.0, 1200.0, 2400.0]
query_routing_param_sweep:
  param_sweep_config: { params: {} }
`;

const TUNE_EXEC = `
workload_config: { workload_name: mini, target_date: "2024-04-10", rescale_factor: 0.16666667 }
slo_resolver_config: { slo_s: 30.0 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
provisioner_config: { aws_config_path: data/config/aws.yml, spin_up_delay_s: 300.0 }
managed_cluster_pool_config: { max_clusters: 10, initial_rpus: [16] }
scheduled_spinups: []
query_router_config: { routing_policy_name: "custom:largest" }
autoscaler_config: { autoscaling_policy: noop, allowed_rpu_sizes: [16, 32] }
`;

/** Thread ids that imported the module so far (0 = a main thread). */
async function importingThreads(moduleDir: string): Promise<number[]> {
  const text = await readFile(join(moduleDir, 'loaded.txt'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

/** Cluster of every arrival in a run's structured log. */
async function arrivalClusters(runDir: string): Promise<(string | null)[]> {
  const log = await readStructuredLog(join(runDir, 'structured_log.parquet'));
  return log.indicesOf('arrival').map((i) => log.clusterName(i));
}

describe('--policy-module', () => {
  let root: string;
  let dataDir: string;
  let moduleDir: string;
  let modulePath: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'autoslo-cli-policy-'));
    dataDir = join(root, 'data');
    // The user's project: the module and the @autoslo/core it imports (the CLI's own copy,
    // so both register into and resolve from the same registry).
    moduleDir = join(root, 'project');
    await mkdir(join(moduleDir, 'node_modules/@autoslo'), { recursive: true });
    await symlink(join(REPO, 'packages/core'), join(moduleDir, 'node_modules/@autoslo/core'));
    modulePath = join(moduleDir, 'policies.mjs');
    await writeFile(modulePath, POLICY_MODULE);
    // Three 10 s queries (at 16 RPU), 1 s apart; on 32 RPU each takes 10 * 0.5^0.7 = 6.16 s.
    const day = Date.UTC(2024, 4, 27);
    await writeWorkloadParquet(
      join(dataDir, 'workloads/three.parquet'),
      traceFromRows(
        [0, 1, 2].map((i) => ({
          queryId: i + 1,
          absStartMs: day + i * 1000,
          queryTextId: 'tpcds#001#001',
          repetitionId: 0,
          isolatedLatencyS: 10,
        })),
      ),
    );
    const { trace } = generateDiurnal({
      startDate: '2024-04-01',
      days: 10,
      queriesPerDay: 200,
      seed: 3,
    });
    await writeWorkloadParquet(join(dataDir, 'workloads/mini.parquet'), trace);
    await writeFile(join(dataDir, 'exec.yml'), EXEC);
    await writeFile(
      join(dataDir, 'execution_manifest.yml'),
      executionManifest(join(dataDir, 'exec.yml')),
    );
    await writeFile(join(dataDir, 'tune_exec.yml'), TUNE_EXEC);
    await writeFile(join(dataDir, 'tuner.yml'), TUNER);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const simulateArgs = (routing: string) => [
    'simulate',
    '--execution-config',
    join(dataDir, 'exec.yml'),
    '--param',
    `ROUTING=${routing}`,
    '--data-dir',
    dataDir,
    '--json',
  ];

  it('simulate: the module, relative to the working directory, decides every placement', async () => {
    const custom = await runCli(
      [...simulateArgs('custom:largest'), '--policy-module', 'policies.mjs'],
      {
        cwd: moduleDir,
      },
    );
    expect([custom.code, custom.stderr]).toEqual([0, expect.any(String)]);
    const out = JSON.parse(custom.stdout) as { violation_rate: number; run_dir: string };
    // All three on 32 RPU, 6.16 s < 8 s: no violation.
    expect(out.violation_rate).toBe(0);
    expect(await arrivalClusters(out.run_dir)).toEqual(Array(3).fill('autoslo-32-sim-001'));

    // round_robin alternates 16, 32, 16: two 10 s queries over their 8 s SLO.
    const builtin = await runCli(simulateArgs('round_robin'));
    const rr = JSON.parse(builtin.stdout) as { violation_rate: number; run_dir: string };
    expect(rr.violation_rate).toBeCloseTo(2 / 3, 10);
    expect(await arrivalClusters(rr.run_dir)).toEqual([
      'autoslo-16-sim-000',
      'autoslo-32-sim-001',
      'autoslo-16-sim-000',
    ]);
  });

  it('execute: a worker thread imports the module and runs the policy', async () => {
    const before = (await importingThreads(moduleDir)).length;
    const result = await runCli([
      'execute',
      '--execution-manifest',
      join(dataDir, 'execution_manifest.yml'),
      '--policy-module',
      modulePath,
      '--threads',
      '1',
      '--force',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as {
      runs: { run_dir: string; violation_rate: number }[];
    };
    expect(report.runs.map((r) => r.violation_rate)).toEqual([0]);
    expect(await arrivalClusters(report.runs[0]?.run_dir as string)).toEqual(
      Array(3).fill('autoslo-32-sim-001'),
    );
    const threads = (await importingThreads(moduleDir)).slice(before);
    expect(threads.filter((t) => t !== 0).length).toBe(1);
  });

  it('tune: worker threads load the module, and the tuned config keeps the custom policy', async () => {
    const before = (await importingThreads(moduleDir)).length;
    const result = await runCli([
      'tune',
      '--initial-execution-config',
      join(dataDir, 'tune_exec.yml'),
      '--tuner-config',
      join(dataDir, 'tuner.yml'),
      '--policy-module',
      modulePath,
      '--threads',
      '2',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, '']);
    const report = JSON.parse(result.stdout) as { runs: { name: string; published: string }[] };
    const published = await readFile(report.runs[0]?.published as string, 'utf8');
    expect(published).toMatch(/routing_policy_name: custom:largest/);
    expect(published).toMatch(/initial_rpus:\n\s+- 16\n\s+- 32\n/);
    // The 24-simulation sweep batch ran on two worker threads, each importing the module once.
    const threads = (await importingThreads(moduleDir)).slice(before);
    expect(threads.filter((t) => t !== 0).length).toBeGreaterThanOrEqual(2);
    // The spin-up optimizer's runs keep their logs: every arrival went to the 32-RPU cluster.
    const runDir = join(dataDir, 'tuner_runs', report.runs[0]?.name as string);
    const logs = await findFiles(join(runDir, '04_spinups'), 'structured_log.parquet');
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) {
      const clusters = new Set(await arrivalClusters(join(log, '..')));
      expect([...clusters]).toEqual(['autoslo-32-sim-001']);
    }
  });

  it('a missing or failing module is an input error (exit 2) naming the file', async () => {
    const missing = await runCli(
      [...simulateArgs('custom:largest'), '--policy-module', 'nope.mjs'],
      {
        cwd: moduleDir,
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `error: nope.mjs: --policy-module: no such file (${join(moduleDir, 'nope.mjs')})`,
    );

    const broken = join(moduleDir, 'broken.mjs');
    await writeFile(broken, "throw new Error('policy module exploded');\n");
    const failing = await runCli([
      'tune',
      '--initial-execution-config',
      join(dataDir, 'tune_exec.yml'),
      '--tuner-config',
      join(dataDir, 'tuner.yml'),
      '--policy-module',
      broken,
      '--data-dir',
      dataDir,
    ]);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain(
      `error: ${broken}: --policy-module: the module failed to load: policy module exploded`,
    );

    // A module that registers nothing in the CLI's registry runs, with a warning.
    await writeFile(join(moduleDir, 'empty.mjs'), 'export {};\n');
    const empty = await runCli([...simulateArgs('round_robin'), '--policy-module', 'empty.mjs'], {
      cwd: moduleDir,
    });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('warning: empty.mjs registered no custom: policy');

    // Without the module the policy is unknown: the config key is named, exit 2.
    const unregistered = await runCli(simulateArgs('custom:elsewhere'));
    expect(unregistered.code).toBe(2);
    expect(unregistered.stderr).toContain(
      "query_router_config.routing_policy_name: no routing policy 'custom:elsewhere' is registered",
    );
  });
});

/** Every file named `name` below `dir`. */
async function findFiles(dir: string, name: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => join(e.parentPath, e.name));
}
