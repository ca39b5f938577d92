/**
 * The public plug point of the query router: a routing policy picks one of the READY
 * clusters for an arriving query. The built-in policies implement the same interface
 * (builtin-routing-policies.ts), so a user's policy runs through the same code path.
 */
import type { QueryArrival } from '../control/query-arrival.js';
import type { LatencyModelSettings } from '../latency/latency-model-settings.js';
import type { Scored, SloObjective } from '../slo/slo-objective.js';

/** What a policy may read of a cluster (a `Cluster` is one; policies must not change it). */
export interface ClusterView {
  readonly name: string;
  readonly rpu: number;
  /** Queries on the cluster now (running or waiting for admission). */
  readonly activeCount: number;
  /** Queries it runs at full speed, `c(r)`; beyond that they share. */
  readonly parallelism: number;
  readonly isIdle: boolean;
  /** Spin-up request time. */
  readonly creationS: number;
  /** When it became READY. */
  readonly readyS: number;
  /** Last completion (the creation time before the first). */
  readonly mostRecentCompletionS: number;
  readonly completedQueries: number;
}

export interface CandidateScore extends Scored {
  readonly cluster: string;
  /** Predicted latency of the arriving query on this cluster. */
  readonly latencyS: number;
}

/** One routing decision to make. Valid only during the `choose` call. */
export interface RoutingRequest {
  readonly arrival: QueryArrival;
  readonly now: number;
  /** READY clusters, by name; never empty. */
  readonly clusters: readonly ClusterView[];
  readonly objective: SloObjective;
  /**
   * Predicted system-wide (violation, cost) after placing the query on each cluster, in the
   * order of `clusters` (the reference's Algorithm 1). Computed on the first call only, so
   * policies that do not need it pay nothing.
   */
  scores(): readonly CandidateScore[];
}

export interface RoutingPolicy {
  /** The name in `query_router_config.routing_policy_name`. */
  readonly name: string;
  /** Latency predictor behind `scores()` (default `concurrency_aware`). */
  readonly predictor?: 'concurrency_aware' | 'isolated';
  /** Index into `request.clusters` of the chosen cluster. */
  choose(request: RoutingRequest): number;
}

/** What a factory gets to build a policy instance. */
export interface RoutingPolicyContext {
  readonly objective: SloObjective;
  readonly latencyModel: LatencyModelSettings;
  readonly pricePerRpuHour: number;
  /** Seed for policies that draw random numbers (use a seeded generator, never Math.random). */
  readonly seed: number;
}

/**
 * Builds a fresh policy instance. Called once per run and once per counterfactual replay
 * (the autoscaler replays the future with a fresh router), so a stateful policy (a
 * round-robin counter) starts from its initial state each time.
 */
export type RoutingPolicyFactory = (context: RoutingPolicyContext) => RoutingPolicy;
