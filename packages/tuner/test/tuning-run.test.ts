import {
  access,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExecutionConfig, loadExecutionConfig, loadTunerConfig } from '@autoslo/config';
import { SloObjective } from '@autoslo/core';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';
import {
  inProcessEvaluator,
  runTuning,
  type ScenarioSetEvaluator,
  type SweepResultsFile,
} from '../src/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const EXEC = `
workload_config:
  workload_name: mini
  target_date: "<TARGET_DATE>"
  rescale_factor: 0.16666667
slo_resolver_config:
  slo_s: 30.0
  slo_dict_filename: "1778469201294_p100_k4.yml"
  slo_tightening_factor: 0.5
slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
provisioner_config: { aws_config_path: data/config/aws.yml, spin_up_delay_s: 300.0 }
managed_cluster_pool_config: { max_clusters: 10, initial_rpus: [16] }
scheduled_spinups: []
query_router_config: { routing_policy_name: use_iconq_model }
autoscaler_config:
  allowed_rpu_sizes: [16, 32]
  autoscaling_policy: add_single_best_forward
  autoscaling_trigger_policy: combined_violations
  min_cluster_lifetime_s: 1200.0
  idle_time_before_tear_down_s: 1200.0
  min_observations_to_act: 32
  observation_window_s: 300.0
  min_finished_queries_in_counterfactual: 32
  trigger_slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
`;

const TUNER = `
sampling_config:
  num_scenarios: 4
  seed: 42
  train_fraction: 0.5
  aggregation_method: p95
  forecaster_config:
    forecast_policy_name: seven_days_flat
    arrival_time_policy_name: interarrival_deciles
    reservoir_config: { workload_name: mini, last_day_date_inclusive: "<LAST_DAY>", num_days: 7 }
slo_objective_config: { slo_metric: binary, slo_threshold: <SLO_THRESHOLD> }
spinup_optimizer_config:
  max_spinups: 2
  allowed_rpu_sizes: [16, 32]
  max_attempts_per_round: 2
  initial_rpu_candidates: [[16], [32]]
autoscaling_param_sweep:
  param_sweep_config:
    strategy: grid
    val_top_k: 2
    params:
      "autoscaler_config.min_cluster_lifetime_s": [1200.0, 3600.0]
      "autoscaler_config.idle_time_before_tear_down_s": [600.0, 1200.0]
query_routing_param_sweep:
  param_sweep_config: { params: {} }
`;

const params = { TARGET_DATE: '2024-04-10', LAST_DAY: '2024-04-09', SLO_THRESHOLD: 0.1 };

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('runTuning on the simulator', () => {
  let dataDir: string;
  let initial: ExecutionConfig;
  let tuner: Awaited<ReturnType<typeof loadTunerConfig>>['value'];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autoslo-tune-'));
    await mkdir(join(dataDir, 'slos'), { recursive: true });
    await copyFile(
      join(repo, 'data/slos/1778469201294_p100_k4.yml'),
      join(dataDir, 'slos/1778469201294_p100_k4.yml'),
    );
    const { trace } = generateDiurnal({
      startDate: '2024-04-01',
      days: 10,
      queriesPerDay: 400,
      seed: 3,
    });
    await writeWorkloadParquet(join(dataDir, 'workloads/mini.parquet'), trace);
    await writeFile(join(dataDir, 'exec.yml'), EXEC);
    await writeFile(join(dataDir, 'tuner.yml'), TUNER);
    initial = (await loadExecutionConfig(join(dataDir, 'exec.yml'), { dataDir, params })).value;
    tuner = (await loadTunerConfig(join(dataDir, 'tuner.yml'), { dataDir, params })).value;
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
