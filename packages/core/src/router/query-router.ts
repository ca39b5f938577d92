/**
 * The query router: places an arriving query on the READY cluster its `RoutingPolicy`
 * chooses. It offers the policy the reference's Algorithm 1 scores: the system-wide
 * (violation, cost) after placing the query on each candidate, every other cluster in its
 * before-state, computed only when the policy asks.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { QueryArrival } from '../control/query-arrival.js';
import { type LatencyModelSettings, serviceTimeAt } from '../latency/latency-model-settings.js';
import {
  type ClusterForecast,
  ConcurrencyAwarePredictor,
  emptyForecast,
  IsolatedPredictor,
  type LatencyPredictor,
} from '../latency/latency-predictor.js';
import type { RunningQuery } from '../latency/running-query.js';
import type { SloObjective } from '../slo/slo-objective.js';
import type { BUILTIN_ROUTING_POLICIES } from './builtin-routing-policies.js';
import type {
  CandidateScore,
  RoutingPolicy,
  RoutingPolicyFactory,
  RoutingRequest,
} from './routing-policy.js';
import { routingPolicies } from './routing-policy-registry.js';

export type RoutingPolicyName = keyof typeof BUILTIN_ROUTING_POLICIES;
export const ROUTING_POLICY_NAMES = [
  'use_iconq_model',
  'use_stage_model',
  'round_robin',
  'uniform_random',
  'least_loaded',
  'cache_aware',
] as const satisfies readonly RoutingPolicyName[];

export interface RoutingDecision {
  readonly cluster: Cluster;
  /** The query as placed on that cluster (work at its RPU). */
  readonly query: RunningQuery;
  /** Predicted latency on the chosen cluster (NaN when the policy did not ask for scores). */
  readonly predictedLatencyS: number;
  /** Per-candidate scores (when asked for and the policy computed them). */
  readonly scores: readonly CandidateScore[] | null;
}

