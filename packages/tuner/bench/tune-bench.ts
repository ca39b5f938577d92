/**
 * `pnpm bench` in packages/tuner: wall time of a full forecasted tuning run (20 scenarios,
 * the spin-up optimizer, the 64-point autoscaler grid) on one day of about 1,400 queries (the
 * generator's defaults), then on the demo's workload (5,287 queries on 2024-05-27). Then the headline check, which fails the bench (exit 1) when it does not
 * hold: the tuned config replayed on the real day meets the 0.10 threshold and costs at least
 * 20% less than the cheapest static baseline that meets it.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExecutionConfig, loadTunerConfig } from '@autoslo/config';
import { evaluateBatch } from '@autoslo/simulator';
import {
  type DiurnalOptions,
  generateDiurnal,
  loadWorkload,
  writeWorkloadParquet,
} from '@autoslo/workload';
import { runTuning } from '../src/index.js';

// Figures depend on the Node version (V8), so every run says which one it measured.
console.log(
  `node ${process.version} (${process.platform}-${process.arch}, ${availableParallelism()} cpus)`,
);

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-tune-bench-'));
try {
  for (const sub of ['slos', 'execution_configs/handmade', 'tuner_configs']) {
    await cp(join(repo, 'data', sub), join(dataDir, sub), { recursive: true });
  }
  const params = {
    TARGET_DATE: '2024-05-27',
    KAPPA: 4,
    SLO_THRESHOLD: 0.1,
    LAST_DAY_DATE_INCLUSIVE: '2024-05-26',
    NUM_DAYS: 30,
  };
  const initial = await loadExecutionConfig('exec:handmade/demo_autoslo_base', { dataDir, params });
  const tuner = await loadTunerConfig('tuner:demo_forecasted', { dataDir, params });

  /** Writes a 60-day diurnal history as `demo_diurnal`, then times one full forecasted tune. */
  async function timeTuning(what: string, options: DiurnalOptions) {
    const { trace } = generateDiurnal({ startDate: '2024-04-01', days: 60, seed: 42, ...options });
    await writeWorkloadParquet(join(dataDir, 'workloads/demo_diurnal.parquet'), trace);
    const day = await loadWorkload(initial.value.workload_config, { dataDir });
    console.log(
      `${what}: ${day.trace.length} queries on 2024-05-27; ${availableParallelism()} cores`,
    );
    const started = performance.now();
    const result = await runTuning(
      {
        name: 'bench_may27_1month_k4_thresh10',
        initialConfig: initial.value,
        tunerConfig: tuner.value,
      },
      { dataDir, force: true },
    );
    const wallS = (performance.now() - started) / 1000;
    for (const p of result.phases)
      console.log(`  ${p.phase_key.padEnd(28)} ${p.elapsed_s.toFixed(2)} s`);
    console.log(
      `full forecasted tuning run: ${wallS.toFixed(2)} s wall (target < 30 s on 2 cores)`,
    );
    return { result, day };
  }

  // The reference size: the generator's defaults, about 1,400 queries a weekday.
  await timeTuning('about 1,400 queries a day', {});
  // The demo's workload: DEMO_WORKLOAD_OPTIONS in apps/cli/src/demo/demo-workload.ts.
  const { result, day } = await timeTuning('the demo workload', {
    queriesPerDay: 5000,
    scheduledFraction: 0.1,
    burstsPerDay: 3,
    variantsPerTemplate: 3,
    dayToDaySigma: 0.08,
  });

  // Headline: the tuned config on the real day vs the demo's static baselines.
  const staticPools: Record<string, number[]> = {
    'Single 16': [16],
    'Single 32': [32],
    'Single 64': [64],
    'Round Robin 16+16': [16, 16],
    'Round Robin 32+32': [32, 32],
  };
  const statics = await Promise.all(
    Object.values(staticPools).map(
      async (rpus) =>
        (
          await loadExecutionConfig('exec:handmade/demo_static', {
            dataDir,
            params: { ...params, INITIAL_RPU: rpus },
          })
        ).value,
    ),
  );
  const configs = [result.finalConfig ?? initial.value, ...statics];
  const rows = (await evaluateBatch({ configs, workloads: [day], dataDir })).map((row) => row[0]);
  const labels = ['tuned (30-day history)', ...Object.keys(staticPools)];
  for (const [i, s] of rows.entries()) {
    console.log(
      `  ${(labels[i] ?? '').padEnd(22)} violation ${s?.violation_rate.toFixed(4)}  cost $${s?.total_cost.toFixed(2)}`,
    );
  }
  const [tuned, ...staticRows] = rows;
  let baseline: { label: string; cost: number } | null = null;
  for (const [i, s] of staticRows.entries()) {
    if (s && s.violation_rate <= 0.1 && (!baseline || s.total_cost < baseline.cost)) {
      baseline = { label: labels[i + 1] ?? '', cost: s.total_cost };
    }
  }
  const saving = tuned && baseline ? 1 - tuned.total_cost / baseline.cost : Number.NaN;
  if (tuned && tuned.violation_rate <= 0.1 && baseline && saving >= 0.2) {
    console.log(
      `headline: tuned meets 0.10 and costs ${(100 * saving).toFixed(1)}% less than ${baseline.label}, the cheapest static baseline that meets it`,
    );
  } else {
    console.log(
      `headline: NOT met (tuned violation ${tuned?.violation_rate.toFixed(4)}, saving against ${baseline?.label ?? 'no feasible static'}: ${(100 * saving).toFixed(1)}%, need >= 20%)`,
    );
    process.exitCode = 1;
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
