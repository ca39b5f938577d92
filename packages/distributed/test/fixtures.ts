/** A small data dir for the distributed tests: one SLO table, one config, two small days. */
import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExecutionConfig, loadExecutionConfig } from '@autoslo/config';
import type { SimulationWorkload } from '@autoslo/simulator';
import { generateDiurnal, relativeStartTimes, sliceToDate } from '@autoslo/workload';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SLO_TABLE = '1778469201294_p100_k4.yml';

const EXEC = `
workload_config: { workload_name: mini, target_date: "2024-04-02", rescale_factor: 0.16666667 }
slo_resolver_config: { slo_s: 30.0, slo_dict_filename: "${SLO_TABLE}", slo_tightening_factor: 0.5 }
slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
provisioner_config: { aws_config_path: data/config/aws.yml, spin_up_delay_s: 300.0 }
managed_cluster_pool_config: { max_clusters: 6, initial_rpus: [16] }
scheduled_spinups: []
query_router_config: { routing_policy_name: use_iconq_model }
autoscaler_config:
  allowed_rpu_sizes: [16, 32]
  autoscaling_policy: add_single_best_forward
  autoscaling_trigger_policy: combined_violations
  min_cluster_lifetime_s: 1200.0
  idle_time_before_tear_down_s: 1200.0
  min_observations_to_act: 16
  observation_window_s: 300.0
  min_finished_queries_in_counterfactual: 16
  trigger_slo_objective_config: { slo_metric: binary, slo_threshold: 0 }
`;

export interface Fixture {
  readonly dataDir: string;
  readonly configs: ExecutionConfig[];
  readonly workloads: SimulationWorkload[];
}

export async function makeFixture(): Promise<Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'autoslo-dist-'));
  await mkdir(join(dataDir, 'slos'), { recursive: true });
  await copyFile(join(repo, 'data/slos', SLO_TABLE), join(dataDir, 'slos', SLO_TABLE));
  await writeFile(join(dataDir, 'exec.yml'), EXEC);
  const base = (await loadExecutionConfig(join(dataDir, 'exec.yml'), { dataDir })).value;
  const configs = [16, 32].map((rpu) => ({
    ...base,
    managed_cluster_pool_config: { ...base.managed_cluster_pool_config, initial_rpus: [rpu] },
  }));
  const { trace } = generateDiurnal({
    startDate: '2024-04-01',
    days: 3,
    queriesPerDay: 300,
    seed: 5,
  });
  const workloads = ['2024-04-02', '2024-04-03'].map((date) => {
    const day = sliceToDate(trace, date);
    return {
      id: `mini__${date}`,
      name: 'mini',
      trace: day,
      relStartS: relativeStartTimes(day, 1 / 6),
    };
  });
  return { dataDir, configs, workloads };
}

/** Every file below `dir`, by relative path, with its bytes. */
export async function treeOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (sub: string) => {
    for (const name of (await readdir(join(dir, sub))).sort()) {
      const rel = sub ? join(sub, name) : name;
      if ((await stat(join(dir, rel))).isDirectory()) await walk(rel);
      else out.set(rel, await readFile(join(dir, rel)));
    }
  };
  await walk('');
  return out;
}
