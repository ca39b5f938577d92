/**
 * The autoscaler, consulted synchronously after every routed arrival (reference §5.2). It
 * keeps what every policy needs (newly READY clusters, the trailing window, the one-
 * spin-up-in-flight and budget gates) and asks its `AutoscalingPolicy` for decisions; the
 * control plane carries out the returned actions.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { QueryArrival } from '../control/query-arrival.js';
import type { RunningQuery } from '../latency/running-query.js';
import type {
  AutoscalerAction,
  AutoscalingPolicy,
  AutoscalingPolicyContext,
  AutoscalingPolicyFactory,
  AutoscalingRequest,
} from './autoscaling-policy.js';
import { TrailingWindow } from './trailing-window.js';

export type { AutoscalerAction } from './autoscaling-policy.js';
export type AutoscalerDeps = Omit<AutoscalingPolicyContext, 'settings'>;

export class Autoscaler {
  private readonly seenReady = new Set<string>();
  /** When the most recent cluster became ready; triggers judge only later arrivals. */
  readySince = 0;
  spinUpInFlight = false;
  spinUpDisabled = false;
  private arrivals = 0;
  private readonly window: TrailingWindow;
  readonly policy: AutoscalingPolicy;

  constructor(
    readonly settings: AutoscalingPolicyContext['settings'],
    private readonly deps: AutoscalerDeps,
    factory: AutoscalingPolicyFactory,
  ) {
    this.window = new TrailingWindow(settings.observationWindowS);
    this.policy = factory({ ...deps, settings });
  }

  /** Feeds a completion to the trailing window (a failed query: latency = Infinity). */
  recordCompletion(q: RunningQuery, latencyS: number, now: number): void {
    if (this.policy.inert) return;
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
    this.policy.onCompletion?.(q, latencyS, now);
  }

  /** The budget refused a spin-up: no more autoscaler spin-ups this run. */
  disableSpinUps(): void {
    this.spinUpDisabled = true;
    this.spinUpInFlight = false;
  }

  /** The spin-up in flight failed: the next arrival may decide again. */
  onSpinUpFailed(): void {
    this.spinUpInFlight = false;
  }

  inform(now: number, arrival: QueryArrival, placedOn: Cluster): readonly AutoscalerAction[] {
    if (this.policy.inert) return [];
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
    const canSpinUp =
      this.settings.allowedRpuSizes.length > 0 && !this.spinUpDisabled && !this.spinUpInFlight;
    const request: AutoscalingRequest<Cluster> = {
      now,
      arrival,
      placedOn,
      ready,
      canSpinUp,
      readySinceS: this.readySince,
      arrivals: this.arrivals,
      window: this.window,
    };
    const actions = this.policy.decide(request);
    let spinUps = 0;
    for (const a of actions) if (a.kind === 'spin_up') spinUps++;
    if (spinUps === 0) return actions;
    // A policy's spin-ups while the gates are closed are dropped (one decision in flight).
    if (!canSpinUp) return actions.filter((a) => a.kind !== 'spin_up');
    this.spinUpInFlight = true;
    return actions;
  }
}
