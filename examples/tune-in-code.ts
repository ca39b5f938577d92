// # Tune an execution config in code
//
// Start from the demo's untuned AutoSLO config, shrink the demo's oracle tuner config to a
// small search, run the policy tuner in a scratch data directory, and print what it chose.
//
//   pnpm --filter @autoslo/examples exec tsx tune-in-code.ts

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExecutionConfig, loadTunerConfig } from '@autoslo/config';
import { type AggregatedResults, runTuning } from '@autoslo/tuner';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';

const bundled = join(import.meta.dirname, '..', 'data');
const params = { TARGET_DATE: '2024-05-27', KAPPA: 4, SLO_THRESHOLD: 0.1 };

// ## A scratch data directory: the bundled SLO tables and a lighter demo workload
const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-example-tune-'));
await cp(join(bundled, 'slos'), join(dataDir, 'slos'), { recursive: true });
const { trace } = generateDiurnal({ seed: 42, queriesPerDay: 400 });
await writeWorkloadParquet(join(dataDir, 'workloads', 'demo_diurnal.parquet'), trace);

// ## The two configs, loaded (and validated) from the bundled files
const initial = await loadExecutionConfig('exec:handmade/demo_autoslo_base', {
  dataDir: bundled,
  params,
});
const tuner = await loadTunerConfig('tuner:demo_oracle', { dataDir: bundled, params });

// A small search: two spin-up rounds and a 4-point autoscaler sweep instead of 64.
const tunerConfig = {
  ...tuner.value,
  spinup_optimizer_config: { ...tuner.value.spinup_optimizer_config, max_spinups: 2 },
  autoscaling_param_sweep: {
    param_sweep_config: {
      ...tuner.value.autoscaling_param_sweep.param_sweep_config,
      params: {
        'autoscaler_config.min_cluster_lifetime_s': [1200.0, 3600.0],
        'autoscaler_config.idle_time_before_tear_down_s': [600.0, 1200.0],
      },
    },
  },
};

// ## Tune
const result = await runTuning(
  { name: 'example_oracle', initialConfig: initial.value, tunerConfig },
  { dataDir, threads: 1 },
);

const row = (label: string, r: AggregatedResults | undefined) =>
  `${label.padEnd(8)} ${(r?.violation_rate ?? Number.NaN).toFixed(4).padStart(14)} ${(r?.cost ?? Number.NaN).toFixed(2).padStart(9)}`;
console.log('         violation_rate  cost_usd');
console.log(row('initial', result.initialVal));
console.log(row('tuned', result.finalVal));

const tuned = result.finalConfig;
if (tuned) {
  console.log(`initial_rpus: ${JSON.stringify(tuned.managed_cluster_pool_config.initial_rpus)}`);
  const spinups = tuned.scheduled_spinups.map(
    (s) => `${s.rpu} RPU at ${s.rel_time_s.toFixed(0)} s`,
  );
  console.log(`scheduled_spinups: ${spinups.length > 0 ? spinups.join(', ') : 'none'}`);
  console.log(`min_cluster_lifetime_s: ${tuned.autoscaler_config.min_cluster_lifetime_s}`);
  console.log(
    `idle_time_before_tear_down_s: ${tuned.autoscaler_config.idle_time_before_tear_down_s}`,
  );
}
console.log(`tuned config written to ${result.publishedPath.replace(dataDir, '<scratch>')}`);
await rm(dataDir, { recursive: true, force: true });
