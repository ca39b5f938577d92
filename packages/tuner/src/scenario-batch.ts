/** What both scenario evaluators (in this thread, on workers) do before and after simulating. */
import type { ExecutionConfig } from '@autoslo/config';
import { SloResolver } from '@autoslo/core';
import type { Scenario, ScenarioSets } from './scenario-sets.js';
import type { EvaluationRequest } from './types.js';

/** The config as simulated on one scenario: its workload section points at the scenario. */
export function configForScenario(config: ExecutionConfig, scenario: Scenario): ExecutionConfig {
  return { ...config, workload_config: scenario.workloadConfig };
}

/** The scenarios a request names (`request.scenarios` indices), or the whole set. */
export function requestedScenarios(
  sets: ScenarioSets,
  request: EvaluationRequest<ExecutionConfig>,
): Scenario[] {
  const all = sets[request.set];
  return (request.scenarios ?? all.map((_, i) => i)).map((i) => all[i] as Scenario);
}

/**
 * The SLO resolver of a config, built once per `slo_resolver_config` object: sweep points
 * share that section, so its table is read once per batch, not once per run.
 */
export function resolverCache(dataDir: string): (config: ExecutionConfig) => SloResolver {
  const resolvers = new WeakMap<object, SloResolver>();
  return (config) => {
    let r = resolvers.get(config.slo_resolver_config);
    if (!r) {
      r = SloResolver.fromConfig(config.slo_resolver_config, dataDir);
      resolvers.set(config.slo_resolver_config, r);
    }
    return r;
  };
}
