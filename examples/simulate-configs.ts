// # Simulate execution configs in code
//
// Load the demo's configs from the bundled data directory, generate the demo workload in
// memory, replay its target day through the simulator, and print one row per config.
//
//   pnpm --filter @autoslo/examples exec tsx simulate-configs.ts

import { join } from 'node:path';
import { loadExecutionConfig, type Params, workloadId } from '@autoslo/config';
import { simulate } from '@autoslo/simulator';
import { generateDiurnal, relativeStartTimes, sliceToDate } from '@autoslo/workload';

const dataDir = join(import.meta.dirname, '..', 'data');
const TARGET_DATE = '2024-05-27';
const RESCALE = 0.16666667; // a 24 h day replayed in 4 h, as the reference did

// ## The workload: 60 seeded days, of which we replay one
// The demo's options (apps/cli/src/demo/demo-workload.ts): 5,000 queries a weekday, a tenth of
// them from scheduled jobs.
const { trace } = generateDiurnal({ seed: 42, queriesPerDay: 5000, scheduledFraction: 0.1 });
const day = sliceToDate(trace, TARGET_DATE);
const workload = {
  id: workloadId({
    workload_name: 'demo_diurnal',
    target_date: TARGET_DATE,
    rescale_factor: RESCALE,
  }),
  name: 'demo_diurnal',
  trace: day,
  relStartS: relativeStartTimes(day, RESCALE),
};

// ## The configs: the same files and params as `manifests/execution/demo.yml`
const candidates: { label: string; ref: string; params: Params }[] = [
  { label: 'Single 64', ref: 'exec:handmade/demo_static', params: { INITIAL_RPU: [64] } },
  {
    label: 'Round Robin 32+32',
    ref: 'exec:handmade/demo_static',
    params: { INITIAL_RPU: [32, 32] },
  },
  { label: 'AutoSLO (untuned)', ref: 'exec:handmade/demo_autoslo_base', params: {} },
];

// ## Simulate each one and print the table
console.log(`${workload.id}: ${day.length} queries`);
console.log('config              violation_rate  cost_usd  clusters_used');
for (const { label, ref, params } of candidates) {
  const config = await loadExecutionConfig(ref, {
    dataDir,
    params: { TARGET_DATE, KAPPA: 4, ...params },
  });
  const outcome = await simulate(config.value, workload, { dataDir });
  const clusters = [...outcome.controlPlane.pool.all()].length;
  console.log(
    `${label.padEnd(18)}  ${outcome.summary.violation_rate.toFixed(4).padStart(14)}  ${outcome.summary.total_cost.toFixed(2).padStart(8)}  ${String(clusters).padStart(13)}`,
  );
}
