/** The reference's idle rule, shared by AutoSLO's policies and `redshift_queue_time`. */
import type { ControlEventSink } from '../control/control-event.js';
import type { ClusterView } from '../router/routing-policy.js';
import type { AutoscalerSettings } from './autoscaler-settings.js';
import type { AutoscalerAction } from './autoscaling-policy.js';

/** Idle long enough, old enough, never the last READY cluster (the pool guards that). */
export function idleTeardowns(
  now: number,
  ready: readonly ClusterView[],
  settings: AutoscalerSettings,
  sink: ControlEventSink,
  actions: AutoscalerAction[],
): void {
  for (const c of ready) {
    if (!c.isIdle) continue;
    if (now - c.mostRecentCompletionS < settings.idleTimeBeforeTearDownS) continue;
    if (now - c.creationS < settings.minClusterLifetimeS) continue;
    sink.record({
      rel_time_s: now,
      event_type: 'tear_down_decision',
      source: 'autoscaler',
      cluster_name: c.name,
    });
    actions.push({ kind: 'tear_down', cluster: c.name });
  }
}
