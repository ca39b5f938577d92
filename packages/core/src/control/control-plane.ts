/**
 * The control plane: cluster pool, router and autoscaler wired together. Drivers call it
 * with the current time (simulated or wall clock) and carry out the actions it returns;
 * nothing in here knows which clock is running.
 */
import { Autoscaler, type AutoscalerAction } from '../autoscaler/autoscaler.js';
import {
  type AutoscalerSettings,
  resolveAutoscalerSettings,
} from '../autoscaler/autoscaler-settings.js';
import type { AutoscalingPolicyFactory } from '../autoscaler/autoscaling-policy.js';
import { autoscalingPolicies } from '../autoscaler/autoscaling-policy-registry.js';
import { DEFAULT_PRICE_PER_RPU_HOUR } from '../billing/billing-rules.js';
import type { Cluster } from '../cluster/cluster.js';
import { ClusterPool } from '../cluster/cluster-pool.js';
import { SpinUpBudget } from '../cluster/spin-up-budget.js';
import {
  type LatencyModelSettings,
  resolveLatencyModelSettings,
} from '../latency/latency-model-settings.js';
import type { RunningQuery } from '../latency/running-query.js';
import type { LogEventType } from '../log/log-event-types.js';
import { QueryRouter } from '../router/query-router.js';
import type { RoutingPolicyFactory } from '../router/routing-policy.js';
import { routingPolicies } from '../router/routing-policy-registry.js';
import { SloObjective } from '../slo/slo-objective.js';
import { type ControlEventSink, NULL_EVENT_SINK } from './control-event.js';
import { type ControlPlaneConfig, DEFAULT_SPIN_UP_DELAY_S } from './control-plane-config.js';
import type { QueryArrival } from './query-arrival.js';

/** What the driver must do in the outside world. */
export type ControlAction =
  /** Start provisioning; report `onClusterReady` when it is up (the simulator: at `readyAtS`). */
  | { readonly kind: 'provision'; readonly cluster: Cluster; readonly readyAtS: number }
  /** The cluster is REMOVED; release it. */
  | { readonly kind: 'decommission'; readonly cluster: Cluster };

export interface ControlPlaneOptions {
  readonly sink?: ControlEventSink;
  /** Queries in the run, for the forced-decision mode. */
  readonly expectedQueries?: number;
  /** Middle part of cluster names. */
  readonly runTag?: string;
  /** Seed of `uniform_random` routing. */
  readonly routingSeed?: number;
  /** Log `arrival`, `query_routed` and `completion` per query (default true). */
  readonly logQueries?: boolean;
  /**
   * Log `completion` per query (default: as `logQueries`). The wall-clock driver logs its
   * own, once the service's timing of each statement is known.
   */
  readonly logCompletions?: boolean;
  /** Log every candidate's score per routed query (default false: large logs). */
  readonly logRoutingScores?: boolean;
  /** Also log `query_routed` with the predicted latency, and latencies on completions. */
  readonly logPredictions?: boolean;
  /**
   * Routing policy to use instead of `query_router_config.routing_policy_name` (direct
   * injection; a config names a registered one with `custom:<name>`).
   */
  readonly routingPolicy?: RoutingPolicyFactory;
  /** Autoscaling policy to use instead of `autoscaler_config.autoscaling_policy`. */
  readonly autoscalingPolicy?: AutoscalingPolicyFactory;
}

export interface ArrivalOutcome {
  readonly cluster: Cluster;
  readonly query: RunningQuery;
  readonly predictedLatencyS: number;
  readonly actions: ControlAction[];
}

export class ControlPlane {
  readonly pool: ClusterPool;
  readonly router: QueryRouter;
  readonly autoscaler: Autoscaler;
  readonly latencyModel: LatencyModelSettings;
  readonly objective: SloObjective;
  readonly autoscalerSettings: AutoscalerSettings;
  readonly spinUpDelayS: number;
  readonly pricePerRpuHour: number;
  /** Scheduled spin-ups, by time. */
  readonly scheduledSpinups: readonly { readonly rel_time_s: number; readonly rpu: number }[];
  private readonly sink: ControlEventSink;
  private readonly logQueries: boolean;
  private readonly logCompletions: boolean;
  private readonly logScores: boolean;
  private readonly logPredictions: boolean;

