/**
 * The query router (reference "Algorithm 1"): places an arriving query on a READY cluster.
 * Model policies score every candidate by the system-wide (violation, cost) after placing
 * the query there, every other cluster in its before-state, and pick the best under the
 * SLO objective (ties to the earlier cluster by name).
 */
import { SeededRandom } from '@autoslo/workload';
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
import { idxOfBest, type Scored, type SloObjective } from '../slo/slo-objective.js';

export const ROUTING_POLICY_NAMES = [
  'use_iconq_model',
  'use_stage_model',
  'round_robin',
  'uniform_random',
  'least_loaded',
  'cache_aware',
] as const;
export type RoutingPolicyName = (typeof ROUTING_POLICY_NAMES)[number];

export interface CandidateScore extends Scored {
  readonly cluster: string;
  /** Predicted latency of the arriving query on this cluster. */
  readonly latencyS: number;
}

export interface RoutingDecision {
  readonly cluster: Cluster;
  /** The query as placed on that cluster (work at its RPU). */
  readonly query: RunningQuery;
  /** Predicted latency on the chosen cluster (NaN for policies that do not predict). */
  readonly predictedLatencyS: number;
  /** Per-candidate scores (model policies only). */
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

export class QueryRouter {
  readonly predictor: LatencyPredictor;
  private counter = 0;
  private readonly random: SeededRandom;
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

  constructor(
    readonly policy: RoutingPolicyName,
    readonly objective: SloObjective,
    readonly latencyModel: LatencyModelSettings,
    readonly pricePerRpuHour: number,
    seed = 0,
  ) {
    this.predictor =
      policy === 'use_stage_model' ? new IsolatedPredictor() : new ConcurrencyAwarePredictor();
    this.random = new SeededRandom(seed);
  }

  /** A router with the same policy and fresh state (counterfactual replay). */
  fresh(): QueryRouter {
    return new QueryRouter(this.policy, this.objective, this.latencyModel, this.pricePerRpuHour);
  }

  /** @throws Error when no cluster is READY. */
  route(
    arrival: QueryArrival,
    ready: readonly Cluster[],
    now: number,
    withScores = false,
  ): RoutingDecision {
    if (ready.length === 0)
      throw new Error(`no READY cluster to route query ${arrival.queryId} at ${now}s`);
    switch (this.policy) {
      case 'round_robin': {
        const cluster = ready[this.counter++ % ready.length] as Cluster;
        return this.decision(arrival, cluster);
      }
      case 'uniform_random':
        return this.decision(arrival, ready[this.random.int(ready.length)] as Cluster);
      case 'least_loaded': {
        let best = ready[0] as Cluster;
        for (const c of ready) {
          if (
            c.activeCount / c.execution.parallelism <
            best.activeCount / best.execution.parallelism
          )
            best = c;
        }
        return this.decision(arrival, best);
      }
      default:
        return this.routeByModel(arrival, ready, now, withScores);
    }
  }

  private decision(arrival: QueryArrival, cluster: Cluster): RoutingDecision {
    const query = runningQueryOn(this.latencyModel, arrival, cluster.rpu);
    return { cluster, query, predictedLatencyS: Number.NaN, scores: null };
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

  private routeByModel(
    arrival: QueryArrival,
    ready: readonly Cluster[],
    now: number,
    withScores: boolean,
  ): RoutingDecision {
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
    const best = idxOfBest(scores, this.objective.threshold);
    const cluster = ready[best] as Cluster;
    return {
      cluster,
      query: runningQueryOn(this.latencyModel, arrival, cluster.rpu),
      predictedLatencyS: (scores[best] as CandidateScore).latencyS,
      scores: withScores ? scores.map((x) => ({ ...x })) : null,
    };
  }
}
