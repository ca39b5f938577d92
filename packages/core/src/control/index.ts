export {
  CollectingEventSink,
  type ControlEvent,
  type ControlEventSink,
  NULL_EVENT_SINK,
} from './control-event.js';
export {
  type ArrivalOutcome,
  type ControlAction,
  ControlPlane,
  type ControlPlaneOptions,
} from './control-plane.js';
export { type ControlPlaneConfig, DEFAULT_SPIN_UP_DELAY_S } from './control-plane-config.js';
export type { QueryArrival } from './query-arrival.js';
export {
  type ArrivalConfig,
  type ArrivalWorkload,
  WorkloadArrivals,
} from './workload-arrivals.js';
