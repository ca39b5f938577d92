import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@autoslo/config';
import { planTuningRuns } from '../src/index.js';

const referenceData = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../reference-data/autoslo/data',
);

describe('planTuningRuns', () => {
  it('loads every run of the reference main_eval_v8 manifest with its configs', async () => {
    const runs = await planTuningRuns({ manifest: 'main_eval_v8' }, { dataDir: referenceData });
    // 2 dates x 2 kappas x 2 thresholds x (month, week, day, oracle).
    expect(runs).toHaveLength(32);
    const month = runs.find((r) => r.spec.name === 'may27_1month_k4_thresh10_nocache_v8');
    expect(month?.params).toMatchObject({ TARGET_DATE: '2024-05-27', KAPPA: 4, NUM_DAYS: 30 });
    expect(
      month?.spec.tunerConfig.sampling_config.forecaster_config?.reservoir_config,
    ).toMatchObject({
      workload_name: 'redbench_provisioned_157_0',
      last_day_date_inclusive: '2024-05-26',
      num_days: 30,
    });
    expect(month?.spec.tunerConfig.slo_objective_config.slo_threshold).toBe(0.1);
    expect(month?.spec.initialConfig.slo_resolver_config.slo_dict_filename).toBe(
      '1778469201294_p100_k4.yml',
    );
    const oracle = runs.find((r) => r.spec.name === 'april15_oracle_k2_thresh5_nocache_v8');
    expect(oracle?.spec.tunerConfig.sampling_config.forecaster_config).toBeNull();
    expect(oracle?.spec.initialConfig.workload_config.target_date).toBe('2024-04-15');
    expect(runs.every((r) => !r.published)).toBe(true);
  });

  it('names a single run from the config stems and the sorted params', async () => {
    const [run] = await planTuningRuns(
      {
        initialExecutionConfig: 'exec:handmade/main_eval_base_v8',
        tunerConfig: 'tuner:oracle_v8',
        params: { TARGET_DATE: '2024-05-27', SLO_THRESHOLD: '0.1', KAPPA: '4' },
      },
      { dataDir: referenceData },
    );
    expect(run?.spec.name).toBe(
      'main_eval_base_v8__oracle_v8__KAPPA=4__SLO_THRESHOLD=0.1__TARGET_DATE=2024-05-27',
    );
  });

  it('reports a missing placeholder and a wrong flag mix as input errors', async () => {
    await expect(
      planTuningRuns(
        {
          initialExecutionConfig: 'exec:handmade/main_eval_base_v8',
          tunerConfig: 'tuner:oracle_v8',
          params: { KAPPA: '4' },
        },
        { dataDir: referenceData },
      ),
    ).rejects.toThrow(/TARGET_DATE/);
    await expect(
      planTuningRuns(
        { manifest: 'main_eval_v8', tunerConfig: 'tuner:oracle_v8' },
        { dataDir: referenceData },
      ),
    ).rejects.toThrow(InputError);
    await expect(
      planTuningRuns({ tunerConfig: 'tuner:oracle_v8' }, { dataDir: referenceData }),
    ).rejects.toThrow(/both an initial execution config and a tuner config/);
  });
});
