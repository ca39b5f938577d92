/**
 * The autoscaler, consulted synchronously after every routed arrival (reference §5.2):
 * it notices newly ready clusters, keeps trailing windows, and decides spin-ups (gates,
 * trigger, size) and teardowns. It returns actions; the control plane carries them out.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { ClusterPool } from '../cluster/cluster-pool.js';
import type { ControlEventSink } from '../control/control-event.js';
import type { QueryArrival } from '../control/query-arrival.js';
import type { RunningQuery } from '../latency/running-query.js';
import type { QueryRouter } from '../router/query-router.js';
import type { AutoscalerSettings } from './autoscaler-settings.js';
import { chooseRpuForward } from './forward-counterfactual.js';
import {
  ConsecutiveChecks,
  canRedistribute,
  DATABRICKS_DOWNSCALE_IDLE_S,
  DATABRICKS_MAX_WAIT_S,
  databricksClustersToAdd,
  databricksDrainTimeS,
  isQueued,
  maxQueueTimeS,
  REDSHIFT_QUEUE_TIME_THRESHOLD_S,
  remainingWorkS,
  SNOWFLAKE_ECONOMY_CHECKS,
  SNOWFLAKE_ECONOMY_MIN_BUSY_S,
  SNOWFLAKE_STANDARD_CHECKS,
  totalParallelism,
} from './peer-policies.js';
import { TrailingWindow } from './trailing-window.js';
import { TriggerEvaluator } from './trigger-evaluator.js';

export type AutoscalerAction =
  | {
      readonly kind: 'spin_up';
      readonly rpu: number;
      readonly deferredTeardowns: readonly string[];
    }
  | { readonly kind: 'tear_down'; readonly cluster: string };

export interface AutoscalerDeps {
  readonly pool: ClusterPool;
  readonly router: QueryRouter;
  readonly spinUpDelayS: number;
  readonly pricePerRpuHour: number;
  /** Number of queries in the run (forced-decision mode); Infinity when unknown. */
  readonly expectedQueries: number;
  readonly sink: ControlEventSink;
}

const SOURCE = 'autoscaler';

export class Autoscaler {
  private readonly seenReady = new Set<string>();
  /** When the most recent cluster became ready; triggers judge only later arrivals. */
  readySince = 0;
  spinUpInFlight = false;
  spinUpDisabled = false;
  cooldownUntilS = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  private forcedDone = false;
  private readonly window: TrailingWindow;
  private readonly triggers: TriggerEvaluator;
  private readonly checks = new ConsecutiveChecks();

  constructor(
    readonly settings: AutoscalerSettings,
    private readonly deps: AutoscalerDeps,
  ) {
    this.window = new TrailingWindow(settings.observationWindowS);
    this.triggers = new TriggerEvaluator(settings);
  }

  private get isPeer(): boolean {
    const p = this.settings.policy;
    return (
      p === 'snowflake_standard' ||
      p === 'snowflake_economy' ||
      p === 'redshift_queue_time' ||
      p === 'databricks_drain_time'
    );
  }

  /** Feeds a completion to the observed triggers (a failed query: latency = Infinity). */
  recordCompletion(q: RunningQuery, latencyS: number, now: number): void {
    if (this.settings.policy === 'noop') return;
    this.window.addCompletion(
      {
        completionS: now,
        arrivalS: q.arrivalS,
        latencyS,
        triggerSloS: q.triggerSloS,
        violation: this.settings.triggerObjective.violation(latencyS, q.triggerSloS),
      },
      now,
    );
  }

  /** The budget refused a spin-up: no more autoscaler spin-ups this run. */
  disableSpinUps(): void {
    this.spinUpDisabled = true;
    this.spinUpInFlight = false;
  }

