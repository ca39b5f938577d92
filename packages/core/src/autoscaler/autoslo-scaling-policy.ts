/**
 * AutoSLO's autoscaling policies (the reference's): a trigger decides when, the size is the
 * largest READY one (`duplicate_largest`) or chosen by forward counterfactual replay
 * (`add_single_best_forward`, `replace_with_single_best_forward`); idle clusters go.
 */
import type { Cluster } from '../cluster/cluster.js';
import type {
  AutoscalerAction,
  AutoscalingPolicy,
  AutoscalingPolicyContext,
  AutoscalingRequest,
} from './autoscaling-policy.js';
import { chooseRpuForward } from './forward-counterfactual.js';
import { idleTeardowns } from './idle-teardown.js';
import { TriggerEvaluator } from './trigger-evaluator.js';

const SOURCE = 'autoscaler';

export type AutoSloPolicyName =
  | 'duplicate_largest'
  | 'add_single_best_forward'
  | 'replace_with_single_best_forward';

export class AutoSloScalingPolicy implements AutoscalingPolicy<Cluster> {
  private cooldownUntilS = Number.NEGATIVE_INFINITY;
  private forcedDone = false;
  private readonly triggers: TriggerEvaluator;

  constructor(
    readonly name: AutoSloPolicyName,
    private readonly ctx: AutoscalingPolicyContext,
  ) {
    this.triggers = new TriggerEvaluator(ctx.settings);
  }

  decide(request: AutoscalingRequest<Cluster>): AutoscalerAction[] {
    const actions: AutoscalerAction[] = [];
    this.considerSpinUp(request, actions);
    if (this.ctx.settings.forceOneDecisionAfterQueryFraction === null)
      idleTeardowns(request.now, request.ready, this.ctx.settings, this.ctx.sink, actions);
    return actions;
  }

  private considerSpinUp(r: AutoscalingRequest<Cluster>, actions: AutoscalerAction[]): void {
    const s = this.ctx.settings;
    const { now, ready } = r;
    if (s.trigger === 'noop' && s.forceOneDecisionAfterQueryFraction === null) return;
    if (!r.canSpinUp || now < this.cooldownUntilS) return;
    const fraction = s.forceOneDecisionAfterQueryFraction;
    if (fraction !== null) {
      const at = Math.max(1, Math.floor(fraction * this.ctx.expectedQueries));
      if (this.forcedDone || r.arrivals !== at) return;
      this.forcedDone = true;
      this.ctx.sink.record({
        rel_time_s: now,
        event_type: 'forced_decision_point',
        source: SOURCE,
        details: { arrivals: r.arrivals },
      });
    } else {
      const verdict = this.triggers.evaluate(ready, r.window, now, r.readySinceS);
      if (!verdict.fired) return;
    }
    const rpu = this.chooseRpu(r);
    this.ctx.sink.record({
      rel_time_s: now,
      event_type: 'spin_up_decision',
      source: SOURCE,
      details: { rpu, policy: this.name, trigger: s.trigger },
    });
    if (rpu === null) {
      this.cooldownUntilS = now + this.ctx.spinUpDelayS;
      return;
    }
    const deferred =
      this.name === 'replace_with_single_best_forward' ? ready.map((c) => c.name) : [];
    actions.push({ kind: 'spin_up', rpu, deferredTeardowns: deferred });
  }

  private chooseRpu({ now, ready, window }: AutoscalingRequest<Cluster>): number | null {
    const s = this.ctx.settings;
    if (this.name === 'duplicate_largest') {
      let largest = 0;
      for (const c of ready) largest = Math.max(largest, c.rpu);
      return largest > 0 ? largest : Math.max(...s.allowedRpuSizes);
    }
    const { router, sink } = this.ctx;
    const result = chooseRpuForward({
      pool: this.ctx.pool,
      router,
      now,
      spinUpDelayS: this.ctx.spinUpDelayS,
      trailing: window.arrivals(),
      windowS: s.observationWindowS,
      maxReplayCopies: s.maxReplayCopies,
      minFinishedQueries: s.minFinishedQueriesInCounterfactual,
      candidateRpus: s.allowedRpuSizes,
      replace: this.name === 'replace_with_single_best_forward',
      pricePerRpuHour: this.ctx.pricePerRpuHour,
    });
    for (const c of result.candidates) {
      sink.record({
        rel_time_s: now,
        event_type: 'rpu_counterfactual',
        source: SOURCE,
        details: {
          rpu: c.rpu,
          violation: c.violation,
          cost: c.cost,
          finished: c.finished,
          threshold: router.objective.threshold,
        },
      });
    }
    sink.record({
      rel_time_s: now,
      event_type: 'rpu_selection',
      source: SOURCE,
      details: { rpu: result.rpu, replayed_queries: result.replayedQueries },
    });
    return result.rpu;
  }
}
