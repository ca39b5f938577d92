/**
 * `tune` and `execute` over Redis with two `autoslo worker` processes write the same files as
 * on local worker threads (same seeds), also when a worker is SIGKILLed mid-run: its job goes
 * back to the queue (BullMQ's stalled-job check) and the other worker finishes the run.
 * Each run uses the same absolute data dir (moved aside in between), as scratch configs name it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '@autoslo/distributed';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';
import { runCli } from './run-cli.js';

const REPO = join(import.meta.dirname, '../../..');
const BIN = join(REPO, 'apps/cli/dist/bin.js');
const SLO_TABLE = '1778469201294_p100_k4.yml';

const EXEC = `
workload_config: { workload_name: mini, target_date: "<TARGET_DATE>", rescale_factor: 0.16666667 }
slo_resolver_config: { slo_s: 30.0, slo_dict_filename: "${SLO_TABLE}", slo_tightening_factor: 0.5 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
provisioner_config: { aws_config_path: data/config/aws.yml, spin_up_delay_s: 300.0 }
managed_cluster_pool_config: { max_clusters: 10, initial_rpus: <INITIAL_RPU> }
scheduled_spinups: []
query_router_config: { routing_policy_name: use_iconq_model }
autoscaler_config:
  allowed_rpu_sizes: [16, 32]
  autoscaling_policy: add_single_best_forward
  autoscaling_trigger_policy: combined_violations
  min_cluster_lifetime_s: 1200.0
  idle_time_before_tear_down_s: 1200.0
  min_observations_to_act: 32
  observation_window_s: 300.0
  min_finished_queries_in_counterfactual: 32
  trigger_slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
`;

const TUNER = `
sampling_config:
  num_scenarios: 4
  seed: 42
  train_fraction: 0.5
  aggregation_method: p95
  forecaster_config:
    forecast_policy_name: seven_days_flat
    arrival_time_policy_name: interarrival_deciles
    reservoir_config: { workload_name: mini, last_day_date_inclusive: "<LAST_DAY>", num_days: 7 }
slo_objective_config: { slo_metric: binary, slo_threshold: <SLO_THRESHOLD> }
spinup_optimizer_config:
  max_spinups: 2
  allowed_rpu_sizes: [16, 32]
  max_attempts_per_round: 2
  initial_rpu_candidates: [[16], [32]]
autoscaling_param_sweep:
  param_sweep_config:
    strategy: grid
    val_top_k: 2
    params:
      "autoscaler_config.min_cluster_lifetime_s": [1200.0, 3600.0]
      "autoscaler_config.idle_time_before_tear_down_s": [600.0, 1200.0]
query_routing_param_sweep:
  param_sweep_config: { params: {} }
`;

/** A fleet of two tuning runs (two thresholds). */
const TUNING_MANIFEST = `
main_content:
  mini_t10:
    configs: { initial_execution_config: "exec:handmade/mini", tuner_config: "tuner:mini" }
    params: { TARGET_DATE: "2024-04-10", LAST_DAY: "2024-04-09", SLO_THRESHOLD: 0.1, INITIAL_RPU: [16] }
  mini_t20:
    configs: { initial_execution_config: "exec:handmade/mini", tuner_config: "tuner:mini" }
    params: { TARGET_DATE: "2024-04-10", LAST_DAY: "2024-04-09", SLO_THRESHOLD: 0.2, INITIAL_RPU: [16] }
`;

const EXECUTION_MANIFEST = `
main_content:
${[[16], [32], [16, 16], [32, 32]]
  .flatMap((rpus) =>
    ['2024-04-09', '2024-04-10'].map(
      (
        date,
      ) => `  - workload_config: { workload_name: mini, target_date: "${date}", rescale_factor: 0.16666667 }
    execution_config: exec:handmade/mini
    params: { TARGET_DATE: "${date}", INITIAL_RPU: [${rpus.join(', ')}] }`,
    ),
  )
  .join('\n')}
`;