  inform(now: number, arrival: QueryArrival, placedOn: Cluster): AutoscalerAction[] {
    if (this.settings.policy === 'noop') return [];
    this.arrivals++;
    const ready = this.deps.pool.ready();
    for (const c of ready) {
      if (!this.seenReady.has(c.name)) {
        this.seenReady.add(c.name);
        this.readySince = now;
        this.spinUpInFlight = false;
      }
    }
    this.window.addArrival(arrival, now);
    const actions: AutoscalerAction[] = [];
    if (this.isPeer) {
      this.peerSpinUp(now, ready, placedOn, actions);
      this.peerTeardown(now, ready, actions);
    } else {
      this.considerSpinUp(now, ready, actions);
      if (this.settings.forceOneDecisionAfterQueryFraction === null)
        this.considerTeardown(now, ready, actions);
    }
    return actions;
  }

  private gatesClosed(now: number): boolean {
    return (
      this.settings.allowedRpuSizes.length === 0 ||
      this.spinUpDisabled ||
      this.spinUpInFlight ||
      now < this.cooldownUntilS
    );
  }

  private considerSpinUp(
    now: number,
    ready: readonly Cluster[],
    actions: AutoscalerAction[],
  ): void {
    const s = this.settings;
    if (s.trigger === 'noop' && s.forceOneDecisionAfterQueryFraction === null) return;
    if (this.gatesClosed(now)) return;
    const fraction = s.forceOneDecisionAfterQueryFraction;
    if (fraction !== null) {
      const at = Math.max(1, Math.floor(fraction * this.deps.expectedQueries));
      if (this.forcedDone || this.arrivals !== at) return;
      this.forcedDone = true;
      this.deps.sink.record({
        rel_time_s: now,
        event_type: 'forced_decision_point',
        source: SOURCE,
        details: { arrivals: this.arrivals },
      });
    } else {
      const verdict = this.triggers.evaluate(ready, this.window, now, this.readySince);
      if (!verdict.fired) return;
    }
    const rpu = this.chooseRpu(now, ready);
    this.deps.sink.record({
      rel_time_s: now,
      event_type: 'spin_up_decision',
      source: SOURCE,
      details: { rpu, policy: s.policy, trigger: s.trigger },
    });
    if (rpu === null) {
      this.cooldownUntilS = now + this.deps.spinUpDelayS;
      return;
    }
    const deferred =
      s.policy === 'replace_with_single_best_forward' ? ready.map((c) => c.name) : [];
    actions.push({ kind: 'spin_up', rpu, deferredTeardowns: deferred });
    this.spinUpInFlight = true;
  }

  private chooseRpu(now: number, ready: readonly Cluster[]): number | null {
    const s = this.settings;
    if (s.policy === 'duplicate_largest') {
      let largest = 0;
      for (const c of ready) largest = Math.max(largest, c.rpu);
      return largest > 0 ? largest : Math.max(...s.allowedRpuSizes);
    }
    const result = chooseRpuForward({
      pool: this.deps.pool,
      router: this.deps.router,
      now,
      spinUpDelayS: this.deps.spinUpDelayS,
      trailing: this.window.arrivals(),
      windowS: s.observationWindowS,
      maxReplayCopies: s.maxReplayCopies,
      minFinishedQueries: s.minFinishedQueriesInCounterfactual,
      candidateRpus: s.allowedRpuSizes,
      replace: s.policy === 'replace_with_single_best_forward',
      pricePerRpuHour: this.deps.pricePerRpuHour,
    });
    for (const c of result.candidates) {
      this.deps.sink.record({
        rel_time_s: now,
        event_type: 'rpu_counterfactual',
        source: SOURCE,
        details: {
          rpu: c.rpu,
          violation: c.violation,
          cost: c.cost,
          finished: c.finished,
          threshold: this.deps.router.objective.threshold,
        },
      });
    }
    this.deps.sink.record({
      rel_time_s: now,
      event_type: 'rpu_selection',
      source: SOURCE,
      details: { rpu: result.rpu, replayed_queries: result.replayedQueries },
    });
    return result.rpu;
  }

