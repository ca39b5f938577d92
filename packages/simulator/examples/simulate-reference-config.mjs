// Simulates the reference's main evaluation config on a generated diurnal day, then the
// same config with two more settings on a pool of worker threads.
// Run from the repository root after `pnpm build`:
//   node packages/simulator/examples/simulate-reference-config.mjs
import { loadExecutionConfig } from '@autoslo/config';
import { evaluateBatch, simulate } from '@autoslo/simulator';
import { generateDiurnal, relativeStartTimes, sliceToDate } from '@autoslo/workload';

const dataDir = 'reference-data/autoslo/data';
const day = '2024-05-27';
const generated = generateDiurnal({ startDate: '2024-05-26', days: 3, seed: 7 });
const trace = sliceToDate(generated.trace, day);
const workload = {
  id: `${generated.name}__${day}__rf0.167`,
  name: generated.name,
  trace,
  relStartS: relativeStartTimes(trace, 1 / 6),
};

const load = (kappa) =>
  loadExecutionConfig('exec:handmade/main_eval_base_v8', {
    dataDir,
    params: { TARGET_DATE: day, KAPPA: kappa },
  }).then((l) => l.value);

const one = await simulate(await load(4), workload, { dataDir });
console.log('kappa 4:', one.summary);

const grid = await evaluateBatch({
  configs: [await load(2), await load(4)],
  workloads: [workload],
  dataDir,
});
console.log(
  'kappa 2 and 4, [config][workload]:',
  grid.map((row) => row.map((s) => s.violation_rate)),
);