  constructor(
    readonly config: ControlPlaneConfig,
    options: ControlPlaneOptions = {},
  ) {
    this.sink = options.sink ?? NULL_EVENT_SINK;
    this.logQueries = options.logQueries ?? true;
    this.logCompletions = options.logCompletions ?? this.logQueries;
    this.logScores = options.logRoutingScores ?? false;
    this.logPredictions = options.logPredictions ?? false;
    this.latencyModel = resolveLatencyModelSettings(config.latency_model_config);
    this.objective = SloObjective.fromConfig(config.slo_objective_config);
    this.autoscalerSettings = resolveAutoscalerSettings(config.autoscaler_config, this.objective);
    this.spinUpDelayS = config.provisioner_config?.spin_up_delay_s ?? DEFAULT_SPIN_UP_DELAY_S;
    this.pricePerRpuHour =
      config.provisioner_config?.price_per_rpu_hour ?? DEFAULT_PRICE_PER_RPU_HOUR;
    this.scheduledSpinups = [...(config.scheduled_spinups ?? [])].sort(
      (a, b) => a.rel_time_s - b.rel_time_s,
    );
    const max = config.managed_cluster_pool_config.max_clusters;
    const budget = new SpinUpBudget(max ?? Number.POSITIVE_INFINITY, this.scheduledSpinups.length);
    this.pool = new ClusterPool(this.latencyModel, budget, options.runTag ?? 'sim');
    // Unknown or unregistered names fail here, before any cluster exists.
    const routing =
      options.routingPolicy ??
      routingPolicies.resolve(config.query_router_config?.routing_policy_name ?? 'use_iconq_model');
    const autoscaling =
      options.autoscalingPolicy ?? autoscalingPolicies.resolve(this.autoscalerSettings.policy);
    this.router = new QueryRouter(
      routing,
      this.objective,
      this.latencyModel,
      this.pricePerRpuHour,
      options.routingSeed ?? 0,
    );
    this.autoscaler = new Autoscaler(
      this.autoscalerSettings,
      {
        pool: this.pool,
        router: this.router,
        spinUpDelayS: this.spinUpDelayS,
        pricePerRpuHour: this.pricePerRpuHour,
        expectedQueries: options.expectedQueries ?? Number.POSITIVE_INFINITY,
        sink: this.sink,
      },
      autoscaling,
    );
  }

  private log(
    now: number,
    event_type: LogEventType,
    cluster?: Cluster,
    details?: Record<string, unknown>,
  ) {
    this.sink.record({
      rel_time_s: now,
      event_type,
      source: 'control_plane',
      ...(cluster ? { cluster_name: cluster.name } : {}),
      ...(details ? { details } : {}),
    });
  }

  /** Initial clusters, READY at `now` with no delay. */
  start(now = 0): void {
    for (const rpu of this.config.managed_cluster_pool_config.initial_rpus) {
      const c = this.pool.addInitial(rpu, now);
      this.log(now, 'cluster_ready', c, { rpu, initial: true });
    }
  }

  /** Routes an arriving query, places it, and runs the autoscaler. */
  onArrival(arrival: QueryArrival, now: number): ArrivalOutcome {
    const d = this.router.route(arrival, this.pool.ready(), now, this.logScores);
    d.cluster.place(d.query, now);
    if (this.logQueries) {
      // One row per arrival, already naming its cluster (the reference's separate
      // `query_routed` row is kept for `logPredictions`, with the predicted latency).
      this.sink.record({
        rel_time_s: now,
        event_type: 'arrival',
        source: 'workload',
        query_id: arrival.queryId,
        query_text_id: arrival.queryTextId,
        cluster_name: d.cluster.name,
      });
      if (this.logPredictions) {
        this.sink.record({
          rel_time_s: now,
          event_type: 'query_routed',
          source: 'router',
          query_id: arrival.queryId,
          query_text_id: arrival.queryTextId,
          cluster_name: d.cluster.name,
          ...(Number.isNaN(d.predictedLatencyS)
            ? {}
            : { details: `{"latency":${d.predictedLatencyS}}` }),
        });
      }
    }
    if (d.scores !== null) {
      this.sink.record({
        rel_time_s: now,
        event_type: 'routing_score',
        source: 'router',
        query_id: arrival.queryId,
        details: { scores: d.scores },
      });
    }
    const actions: ControlAction[] = [];
    for (const a of this.autoscaler.inform(now, arrival, d.cluster)) this.execute(a, now, actions);
    return { cluster: d.cluster, query: d.query, predictedLatencyS: d.predictedLatencyS, actions };
  }

