/**
 * Peer systems' scaling rules as autoscaling policies (docs/autoscaling-policies.md); the
 * rules' arithmetic is in peer-policies.ts. They ignore SLOs and the trigger setting.
 */
import type { Cluster } from '../cluster/cluster.js';
import type {
  AutoscalerAction,
  AutoscalingPolicy,
  AutoscalingPolicyContext,
  AutoscalingRequest,
} from './autoscaling-policy.js';
import { idleTeardowns } from './idle-teardown.js';
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

const SOURCE = 'autoscaler';

export type PeerPolicyName =
  | 'snowflake_standard'
  | 'snowflake_economy'
  | 'redshift_queue_time'
  | 'databricks_drain_time';

export class PeerScalingPolicy implements AutoscalingPolicy<Cluster> {
  private readonly checks = new ConsecutiveChecks();

  constructor(
    readonly name: PeerPolicyName,
    private readonly ctx: AutoscalingPolicyContext,
  ) {}

  decide(request: AutoscalingRequest<Cluster>): AutoscalerAction[] {
    const actions: AutoscalerAction[] = [];
    if (request.canSpinUp) this.spinUp(request, actions);
    this.teardown(request, actions);
    return actions;
  }

  private largestReadyRpu(ready: readonly Cluster[]): number {
    let largest = 0;
    for (const c of ready) largest = Math.max(largest, c.rpu);
    return largest > 0 ? largest : Math.max(...this.ctx.settings.allowedRpuSizes);
  }

  private drainTimeS({ ready, window, now }: AutoscalingRequest<Cluster>): number {
    const windowS = this.ctx.settings.observationWindowS;
    return databricksDrainTimeS(ready, window.arrivalWorkS(), windowS, now);
  }

  private spinUp(r: AutoscalingRequest<Cluster>, actions: AutoscalerAction[]): void {
    const { now, ready, placedOn } = r;
    const policy = this.name;
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
      const drainS = this.drainTimeS(r);
      count = databricksClustersToAdd(drainS / 60);
      if (count === 0 && maxQueueTimeS(ready, now) >= DATABRICKS_MAX_WAIT_S) count = 1;
      reason = { drain_time_s: drainS };
    }
    if (count === 0) return;
    const rpu = this.largestReadyRpu(ready);
    this.ctx.sink.record({
      rel_time_s: now,
      event_type: 'spin_up_decision',
      source: SOURCE,
      details: { rpu, count, policy, ...reason },
    });
    for (let i = 0; i < count; i++) actions.push({ kind: 'spin_up', rpu, deferredTeardowns: [] });
  }

  private tearDown(now: number, cluster: Cluster, actions: AutoscalerAction[]): void {
    this.ctx.sink.record({
      rel_time_s: now,
      event_type: 'tear_down_decision',
      source: SOURCE,
      cluster_name: cluster.name,
    });
    actions.push({ kind: 'tear_down', cluster: cluster.name });
  }

  private teardown(r: AutoscalingRequest<Cluster>, actions: AutoscalerAction[]): void {
    const { now, ready } = r;
    const policy = this.name;
    if (policy === 'snowflake_standard' || policy === 'snowflake_economy') {
      const candidate = canRedistribute(ready);
      const needed =
        policy === 'snowflake_standard' ? SNOWFLAKE_STANDARD_CHECKS : SNOWFLAKE_ECONOMY_CHECKS;
      if (this.checks.observe(now, candidate !== undefined) >= needed && candidate !== undefined) {
        this.checks.count = 0;
        this.tearDown(now, candidate, actions);
      }
      return;
    }
    if (policy === 'databricks_drain_time') {
      if (this.drainTimeS(r) >= 120) return;
      for (const c of ready) {
        if (c.isIdle && now - c.mostRecentCompletionS >= DATABRICKS_DOWNSCALE_IDLE_S)
          this.tearDown(now, c, actions);
      }
      return;
    }
    idleTeardowns(now, ready, this.ctx.settings, this.ctx.sink, actions);
  }
}
