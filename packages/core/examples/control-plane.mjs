// The control plane driven by hand: the same calls the simulator makes in simulated time
// and the live driver in wall-clock time. Run from the repository root after `pnpm build`:
//   node packages/core/examples/control-plane.mjs
import { CollectingEventSink, ControlPlane } from '@autoslo/core';

const sink = new CollectingEventSink();
const cp = new ControlPlane(
  {
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0 },
    managed_cluster_pool_config: { initial_rpus: [16, 16] },
    query_router_config: { routing_policy_name: 'use_iconq_model' },
    autoscaler_config: { autoscaling_policy: 'noop' },
  },
  { sink, logRoutingScores: true },
);
cp.start(0);
const query = (i) => ({
  index: i,
  queryId: i,
  queryTextId: 'tpcds#001#001',
  arrivalS: i,
  sloS: 10.5,
  triggerSloS: 10.5,
  refServiceS: 10,
  noiseFactor: 1,
});
// Five 10 s queries one second apart: four share cluster 000 at full speed (c(16) = 4);
// a fifth there would make every query take 11.5 s > 10.5 s, so it goes to cluster 001.
const placed = [0, 1, 2, 3, 4].map((i) => cp.onArrival(query(i), i));
console.log(placed.map((p) => p.cluster.name));
console.log(sink.ofType('routing_score').at(-1).details.scores);
// A completion reported by the driver (the simulator: the cluster's next completion).
const first = placed[0];
cp.onCompletion(first.cluster, first.query, first.cluster.execution.nextCompletionTime());
