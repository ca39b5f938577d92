/** A small data directory for pipeline tests: a 10-day diurnal workload, one SLO table, small configs. */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ExecutionConfig,
  loadExecutionConfig,
  loadTunerConfig,
  type TunerConfig,
} from '@autoslo/config';
import { generateDiurnal, writeWorkloadParquet } from '@autoslo/workload';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');

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

export const params = { TARGET_DATE: '2024-04-10', LAST_DAY: '2024-04-09', SLO_THRESHOLD: 0.1 };

export interface MiniDataDir {
  readonly dataDir: string;
  readonly initial: ExecutionConfig;
  readonly tuner: TunerConfig;
}

export async function makeMiniDataDir(): Promise<MiniDataDir> {
  const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-tune-'));
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
  const initial = (await loadExecutionConfig(join(dataDir, 'exec.yml'), { dataDir, params })).value;
  const tuner = (await loadTunerConfig(join(dataDir, 'tuner.yml'), { dataDir, params })).value;
  return { dataDir, initial, tuner };
}