  /** Idle long enough, old enough, never the last READY cluster (the pool guards that). */
  private considerTeardown(
    now: number,
    ready: readonly Cluster[],
    actions: AutoscalerAction[],
  ): void {
    const s = this.settings;
    for (const c of ready) {
      if (!c.isIdle) continue;
      if (now - c.mostRecentCompletionS < s.idleTimeBeforeTearDownS) continue;
      if (now - c.creationS < s.minClusterLifetimeS) continue;
      this.deps.sink.record({
        rel_time_s: now,
        event_type: 'tear_down_decision',
        source: SOURCE,
        cluster_name: c.name,
      });
      actions.push({ kind: 'tear_down', cluster: c.name });
    }
  }

  private largestReadyRpu(ready: readonly Cluster[]): number {
    let largest = 0;
    for (const c of ready) largest = Math.max(largest, c.rpu);
    return largest > 0 ? largest : Math.max(...this.settings.allowedRpuSizes);
  }

  private peerSpinUp(
    now: number,
    ready: readonly Cluster[],
    placedOn: Cluster,
    actions: AutoscalerAction[],
  ): void {
    if (this.gatesClosed(now)) return;
    const policy = this.settings.policy;
    let count = 0;
    let reason: Record<string, unknown> = {};
    if (policy === 'snowflake_standard' || policy === 'snowflake_economy') {
      if (!isQueued(ready, placedOn)) return;
      if (policy === 'snowflake_economy') {
        const busyS = remainingWorkS(ready, now) / totalParallelism(ready);
        if (busyS < SNOWFLAKE_ECONOMY_MIN_BUSY_S) return;
        reason = { backlog_s: busyS };
      }
      count = 1;
    } else if (policy === 'redshift_queue_time') {
      const queued = maxQueueTimeS(ready, now);
      if (queued < REDSHIFT_QUEUE_TIME_THRESHOLD_S) return;
      reason = { queue_time_s: queued };
      count = 1;
    } else {
      const drainS = databricksDrainTimeS(
        ready,
        this.window.arrivalWorkS(),
        this.settings.observationWindowS,
        now,
      );
      count = databricksClustersToAdd(drainS / 60);
      if (count === 0 && maxQueueTimeS(ready, now) >= DATABRICKS_MAX_WAIT_S) count = 1;
      reason = { drain_time_s: drainS };
    }
    if (count === 0) return;
    const rpu = this.largestReadyRpu(ready);
    this.deps.sink.record({
      rel_time_s: now,
      event_type: 'spin_up_decision',
      source: SOURCE,
      details: { rpu, count, policy, ...reason },
    });
    for (let i = 0; i < count; i++) actions.push({ kind: 'spin_up', rpu, deferredTeardowns: [] });
    this.spinUpInFlight = true;
  }

  private peerTeardown(now: number, ready: readonly Cluster[], actions: AutoscalerAction[]): void {
    const policy = this.settings.policy;
    if (policy === 'snowflake_standard' || policy === 'snowflake_economy') {
      const candidate = canRedistribute(ready);
      const needed =
        policy === 'snowflake_standard' ? SNOWFLAKE_STANDARD_CHECKS : SNOWFLAKE_ECONOMY_CHECKS;
      if (this.checks.observe(now, candidate !== undefined) >= needed && candidate !== undefined) {
        this.checks.count = 0;
        this.deps.sink.record({
          rel_time_s: now,
          event_type: 'tear_down_decision',
          source: SOURCE,
          cluster_name: candidate.name,
        });
        actions.push({ kind: 'tear_down', cluster: candidate.name });
      }
      return;
    }
    if (policy === 'databricks_drain_time') {
      const drainS = databricksDrainTimeS(
        ready,
        this.window.arrivalWorkS(),
        this.settings.observationWindowS,
        now,
      );
      if (drainS >= 120) return;
      for (const c of ready) {
        if (c.isIdle && now - c.mostRecentCompletionS >= DATABRICKS_DOWNSCALE_IDLE_S) {
          this.deps.sink.record({
            rel_time_s: now,
            event_type: 'tear_down_decision',
            source: SOURCE,
            cluster_name: c.name,
          });
          actions.push({ kind: 'tear_down', cluster: c.name });
        }
      }
      return;
    }
    this.considerTeardown(now, ready, actions);
  }
}
