/**
 * Phase 02: the tuner's scenario workloads. Ground-truth mode (no forecaster) uses the real
 * target day as the single train and validation scenario; forecast mode draws
 * `floor(num_scenarios x train_fraction)` training and the rest validation scenarios from the
 * reservoir, with seeds `seed + i`. Each is written as `02_workloads/<set>/<name>.parquet`,
 * named in configs by a `workload_dir` relative to the data directory.
 */
import { join, relative } from 'node:path';
import {
  type ExecutionConfig,
  InputError,
  type TunerConfig,
  type WorkloadConfig,
  workloadId,
} from '@autoslo/config';
import {
  buildReservoir,
  type ForecasterSettings,
  forecastScenarios,
  type LoadedWorkload,
  loadWorkload,
  readWorkloadFile,
  relativeStartTimes,
  resolveWorkloadFile,
  type Trace,
  writeWorkloadParquet,
} from '@autoslo/workload';

/** One scenario: how configs name it, and its loaded workload. */
export interface Scenario {
  readonly name: string;
  readonly workloadConfig: WorkloadConfig;
  readonly workload: LoadedWorkload;
}

export interface ScenarioSets {
  readonly train: readonly Scenario[];
  readonly val: readonly Scenario[];
  readonly mode: 'ground_truth' | 'forecast';
}

function scenarioOf(name: string, dir: string, trace: Trace, base: WorkloadConfig): Scenario {
  const workloadConfig: WorkloadConfig = {
    workload_name: name,
    workload_dir: dir,
    target_date: base.target_date,
    rescale_factor: base.rescale_factor,
  };
  return {
    name,
    workloadConfig,
    workload: {
      id: workloadId(workloadConfig),
      name,
      trace,
      relStartS: relativeStartTimes(trace, base.rescale_factor),
    },
  };
}

/**
 * Builds and writes the scenario sets of one tuning run into `phaseDir`.
 * @throws InputError when the history or the target day is missing.
 */
export async function prepareScenarios(
  initial: ExecutionConfig,
  tuner: TunerConfig,
  options: { readonly dataDir: string; readonly phaseDir: string },
): Promise<ScenarioSets> {
  const sampling = tuner.sampling_config;
  const forecaster = sampling.forecaster_config;
  const base = initial.workload_config;
  // Relative to the data dir: the scratch configs that name them are the same wherever it is.
  const trainDir = relative(options.dataDir, join(options.phaseDir, 'train'));
  const valDir = relative(options.dataDir, join(options.phaseDir, 'val'));
  let train: Scenario[];
  let val: Scenario[];
  let mode: ScenarioSets['mode'];
  if (forecaster === null || forecaster.forecast_policy_name === 'ground_truth') {
    const actual = await loadWorkload(base, { dataDir: options.dataDir });
    train = [scenarioOf('t_0', trainDir, actual.trace, base)];
    val = [scenarioOf('v_0', valDir, actual.trace, base)];
    mode = 'ground_truth';
  } else {
    const reservoirConfig = forecaster.reservoir_config;
    if (reservoirConfig === null) {
      throw new InputError({
        path: 'sampling_config.forecaster_config.reservoir_config',
        message: 'the forecaster needs a history workload',
      });
    }
    if (!base.target_date) {
      throw new InputError({
        path: 'workload_config.target_date',
        message: 'forecasting needs the target day to forecast',
      });
    }
    const file = await resolveWorkloadFile(
      { workload_name: reservoirConfig.workload_name, workload_dir: reservoirConfig.workload_dir },
      options.dataDir,
    );
    const reservoir = buildReservoir(await readWorkloadFile(file), reservoirConfig);
    const nTrain = Math.floor(sampling.num_scenarios * sampling.train_fraction);
    const nVal = sampling.num_scenarios - nTrain;
    const settings: ForecasterSettings = forecaster;
    const date = base.target_date;
    train = forecastScenarios(reservoir, settings, date, {
      prefix: 't',
      count: nTrain,
      firstSeed: sampling.seed,
    }).map((s) => scenarioOf(s.name, trainDir, s.trace, base));
    val = forecastScenarios(reservoir, settings, date, {
      prefix: 'v',
      count: nVal,
      firstSeed: sampling.seed + nTrain,
    }).map((s) => scenarioOf(s.name, valDir, s.trace, base));
    mode = 'forecast';
  }
  for (const s of [...train, ...val]) {
    await writeWorkloadParquet(
      join(options.dataDir, s.workloadConfig.workload_dir as string, `${s.name}.parquet`),
      s.workload.trace,
    );
  }
  return { train, val, mode };
}