async function writeInputs(dataDir: string): Promise<void> {
  for (const sub of [
    'slos',
    'workloads',
    'execution_configs/handmade',
    'tuner_configs',
    'manifests/tuning',
    'manifests/execution',
  ])
    await mkdir(join(dataDir, sub), { recursive: true });
  await copyFile(join(REPO, 'data/slos', SLO_TABLE), join(dataDir, 'slos', SLO_TABLE));
  const { trace } = generateDiurnal({
    startDate: '2024-04-01',
    days: 10,
    queriesPerDay: 400,
    seed: 3,
  });
  await writeWorkloadParquet(join(dataDir, 'workloads/mini.parquet'), trace);
  await writeFile(join(dataDir, 'execution_configs/handmade/mini.yml'), EXEC);
  await writeFile(join(dataDir, 'tuner_configs/mini.yml'), TUNER);
  await writeFile(join(dataDir, 'manifests/tuning/fleet.yml'), TUNING_MANIFEST);
  await writeFile(join(dataDir, 'manifests/execution/mini.yml'), EXECUTION_MANIFEST);
}

/** Output files by relative path; `timing_report.csv` holds wall times and is left out. */
async function outputs(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (sub: string) => {
    for (const name of (await readdir(join(dir, sub))).sort()) {
      const rel = sub ? join(sub, name) : name;
      if ((await stat(join(dir, rel))).isDirectory()) await walk(rel);
      else if (name !== 'timing_report.csv') out.set(rel, await readFile(join(dir, rel)));
    }
  };
  await walk('');
  return out;
}

function expectSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  const differing = [...expected].filter(([file, bytes]) => !actual.get(file)?.equals(bytes));
  expect(differing.map(([file]) => file)).toEqual([]);
}

interface WorkerProcess {
  readonly child: ChildProcess;
  /** The worker's `job <id> <state>` lines, in order. */
  readonly events: { id: string; state: string }[];
  /** Resolves once the worker has started `n` jobs. */
  started(n: number): Promise<void>;
  exited(): Promise<number | null>;
}

function startWorker(url: string): WorkerProcess {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--redis', url, '--concurrency', '1', '--lock-duration-s', '2'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let active = 0;
  const events: { id: string; state: string }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const lines = text.split('\n');
    text = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^job (\S+) (\w+)/.exec(line);
      if (m) events.push({ id: m[1] as string, state: m[2] as string });
      if (m?.[2] === 'active') active++;
    }
    for (const w of waiters.filter((x) => active >= x.n)) w.resolve();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    started: (n) =>
      new Promise<void>((resolve) => (active >= n ? resolve() : waiters.push({ n, resolve }))),
    exited: () => exit,
  };
}

