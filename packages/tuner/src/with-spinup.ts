import type { TunableConfig } from './types.js';

/**
 * A copy of `config` with one more cluster of `rpu`: at time 0 it joins `initial_rpus`
 * (kept sorted), later it becomes a scheduled spin-up (kept sorted by time).
 */
export function withSpinup<C extends TunableConfig>(config: C, relTimeS: number, rpu: number): C {
  const copy = structuredClone(config);
  if (relTimeS <= 0) {
    const rpus = [...copy.managed_cluster_pool_config.initial_rpus, rpu];
    copy.managed_cluster_pool_config.initial_rpus = rpus.sort((a, b) => a - b);
  } else {
    const spinups = [...(copy.scheduled_spinups ?? []), { rel_time_s: relTimeS, rpu }];
    copy.scheduled_spinups = spinups.sort((a, b) => a.rel_time_s - b.rel_time_s);
  }
  return copy;
}

/** Clusters the config starts or schedules: initial ones plus scheduled spin-ups. */
export function plannedClusterCount(config: TunableConfig): number {
  return (
    config.managed_cluster_pool_config.initial_rpus.length + (config.scheduled_spinups ?? []).length
  );
}
