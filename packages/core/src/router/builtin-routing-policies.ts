/** The built-in routing policies, each a `RoutingPolicy` like a user's own. */
import { SeededRandom } from '@autoslo/workload';
import { idxOfBest } from '../slo/slo-objective.js';
import type { RoutingPolicy, RoutingPolicyFactory, RoutingRequest } from './routing-policy.js';

/** Algorithm 1: the best predicted (violation, cost) under the objective; ties to the earlier. */
function bestByModel(name: string, predictor: 'concurrency_aware' | 'isolated'): RoutingPolicy {
  return {
    name,
    predictor,
    choose: (r: RoutingRequest) => idxOfBest(r.scores(), r.objective.threshold),
  };
}

function roundRobin(): RoutingPolicy {
  let counter = 0;
  return { name: 'round_robin', choose: (r) => counter++ % r.clusters.length };
}

function uniformRandom(seed: number): RoutingPolicy {
  const random = new SeededRandom(seed);
  return { name: 'uniform_random', choose: (r) => random.int(r.clusters.length) };
}

/** Fewest active queries per unit of parallelism; ties to the earlier cluster. */
function leastLoaded(): RoutingPolicy {
  return {
    name: 'least_loaded',
    choose: ({ clusters }) => {
      let best = 0;
      for (let i = 1; i < clusters.length; i++) {
        const c = clusters[i];
        const b = clusters[best];
        if (c && b && c.activeCount / c.parallelism < b.activeCount / b.parallelism) best = i;
      }
      return best;
    },
  };
}

export const BUILTIN_ROUTING_POLICIES = {
  use_iconq_model: () => bestByModel('use_iconq_model', 'concurrency_aware'),
  use_stage_model: () => bestByModel('use_stage_model', 'isolated'),
  round_robin: () => roundRobin(),
  uniform_random: ({ seed }) => uniformRandom(seed),
  least_loaded: () => leastLoaded(),
  // No cache model yet: routes by the concurrency-aware model.
  cache_aware: () => bestByModel('cache_aware', 'concurrency_aware'),
} as const satisfies Record<string, RoutingPolicyFactory>;
