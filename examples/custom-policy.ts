// # Compare your own routing and autoscaling policies with the built-in ones
//
// Two user-written policies, through the public interfaces of @autoslo/core:
//
// - an AUTOSCALING policy, "capacity plan": from yesterday's arrivals, hour by hour, it knows
//   the hours busier than 1.5x the average; while such an hour is near (or on) it keeps one
//   extra 32-RPU cluster, and idle clusters go by the config's idle rule. It is registered as
//   `custom:capacity_plan` and named in the config like a built-in.
// - a ROUTING policy, "fastest": the READY cluster with the lowest predicted latency for the
//   arriving query (Algorithm 1's scores, ignoring cost), injected directly into `simulate`.
//
// Both are compared on the target day with a static pool, the untuned AutoSLO autoscaler and
// two peer systems' rules, all in the simulator.
//
//   pnpm --filter @autoslo/examples exec tsx custom-policy.ts

import { join } from 'node:path';
import { type ExecutionConfig, loadExecutionConfig, workloadId } from '@autoslo/config';
import {
  type AutoscalerAction,
  type AutoscalingPolicyFactory,
  idleTeardowns,
  type RoutingPolicyFactory,
  registerAutoscalingPolicy,
} from '@autoslo/core';
import { type SimulateOptions, simulate } from '@autoslo/simulator';
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
const EXTRA_RPU = 32;

// ## Our autoscaling policy: a capacity plan from yesterday's busy hours
/** Hours of the day (0-23) with more than 1.5x the average arrivals. */
function busyHours(history: Trace): number[] {
  const first = history.absStartMs[0] ?? 0;
  const dayStart = first - (first % (24 * HOUR_MS));
  const perHour = new Array<number>(24).fill(0);
  for (const t of history.absStartMs) {
    const h = Math.floor((t - dayStart) / HOUR_MS);
    perHour[h] = (perHour[h] ?? 0) + 1;
  }
  const mean = history.length / 24;
  return perHour.flatMap((count, hour) => (count > 1.5 * mean ? [hour] : []));
}

function capacityPlan(hours: readonly number[], rescaleFactor: number): AutoscalingPolicyFactory {
  const hourS = 3600 * rescaleFactor; // one hour of the day in (rescaled) run time
  return (ctx) => {
    const leadS = ctx.spinUpDelayS + 60; // ready a minute before the hour starts
    const planned = (now: number) =>
      hours.some((h) => now >= h * hourS - leadS && now < (h + 1) * hourS);
    return {
      name: 'custom:capacity_plan',
      decide: ({ now, ready, canSpinUp }) => {
        const actions: AutoscalerAction[] = [];
        if (planned(now)) {
          // One extra cluster while a busy hour is near; `canSpinUp` is false while one is
          // being provisioned, so this asks once.
          if (canSpinUp && ready.length < 2)
            actions.push({ kind: 'spin_up', rpu: EXTRA_RPU, deferredTeardowns: [] });
        } else {
          idleTeardowns(now, ready, ctx.settings, ctx.sink, actions);
        }
        return actions;
      },
    };
  };
}

// ## Our routing policy: the lowest predicted latency, whatever it costs
const fastest: RoutingPolicyFactory = () => ({
  name: 'fastest',
  choose: (request) => {
    const scores = request.scores();
    let best = 0;
    scores.forEach((s, i) => {
      if (s.latencyS < (scores[best]?.latencyS ?? Number.POSITIVE_INFINITY)) best = i;
    });
    return best;
  },
});

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
const hours = busyHours(sliceToDate(trace, HISTORY_DATE));
// Registered before configs name it; evaluateBatch's worker threads would instead import a
// module that does this (`policyModules`).
registerAutoscalingPolicy('custom:capacity_plan', capacityPlan(hours, RESCALE));

// ## Methods: built-in autoscaling policies, a static pool, and ours
const params = { TARGET_DATE, KAPPA: 4 };
const withPolicy = async (policy: string): Promise<ExecutionConfig> =>
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
const plan = await withPolicy('custom:capacity_plan');
const methods: [string, ExecutionConfig, Partial<SimulateOptions>][] = [
  ['Single 64 (static)', staticPool, {}],
  ['AutoSLO autoscaler', await withPolicy('add_single_best_forward'), {}],
  ['Snowflake standard', await withPolicy('snowflake_standard'), {}],
  ['Redshift queue time', await withPolicy('redshift_queue_time'), {}],
  ['Capacity plan (ours)', plan, {}],
  ['Plan + fastest (ours)', plan, { routingPolicy: fastest }],
];

console.log(`capacity plan: busy hours ${hours.join(', ')} get one extra ${EXTRA_RPU}-RPU cluster`);
console.log('method                 violation_rate  cost_usd');
for (const [label, config, options] of methods) {
  const { summary } = await simulate(config, workload, { dataDir, ...options });
  console.log(
    `${label.padEnd(21)}  ${summary.violation_rate.toFixed(4).padStart(14)}  ${summary.total_cost.toFixed(2).padStart(8)}`,
  );
}
