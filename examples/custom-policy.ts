// # Compare your own scaling policy with the built-in ones
//
// A "capacity plan" policy: look at yesterday's arrivals hour by hour and schedule an extra
// 32-RPU cluster ahead of every hour that was busier than 1.5x the average. It plugs into
// the control plane through `scheduled_spinups` (the same field the tuner's spin-up
// optimizer fills). We compare it, on the target day, with a static pool, the untuned
// AutoSLO autoscaler and two peer systems' rules, all in the simulator.
//
//   pnpm --filter @autoslo/examples exec tsx custom-policy.ts

import { join } from 'node:path';
import {
  type AutoscalingPolicyName,
  type ExecutionConfig,
  loadExecutionConfig,
  type ScheduledSpinup,
  workloadId,
} from '@autoslo/config';
import { simulate } from '@autoslo/simulator';
import {
  generateDiurnal,
  type LoadedWorkload,
  relativeStartTimes,
  sliceToDate,
  type Trace,
} from '@autoslo/workload';

const dataDir = join(import.meta.dirname, '..', 'data');
const TARGET_DATE = '2024-05-27';
const HISTORY_DATE = '2024-05-26';
const RESCALE = 0.16666667;
const HOUR_MS = 3_600_000;

/** A spin-up policy: what to start when, decided before the day from the history. */
type SpinupPolicy = (history: Trace, rescaleFactor: number) => ScheduledSpinup[];

const capacityPlan: SpinupPolicy = (history, rescaleFactor) => {
  const first = history.absStartMs[0] ?? 0;
  const dayStart = first - (first % (24 * HOUR_MS));
  const perHour = new Array<number>(24).fill(0);
  for (const t of history.absStartMs) {
    const h = Math.floor((t - dayStart) / HOUR_MS);
    perHour[h] = (perHour[h] ?? 0) + 1;
  }
  const mean = history.length / 24;
  const leadS = 360; // provisioning takes 300 s
  return perHour.flatMap((count, hour) =>
    count > 1.5 * mean
      ? [{ rel_time_s: Math.max(0, hour * 3600 * rescaleFactor - leadS), rpu: 32 }]
      : [],
  );
};

// ## Workload: history (the day before) decides, the target day is replayed
const { trace } = generateDiurnal({ seed: 42 });
const day = sliceToDate(trace, TARGET_DATE);
const workload: LoadedWorkload = {
  id: workloadId({
    workload_name: 'demo_diurnal',
    target_date: TARGET_DATE,
    rescale_factor: RESCALE,
  }),
  name: 'demo_diurnal',
  trace: day,
  relStartS: relativeStartTimes(day, RESCALE),
};
const spinups = capacityPlan(sliceToDate(trace, HISTORY_DATE), RESCALE);

// ## Methods: built-in autoscaling policies, a static pool, and ours
const params = { TARGET_DATE, KAPPA: 4 };
const withPolicy = async (policy: AutoscalingPolicyName): Promise<ExecutionConfig> =>
  (
    await loadExecutionConfig('exec:handmade/demo_autoslo_base', {
      dataDir,
      params,
      overrides: { 'autoscaler_config.autoscaling_policy': policy },
    })
  ).value;
const staticPool = (
  await loadExecutionConfig('exec:handmade/demo_static', {
    dataDir,
    params: { ...params, INITIAL_RPU: [64] },
  })
).value;
const base = await withPolicy('noop');
const methods: [string, ExecutionConfig][] = [
  ['Single 64 (static)', staticPool],
  ['AutoSLO autoscaler', await withPolicy('add_single_best_forward')],
  ['Snowflake standard', await withPolicy('snowflake_standard')],
  ['Redshift queue time', await withPolicy('redshift_queue_time')],
  ['Capacity plan (ours)', { ...base, scheduled_spinups: spinups }],
];

console.log(`capacity plan: ${spinups.length} scheduled spin-ups of 32 RPU`);
console.log('method                violation_rate  cost_usd');
for (const [label, config] of methods) {
  const { summary } = await simulate(config, workload, { dataDir });
  console.log(
    `${label.padEnd(20)}  ${summary.violation_rate.toFixed(4).padStart(14)}  ${summary.total_cost.toFixed(2).padStart(8)}`,
  );
}