describe('tune and execute on two worker processes over Redis', () => {
  let redis: RedisServer;
  let root: string;
  let dataDir: string;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    root = await mkdtemp(join(tmpdir(), 'autoslo-cli-dist-'));
    dataDir = join(root, 'data');
  });

  afterEach(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited()));
    workers = [];
  });

  afterAll(async () => {
    await redis?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Runs `args` on fresh inputs in the data dir, then moves the data dir to `keep`. */
  async function runFresh(args: string[], keep: string, during?: () => Promise<void>) {
    await rm(dataDir, { recursive: true, force: true });
    await writeInputs(dataDir);
    const [result] = await Promise.all([
      runCli([...args, '--yes', '--data-dir', dataDir]),
      during?.(),
    ]);
    await rename(dataDir, join(root, keep));
    return result;
  }

  it('a fleet tuning manifest and an execution manifest equal their local runs byte for byte', async () => {
    const local = await runFresh(
      ['tune', '--tuning-manifest', 'fleet', '--threads', '2'],
      'tune-local',
    );
    expect(local.code).toBe(0);
    workers = [startWorker(redis.url), startWorker(redis.url)];
    const remote = await runFresh(
      ['tune', '--tuning-manifest', 'fleet', '--redis', redis.url],
      'tune-redis',
    );
    expect(remote.stderr).toMatch(
      /simulations go to workers over Redis at redis:\/\/127\.0\.0\.1:\d+: \d workers? connected/,
    );
    expect(remote.code).toBe(0);
    // Progress lines carry the number of live workers.
    expect(remote.stderr).toMatch(/\d+\/\d+ \(\d+%\) [\d.]+s \([12] workers? live\)/);
    // Both workers took jobs: the fleet's simulations were spread, not one run per worker.
    await Promise.all(workers.map((w) => w.started(1)));
    const tuned = await outputs(join(root, 'tune-redis'));
    expectSameTree(tuned, await outputs(join(root, 'tune-local')));
    // No absolute path of the submitting machine in any output.
    expect([...tuned].filter(([, bytes]) => bytes.includes(root)).map(([file]) => file)).toEqual(
      [],
    );

    const execLocal = await runFresh(['execute', '--execution-manifest', 'mini'], 'exec-local');
    expect(execLocal.code).toBe(0);
    const execRemote = await runFresh(
      ['execute', '--execution-manifest', 'mini', '--redis', redis.url],
      'exec-redis',
    );
    expect(execRemote.code).toBe(0);
    const tree = await outputs(join(root, 'exec-redis'));
    expect([...tree.keys()].filter((f) => f.endsWith('structured_log.parquet'))).toHaveLength(8);
    expectSameTree(tree, await outputs(join(root, 'exec-local')));
    expect([...tree].filter(([, bytes]) => bytes.includes(root)).map(([file]) => file)).toEqual([]);

    // SIGINT lets a worker finish and exit 0.
    for (const w of workers) w.child.kill('SIGINT');
    expect(await Promise.all(workers.map((w) => w.exited()))).toEqual([0, 0]);
  });

  it('a worker SIGKILLed mid-run loses nothing: the run completes with the same files', async () => {
    workers = [startWorker(redis.url), startWorker(redis.url)];
    const victim = workers[0] as WorkerProcess;
    const killed = await runFresh(
      ['tune', '--tuning-manifest', 'fleet', '--redis', redis.url],
      'tune-killed',
      async () => {
        await victim.started(5);
        victim.child.kill('SIGKILL');
      },
    );
    expect(await victim.exited()).toBeNull();
    expect(killed.code).toBe(0);
    // The job the victim held when it died was run again by the other worker.
    const finished = new Set(victim.events.filter((e) => e.state !== 'active').map((e) => e.id));
    const held = victim.events.filter((e) => e.state === 'active' && !finished.has(e.id));
    expect(held).toHaveLength(1);
    const survivor = (workers[1] as WorkerProcess).events;
    expect(survivor).toContainEqual({ id: (held[0] as { id: string }).id, state: 'completed' });
    expectSameTree(
      await outputs(join(root, 'tune-killed')),
      await outputs(join(root, 'tune-local')),
    );
  });

  it('Redis lost mid-run: exit 1 with a clear message; a rerun skips the finished runs', async () => {
    const lonely = await startRedisServer();
    let restarted: RedisServer | null = null;
    try {
      const worker = startWorker(lonely.url);
      workers = [worker];
      await rm(dataDir, { recursive: true, force: true });
      await writeInputs(dataDir);
      const args = [
        'tune',
        '--tuning-manifest',
        'fleet',
        '--redis',
        lonely.url,
        '--yes',
        '--data-dir',
        dataDir,
      ];
      const [lost] = await Promise.all([
        runCli(args),
        worker.started(40).then(() => lonely.stop()),
      ]);
      expect(lost.code).toBe(1);
      expect(lost.stderr).toContain(`lost the connection to Redis at ${lonely.url}`);
      expect(lost.stderr).toContain('running the command again continues with the rest');
      // Redis comes back on the same port (empty); the worker reconnects by itself.
      restarted = await startRedisServer(lonely.port);
      const again = await runCli(args);
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/mini_t10 +(Skip|Run)/);
      await rename(dataDir, join(root, 'tune-resumed'));
      expectSameTree(
        await outputs(join(root, 'tune-resumed')),
        await outputs(join(root, 'tune-local')),
      );
    } finally {
      await (restarted ?? lonely).stop();
    }
  });

  it('exits 2 naming the URL when Redis cannot be reached', async () => {
    await writeInputs(dataDir);
    const url = 'redis://127.0.0.1:1';
    const out = await runCli([
      'execute',
      '--execution-manifest',
      'mini',
      '--redis',
      url,
      '--yes',
      '--data-dir',
      dataDir,
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`cannot reach Redis at ${url}`);
  });
});
