/**
 * `pnpm bench` in packages/distributed: what going through Redis costs.
 *
 * 1. Small simulations (a 100-query day): jobs per second and per-job overhead through Redis
 *    with one and two worker processes, against the same batch simulated in one thread.
 * 2. The demo's forecasted tuning run (5,000 queries a day, 20 scenarios): wall time on local
 *    worker threads, then through Redis with one and with two worker processes, and the bytes
 *    that travelled.
 *
 * Starts its own redis-server on a free loopback port (the Debian package `redis-server`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExecutionConfig, loadTunerConfig } from '@autoslo/config';
import { type BatchExecutor, evaluateBatch } from '@autoslo/simulator';
import { runTuning } from '@autoslo/tuner';
import {
  generateDiurnal,
  relativeStartTimes,
  sliceToDate,
  writeWorkloadParquet,
} from '@autoslo/workload';
import { RedisExecutor } from '../src/index.js';
import { startRedisServer } from '../src/local-redis-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [join(here, 'worker-process.mjs'), url, '1'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      return new Promise<ChildProcess>((resolve) =>
        child.stdout?.once('data', () => resolve(child)),
      );
    }),
  );
}

async function stopWorkers(workers: ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.once('exit', resolve);
          w.kill('SIGTERM');
        }),
    ),
  );
}

const redis = await startRedisServer();
const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-dist-bench-'));
console.log(
  `Node ${process.version}; ${availableParallelism()} cores; load average ${loadavg()[0]?.toFixed(1)} at start`,
);
try {
  for (const sub of ['slos', 'execution_configs/handmade', 'tuner_configs'])
    await cp(join(repo, 'data', sub), join(dataDir, sub), { recursive: true });
  const params = {
    TARGET_DATE: '2024-05-27',
    KAPPA: 4,
    SLO_THRESHOLD: 0.1,
    LAST_DAY_DATE_INCLUSIVE: '2024-05-26',
    NUM_DAYS: 30,
  };
  const initial = (
    await loadExecutionConfig('exec:handmade/demo_autoslo_base', { dataDir, params })
  ).value;
  const tuner = (await loadTunerConfig('tuner:demo_forecasted', { dataDir, params })).value;

  // 1. Small simulations.
  const { trace } = generateDiurnal({
    startDate: '2024-05-26',
    days: 2,
    queriesPerDay: 100,
    seed: 1,
  });
  const day = sliceToDate(trace, '2024-05-27');
  const workload = {
    id: 'small__2024-05-27',
    name: 'small',
    trace: day,
    relStartS: relativeStartTimes(day, 1 / 6),
  };
  const JOBS = 400;
  const configs = Array.from({ length: JOBS }, (_, i) => ({
    ...initial,
    managed_cluster_pool_config: {
      ...initial.managed_cluster_pool_config,
      initial_rpus: [[16], [32], [16, 16], [64]][i % 4] as number[],
    },
  }));
  const batch = { configs, workloads: [workload], dataDir };
  await evaluateBatch({ ...batch, configs: configs.slice(0, 20), threads: 0 }); // warm-up
  let t = performance.now();
  await evaluateBatch({ ...batch, threads: 0 });
  const inThreadMs = (performance.now() - t) / JOBS;
  console.log(`\nsmall simulations (${day.length} queries, ${JOBS} jobs)`);
  console.log(`  in one thread, no Redis:        ${inThreadMs.toFixed(2)} ms per simulation`);
  for (const processes of [1, 2]) {
    const workers = await startWorkers(redis.url, processes);
    const executor = await RedisExecutor.connect({ url: redis.url });
    try {
      await executor.evaluateBatch({ ...batch, configs: configs.slice(0, 20) }); // warm-up
      t = performance.now();
      await executor.evaluateBatch(batch);
      const wallS = (performance.now() - t) / 1000;
      const perJobMs = (wallS * 1000 * processes) / JOBS;
      console.log(
        `  Redis, ${processes} worker process${processes > 1 ? 'es' : ''}:      ${(JOBS / wallS).toFixed(0)} jobs/s; ${perJobMs.toFixed(2)} ms of a worker per job, ${(perJobMs - inThreadMs).toFixed(2)} ms of it overhead`,
      );
      const t2 = performance.now();
      await executor.evaluateBatch({
        ...batch,
        configs: configs.slice(0, 100),
        outRoot: join(dataDir, 'runs'),
        configIds: configs.slice(0, 100).map((_, i) => `c${i}`),
      });
      const withDirsS = (performance.now() - t2) / 1000;
      console.log(`    returning run directories:    ${(100 / withDirsS).toFixed(0)} jobs/s`);
    } finally {
      await executor.close();
      await stopWorkers(workers);
    }
  }

  // 2. The demo's tuning run.
  const history = generateDiurnal({
    startDate: '2024-04-01',
    days: 60,
    seed: 42,
    queriesPerDay: 5000,
    scheduledFraction: 0.1,
    burstsPerDay: 3,
    variantsPerTemplate: 3,
    dayToDaySigma: 0.08,
  });
  await writeWorkloadParquet(join(dataDir, 'workloads/demo_diurnal.parquet'), history.trace);
  const spec = {
    name: 'bench_may27_1month_k4_thresh10',
    initialConfig: initial,
    tunerConfig: tuner,
  };
  const tune = async (executor?: BatchExecutor) => {
    const started = performance.now();
    const result = await runTuning(spec, {
      dataDir,
      force: true,
      ...(executor ? { executor } : {}),
    });
    const phases = result.phases
      .filter((p) => p.phase_key !== 'TOTAL')
      .map((p) => `${p.phase_key.slice(0, 2)} ${p.elapsed_s.toFixed(1)}`)
      .join(', ');
    const wallS = (performance.now() - started) / 1000;
    return `${wallS.toFixed(1)} s wall (phases ${phases}; load average ${loadavg()[0]?.toFixed(1)})`;
  };
  console.log("\nthe demo's forecasted tuning run (5,000 queries a day, 20 scenarios)");
  console.log(`  local worker threads (${availableParallelism()}):      ${await tune()}`);
  for (const processes of [1, 2]) {
    const workers = await startWorkers(redis.url, processes);
    const executor = await RedisExecutor.connect({ url: redis.url });
    try {
      const wall = await tune(executor.evaluateBatch);
      const x = executor.traffic;
      console.log(
        `  Redis, ${processes} worker process${processes > 1 ? 'es' : ''}:      ${wall}; ${x.jobs} jobs`,
      );
      if (processes === 1)
        console.log(
          `    travelled: inputs ${kib(x.inputBytes)} (once), jobs ${kib(x.jobBytes)} (${kib(x.jobBytes / x.jobs)} each), run directories back ${kib(x.resultBytes)}`,
        );
    } finally {
      await executor.close();
      await stopWorkers(workers);
    }
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
  await redis.stop();
}