  /** A query finished on `cluster` at `now`. */
  onCompletion(cluster: Cluster, query: RunningQuery, now: number): ControlAction[] {
    if (!cluster.finish(query, now)) return [];
    const latency = now - query.arrivalS;
    if (this.logCompletions) {
      this.sink.record({
        rel_time_s: now,
        event_type: 'completion',
        source: 'workload',
        query_id: query.queryId,
        query_text_id: query.queryTextId,
        cluster_name: cluster.name,
        // Latency = completion - arrival rows; no details means success (keeps the log small).
        ...(this.logPredictions ? { details: `{"latency":${latency},"success":true}` } : {}),
      });
    }
    this.autoscaler.recordCompletion(query, latency, now);
    const actions: ControlAction[] = [];
    if (this.pool.settleDraining(cluster, now)) {
      this.log(now, 'cluster_removed', cluster);
      actions.push({ kind: 'decommission', cluster });
    }
    return actions;
  }

  /** A provisioned cluster came up; runs its deferred teardowns (replace policy). */
  onClusterReady(name: string, now: number): ControlAction[] {
    const cluster = this.pool.markReady(name, now);
    const actions: ControlAction[] = [];
    if (cluster === undefined) return actions;
    this.log(now, 'cluster_ready', cluster, { rpu: cluster.rpu });
    for (const other of cluster.deferredTeardowns)
      this.execute({ kind: 'tear_down', cluster: other }, now, actions);
    cluster.deferredTeardowns = [];
    return actions;
  }

  /**
   * Provisioning a cluster failed (live runs): the PENDING cluster is removed, its budget
   * slot given back, the teardowns it deferred are dropped (the clusters it was to replace
   * stay), and the autoscaler may scale again. The returned `decommission` lets the driver
   * delete whatever the failed attempt left behind.
   */
  onClusterFailed(name: string, now: number, error: string): ControlAction[] {
    const cluster = this.pool.get(name);
    if (cluster === undefined || cluster.state !== 'PENDING') return [];
    this.log(now, 'spin_up_failed', cluster, { rpu: cluster.rpu, error });
    cluster.deferredTeardowns = [];
    this.pool.requestTeardown(name, now, true);
    this.pool.budget.release();
    this.autoscaler.onSpinUpFailed();
    this.log(now, 'cluster_removed', cluster, { failed: true });
    return [{ kind: 'decommission', cluster }];
  }

  /** A scheduled spin-up is due: requested unconditionally from the reserved budget. */
  onScheduledSpinup(rpu: number, now: number): ControlAction[] {
    const cluster = this.pool.requestSpinUp(rpu, now, true);
    const actions: ControlAction[] = [];
    if (cluster === undefined) {
      this.log(now, 'spin_up_blocked', undefined, {
        rpu,
        scheduled: true,
        ...this.pool.budget.snapshot(),
      });
      return actions;
    }
    this.log(now, 'scheduled_spinup_executed', cluster, { rpu });
    actions.push({ kind: 'provision', cluster, readyAtS: now + this.spinUpDelayS });
    return actions;
  }

  /** End of run: every cluster still there is torn down by force. */
  finish(now: number): ControlAction[] {
    const actions: ControlAction[] = [];
    for (const c of this.pool.live()) {
      this.pool.requestTeardown(c.name, now, true);
      this.log(now, 'cluster_removed', c, { forced: true });
      actions.push({ kind: 'decommission', cluster: c });
    }
    return actions;
  }

  private execute(action: AutoscalerAction, now: number, out: ControlAction[]): void {
    if (action.kind === 'spin_up') {
      const cluster = this.pool.requestSpinUp(action.rpu, now, false);
      if (cluster === undefined) {
        this.log(now, 'spin_up_blocked', undefined, {
          rpu: action.rpu,
          ...this.pool.budget.snapshot(),
        });
        this.autoscaler.disableSpinUps();
        return;
      }
      cluster.deferredTeardowns = [...action.deferredTeardowns];
      this.log(now, 'spin_up_requested', cluster, {
        rpu: action.rpu,
        ready_at_s: now + this.spinUpDelayS,
      });
      out.push({ kind: 'provision', cluster, readyAtS: now + this.spinUpDelayS });
      return;
    }
    const cluster = this.pool.get(action.cluster);
    const outcome = this.pool.requestTeardown(action.cluster, now);
    if (cluster === undefined || outcome === 'unknown') return;
    if (outcome === 'blocked') {
      this.log(now, 'tear_down_blocked', cluster, { reason: 'last READY cluster' });
      return;
    }
    this.log(now, 'tear_down_requested', cluster);
    if (outcome === 'removed') {
      this.log(now, 'cluster_removed', cluster);
      out.push({ kind: 'decommission', cluster });
    }
  }
}