/** Makes the per-cluster record of a query (work scaled to the cluster's RPU). */
export function runningQueryOn(
  model: LatencyModelSettings,
  arrival: QueryArrival,
  rpu: number,
): RunningQuery {
  const predicted = serviceTimeAt(model, arrival.refServiceS, rpu);
  return {
    index: arrival.index,
    queryId: arrival.queryId,
    queryTextId: arrival.queryTextId,
    arrivalS: arrival.arrivalS,
    sloS: arrival.sloS,
    triggerSloS: arrival.triggerSloS,
    predictedWorkS: predicted,
    trueWorkS: predicted * arrival.noiseFactor,
    admittedV: Number.NaN,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type MutableScore = Mutable<CandidateScore>;

/** Overwrites a scratch record with `arrival` placed on a cluster of `rpu` RPU. */
function setRunningQuery(target: RunningQuery, arrival: QueryArrival, scale: number): void {
  const q = target as Mutable<RunningQuery>;
  const predicted = arrival.refServiceS * scale;
  q.index = arrival.index;
  q.queryId = arrival.queryId;
  q.queryTextId = arrival.queryTextId;
  q.arrivalS = arrival.arrivalS;
  q.sloS = arrival.sloS;
  q.triggerSloS = arrival.triggerSloS;
  q.predictedWorkS = predicted;
  q.trueWorkS = predicted * arrival.noiseFactor;
  q.admittedV = Number.NaN;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface BeforeState {
  version: number;
  forecast: ClusterForecast;
  costUsd: number;
}

/** Placeholder of the reused request before the first arrival. */
const NO_ARRIVAL: QueryArrival = {
  index: -1,
  queryId: -1,
  queryTextId: '',
  arrivalS: 0,
  sloS: 0,
  triggerSloS: 0,
  refServiceS: 0,
  noiseFactor: 1,
};

export class QueryRouter {
  /** The policy's name (as in `query_router_config.routing_policy_name`). */
  readonly policy: string;
  readonly routingPolicy: RoutingPolicy;
  readonly predictor: LatencyPredictor;
  private readonly before = new Map<Cluster, BeforeState>();
  private readonly after = emptyForecast();
  private readonly scales = new Map<number, number>();
  private readonly scratchScores: MutableScore[] = [];
  private readonly probe: RunningQuery = {
    index: -1,
    queryId: -1,
    queryTextId: '',
    arrivalS: 0,
    sloS: 0,
    triggerSloS: 0,
    predictedWorkS: 0,
    trueWorkS: 0,
    admittedV: Number.NaN,
  };
  /** One request object reused for every arrival (the hot path allocates nothing). */
  private readonly request: { -readonly [K in keyof RoutingRequest]: RoutingRequest[K] };
  private ready: readonly Cluster[] = [];
  private scored = false;

  constructor(
    /** Builds the policy (from the registry, `QueryRouter.named`, or injected directly). */
    readonly factory: RoutingPolicyFactory,
    readonly objective: SloObjective,
    readonly latencyModel: LatencyModelSettings,
    readonly pricePerRpuHour: number,
    readonly seed = 0,
    /** How concurrency-aware forecasts are computed (same results; `exact` walks every query). */
    readonly forecastMode: 'incremental' | 'exact' = 'incremental',
  ) {
    this.routingPolicy = factory({ objective, latencyModel, pricePerRpuHour, seed });
    this.policy = this.routingPolicy.name;
    this.predictor =
      this.routingPolicy.predictor === 'isolated'
        ? new IsolatedPredictor()
        : new ConcurrencyAwarePredictor(forecastMode);
    this.request = {
      arrival: NO_ARRIVAL,
      now: 0,
      clusters: [],
      objective,
      scores: () => this.scores(),
    };
  }

  /** A router of the policy registered as `name`. @throws InputError when unknown. */
  static named(
    name: string,
    objective: SloObjective,
    latencyModel: LatencyModelSettings,
    pricePerRpuHour: number,
    seed = 0,
  ): QueryRouter {
    return new QueryRouter(
      routingPolicies.resolve(name),
      objective,
      latencyModel,
      pricePerRpuHour,
      seed,
    );
  }

  /** A router with a fresh instance of the same policy (counterfactual replay). */
  fresh(): QueryRouter {
    return new QueryRouter(
      this.factory,
      this.objective,
      this.latencyModel,
      this.pricePerRpuHour,
      this.seed,
      this.forecastMode,
    );
  }

  /** @throws Error when no cluster is READY or the policy picks no READY cluster. */
  route(
    arrival: QueryArrival,
    ready: readonly Cluster[],
    now: number,
    withScores = false,
  ): RoutingDecision {
    if (ready.length === 0)
      throw new Error(`no READY cluster to route query ${arrival.queryId} at ${now}s`);
    const request = this.request;
    request.arrival = arrival;
    request.now = now;
    request.clusters = ready;
    this.ready = ready;
    this.scored = false;
    const chosen = this.routingPolicy.choose(request);
    const cluster = ready[chosen];
    if (!Number.isInteger(chosen) || cluster === undefined)
      throw new RangeError(
        `routing policy '${this.policy}' chose ${chosen}, not an index of the ${ready.length} READY clusters`,
      );
    const scores = this.scored ? this.scratchScores : null;
    return {
      cluster,
      query: runningQueryOn(this.latencyModel, arrival, cluster.rpu),
      predictedLatencyS: scores ? (scores[chosen] as CandidateScore).latencyS : Number.NaN,
      scores: withScores && scores ? scores.map((x) => ({ ...x })) : null,
    };
  }

  /** `(r_ref / rpu)^alpha`, cached: it is needed for every candidate of every arrival. */
  private serviceScale(rpu: number): number {
    let scale = this.scales.get(rpu);
    if (scale === undefined) {
      scale = serviceTimeAt(this.latencyModel, 1, rpu);
      this.scales.set(rpu, scale);
    }
    return scale;
  }

  /** Before-state of a cluster, recomputed only when its queries changed. */
  private beforeState(cluster: Cluster, now: number): BeforeState {
    let state = this.before.get(cluster);
    if (state !== undefined && state.version === cluster.version) return state;
    if (state === undefined) {
      state = { version: -1, forecast: emptyForecast(), costUsd: 0 };
      this.before.set(cluster, state);
    }
    this.predictor.forecast(
      cluster,
      now,
      { metric: this.objective.metric },
      undefined,
      state.forecast,
    );
    const seconds = cluster.billedSecondsUntilDrained(state.forecast.drainEndS);
    state.costUsd = cluster.costOfSeconds(seconds, this.pricePerRpuHour);
    state.version = cluster.version;
    return state;
  }

  /** Algorithm 1's scores of the current request, once per arrival. */
  private scores(): readonly CandidateScore[] {
    if (this.scored) return this.scratchScores;
    const { arrival, now } = this.request;
    const ready = this.ready;
    let sumAll = 0;
    let countAll = 0;
    let costAll = 0;
    for (const c of ready) {
      const b = this.beforeState(c, now);
      sumAll += b.forecast.violationSum;
      countAll += b.forecast.count;
      costAll += b.costUsd;
    }
    // Scratch objects: one placement is scored per READY cluster on every arrival.
    const scores = this.scratchScores;
    if (scores.length !== ready.length) scores.length = ready.length;
    const probe = this.probe;
    for (let i = 0; i < ready.length; i++) {
      const c = ready[i] as Cluster;
      const b = this.beforeState(c, now);
      setRunningQuery(probe, arrival, this.serviceScale(c.rpu));
      const a = this.predictor.forecast(
        c,
        now,
        { metric: this.objective.metric },
        probe,
        this.after,
      );
      const afterCost = c.costOfSeconds(
        c.billedSecondsUntilDrained(a.drainEndS, now),
        this.pricePerRpuHour,
      );
      const sum = sumAll - b.forecast.violationSum + a.violationSum;
      const count = countAll - b.forecast.count + a.count;
      let score = scores[i];
      if (score === undefined) {
        score = { cluster: '', violation: 0, cost: 0, latencyS: 0 };
        scores[i] = score;
      }
      score.cluster = c.name;
      score.violation = round3(count === 0 ? 0 : sum / count);
      score.cost = round3(costAll - b.costUsd + afterCost);
      score.latencyS = a.extraLatencyS;
    }
    this.scored = true;
    return scores;
  }
}
