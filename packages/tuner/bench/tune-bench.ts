/**
 * `pnpm bench` in packages/tuner: wall time of a full forecasted tuning run (20 scenarios,
 * the spin-up optimizer, the 64-point autoscaler grid) on one day of about 1,400 queries,
 * the demo's setting. Then the headline check: the tuned config replayed on the real day
 * against the static baselines.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExecutionConfig, loadTunerConfig } from '@autoslo/config';
import { evaluateBatch } from '@autoslo/simulator';
import { runTuning } from '@autoslo/tuner';
import { generateDiurnal, loadWorkload, writeWorkloadParquet } from '@autoslo/workload';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-tune-bench-'));
try {
  for (const sub of ['slos', 'execution_configs/handmade', 'tuner_configs']) {
    await cp(join(repo, 'data', sub), join(dataDir, sub), { recursive: true });
  }
  const { trace } = generateDiurnal({ startDate: '2024-04-01', days: 60, seed: 42 });
  await writeWorkloadParquet(join(dataDir, 'workloads/demo_diurnal.parquet'), trace);
  const params = {
    TARGET_DATE: '2024-05-27',
    KAPPA: 4,
    SLO_THRESHOLD: 0.1,
    LAST_DAY_DATE_INCLUSIVE: '2024-05-26',
    NUM_DAYS: 30,
  };
  const initial = await loadExecutionConfig('exec:handmade/demo_autoslo_base', { dataDir, params });
  const tuner = await loadTunerConfig('tuner:demo_forecasted', { dataDir, params });
  const day = await loadWorkload(initial.value.workload_config, { dataDir });
  console.log(
    `target day 2024-05-27: ${day.trace.length} queries; ${availableParallelism()} cores`,
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
  console.log(`full forecasted tuning run: ${wallS.toFixed(2)} s wall (target < 30 s on 2 cores)`);

  // Headline: the tuned config on the real day vs the static baselines Single 64 and Round Robin 32+32.
  const statics = await Promise.all(
    [[64], [32, 32]].map(
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
  const [tuned, single64, rr32] = (await evaluateBatch({ configs, workloads: [day], dataDir })).map(
    (row) => row[0],
  );
  const show = (label: string, s: typeof tuned) =>
    console.log(
      `  ${label.padEnd(22)} violation ${s?.violation_rate.toFixed(4)}  cost $${s?.total_cost.toFixed(2)}`,
    );
  show('tuned (30-day history)', tuned);
  show('Single 64', single64);
  show('Round Robin 32+32', rr32);
  const feasible = [single64, rr32].filter((s) => s !== undefined && s.violation_rate <= 0.1);
  const cheapest = Math.min(...feasible.map((s) => s?.total_cost ?? Number.POSITIVE_INFINITY));
  if (tuned && tuned.violation_rate <= 0.1 && Number.isFinite(cheapest)) {
    console.log(
      `headline: tuned meets 0.10 and costs ${(100 * (1 - tuned.total_cost / cheapest)).toFixed(1)}% less than the cheapest feasible static baseline`,
    );
  } else {
    console.log('headline: NOT met');
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
