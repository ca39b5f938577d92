import { access, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExecutionConfig, loadExecutionConfig, type TunerConfig } from '@autoslo/config';
import { SloObjective } from '@autoslo/core';
import {
  inProcessEvaluator,
  runTuning,
  type ScenarioSetEvaluator,
  type SweepResultsFile,
} from '../src/index.js';
import { makeMiniDataDir } from './mini-data-dir.js';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('runTuning on the simulator', () => {
  let dataDir: string;
  let initial: ExecutionConfig;
  let tuner: TunerConfig;

  beforeAll(async () => {
    ({ dataDir, initial, tuner } = await makeMiniDataDir());
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const objective = () => new SloObjective('binary', 0.1);
  const evaluatorFor = (sets: Parameters<typeof inProcessEvaluator>[0]) =>
    inProcessEvaluator(sets, { dataDir, objective: objective() });

  it('writes the reference layout and publishes the tuned config last; a killed run publishes nothing', async () => {
    // A run that dies in the spin-up phase (the third batch of simulations).
    let calls = 0;
    const dying = (
      sets: Parameters<typeof inProcessEvaluator>[0],
    ): ScenarioSetEvaluator<ExecutionConfig> => {
      const real = evaluatorFor(sets);
      return {
        scenarioCount: real.scenarioCount,
        evaluate: async (request) => {
          if (++calls === 3) throw new Error('killed');
          return real.evaluate(request);
        },
      };
    };
    await expect(
      runTuning(
        { name: 'mini_run', initialConfig: initial, tunerConfig: tuner },
        { dataDir, evaluatorFor: dying },
      ),
    ).rejects.toThrow('killed');
    const published = join(dataDir, 'execution_configs/tuned/mini_run.yml');
    expect(await exists(published)).toBe(false);
    const partial = await readFile(join(dataDir, 'tuner_runs/mini_run/timing_report.csv'), 'utf8');
    expect(partial).toMatch(/^03_baseline,Baseline,/m);
    expect(partial).toMatch(/^04_spinups,Spin-up scheduling,/m);

    // The rerun starts over and completes.
    const lines: string[] = [];
    const result = await runTuning(
      { name: 'mini_run', initialConfig: initial, tunerConfig: tuner },
      { dataDir, evaluatorFor, log: (l) => lines.push(l) },
    );
    expect(result.status).toBe('completed');
    expect(await exists(published)).toBe(true);
    const runDir = join(dataDir, 'tuner_runs/mini_run');
    expect((await readdir(join(runDir, '02_workloads/train'))).sort()).toEqual([
      't_0.parquet',
      't_1.parquet',
    ]);
    expect((await readdir(join(runDir, '02_workloads/val'))).sort()).toEqual([
      'v_0.parquet',
      'v_1.parquet',
    ]);
    for (const file of [
      'initial_execution_config.yml',
      'tuner_config.yml',
      'console.log',
      '03_baseline/train_summary.yml',
      '03_baseline/val_summary.yml',
      '04_spinups/best_config.yml',
      '04_spinups/best_val_summary.yml',
      '04_spinups/candidate_0/spinups/round_000/round_summary.yml',
      '04_spinups/candidate_1/spinups/final_config.yml',
      '05_autoscaling_param_sweep/sweep_results.json',
      '05_autoscaling_param_sweep/final_config.yml',
      '06_routing_param_sweep/sweep_results.json',
      '07_final/train_summary.yml',
      '07_final/val_summary.yml',
      'final_execution_config.yml',
    ]) {
      expect([file, await exists(join(runDir, file))]).toEqual([file, true]);
    }
    const sweep = JSON.parse(
      await readFile(join(runDir, '05_autoscaling_param_sweep/sweep_results.json'), 'utf8'),
    ) as SweepResultsFile;
    expect(sweep.grid_results).toHaveLength(4);
    expect(sweep.grid_results.filter((r) => r.val_cost_agg !== null)).toHaveLength(2);
    const timing = await readFile(join(runDir, 'timing_report.csv'), 'utf8');
    expect(timing.split('\n').map((l) => l.split(',')[0])).toEqual([
      'phase_key',
      '02_workloads',
      '03_baseline',
      '04_spinups',
      '05_autoscaling_param_sweep',
      '06_routing_param_sweep',
      '07_final',
      'TOTAL',
      '',
    ]);
    // The published config is the final one: the original workload, tuned pool and autoscaler.
    const tuned = (await loadExecutionConfig(published, { dataDir })).value;
    expect(tuned.workload_config.workload_name).toBe('mini');
    expect(tuned).toEqual(result.finalConfig);
    expect(lines.some((l) => l.startsWith('Initial vs final, validation'))).toBe(true);

    // Published: skipped without --force.
    const again = await runTuning(
      { name: 'mini_run', initialConfig: initial, tunerConfig: tuner },
      { dataDir, evaluatorFor },
    );
    expect(again.status).toBe('skipped');
    expect(again.phases.map((p) => p.phase_key)).toContain('04_spinups');
  });

  it('is deterministic: the same inputs give byte-identical sweep results and tuned configs', async () => {
    const a = await runTuning(
      { name: 'det_a', initialConfig: initial, tunerConfig: tuner },
      { dataDir, evaluatorFor },
    );
    const b = await runTuning(
      { name: 'det_b', initialConfig: initial, tunerConfig: tuner },
      { dataDir, evaluatorFor },
    );
    const read = (dir: string, file: string) => readFile(join(dir, file), 'utf8');
    for (const file of [
      '05_autoscaling_param_sweep/sweep_results.json',
      '04_spinups/candidate_0/spinups/round_000/round_summary.yml',
      '07_final/val_summary.yml',
      'final_execution_config.yml',
    ]) {
      expect(await read(b.runDir, file)).toBe(await read(a.runDir, file));
    }
    expect(await readFile(b.publishedPath, 'utf8')).toBe(await readFile(a.publishedPath, 'utf8'));
  });

  it('ground-truth mode uses the real target day as the one train and validation scenario', async () => {
    const oracle = {
      ...tuner,
      sampling_config: { ...tuner.sampling_config, num_scenarios: 1, forecaster_config: null },
    };
    const result = await runTuning(
      { name: 'mini_oracle', initialConfig: initial, tunerConfig: oracle },
      { dataDir, evaluatorFor },
    );
    expect(result.status).toBe('completed');
    const runDir = join(dataDir, 'tuner_runs/mini_oracle');
    expect(await readdir(join(runDir, '02_workloads/train'))).toEqual(['t_0.parquet']);
    expect(await readdir(join(runDir, '02_workloads/val'))).toEqual(['v_0.parquet']);
    expect(result.initialTrain?.violation_rate).toBe(result.initialVal?.violation_rate);
  });
});
