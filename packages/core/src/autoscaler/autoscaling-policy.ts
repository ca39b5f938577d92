/**
 * The public plug point of the autoscaler: an autoscaling policy looks at the pool after
 * every routed arrival and returns spin-up and teardown decisions. The built-in policies
 * (AutoSLO's and the peer systems' rules) implement the same interface.
 */
import type { ClusterPool } from '../cluster/cluster-pool.js';
import type { ControlEventSink } from '../control/control-event.js';
import type { QueryArrival } from '../control/query-arrival.js';
import type { RunningQuery } from '../latency/running-query.js';
import type { QueryRouter } from '../router/query-router.js';
import type { ClusterView } from '../router/routing-policy.js';
import type { AutoscalerSettings } from './autoscaler-settings.js';
import type { TrailingWindow } from './trailing-window.js';

export type AutoscalerAction =
  | {
      readonly kind: 'spin_up';
      readonly rpu: number;
      /** Clusters to tear down once the new one is READY (replace policies). */
      readonly deferredTeardowns: readonly string[];
    }
  | { readonly kind: 'tear_down'; readonly cluster: string };

/** The state at one decision point (after an arrival was routed). Valid during `decide` only. */
export interface AutoscalingRequest<C extends ClusterView = ClusterView> {
  readonly now: number;
  readonly arrival: QueryArrival;
  /** Where the arrival was placed. */
  readonly placedOn: C;
  /** READY clusters, by name. */
  readonly ready: readonly C[];
  /**
   * False while a spin-up is in flight (until a new cluster is READY), after the budget
   * refused one, or when `allowed_rpu_sizes` is empty; spin-ups returned then are dropped.
   */
  readonly canSpinUp: boolean;
  /** When the most recent cluster became READY (triggers judge later arrivals only). */
  readonly readySinceS: number;
  /** Arrivals so far, this one included. */
  readonly arrivals: number;
  /** Arrivals and completions of the last `observation_window_s`. */
  readonly window: TrailingWindow;
}

export interface AutoscalingPolicy<C extends ClusterView = ClusterView> {
  /** The name in `autoscaler_config.autoscaling_policy`. */
  readonly name: string;
  /** Never acts: the autoscaler skips its bookkeeping (the `noop` policy). */
  readonly inert?: boolean;
  decide(request: AutoscalingRequest<C>): readonly AutoscalerAction[];
  /** A query finished (a failed one: latency Infinity). */
  onCompletion?(query: RunningQuery, latencyS: number, now: number): void;
}

/** What a factory gets to build a policy for one run. */
export interface AutoscalingPolicyContext {
  /** `autoscaler_config`, resolved (sizes, windows, lifetimes, the policy's name). */
  readonly settings: AutoscalerSettings;
  readonly spinUpDelayS: number;
  readonly pricePerRpuHour: number;
  /** Queries in the run (Infinity when unknown, e.g. live). */
  readonly expectedQueries: number;
  /** Where to log decisions (`source: 'autoscaler'` by convention). */
  readonly sink: ControlEventSink;
  /** The live pool and router, for what-if replays (`chooseRpuForward`); read, never change. */
  readonly pool: ClusterPool;
  readonly router: QueryRouter;
}

export type AutoscalingPolicyFactory = (context: AutoscalingPolicyContext) => AutoscalingPolicy;
