import type { QueryArrival } from '../control/query-arrival.js';

/**
 * A query placed on a cluster, as the cluster's execution model tracks it: the arrival's
 * identity and SLOs, and its work at this cluster's size.
 */
export interface RunningQuery
  extends Pick<
    QueryArrival,
    'index' | 'queryId' | 'queryTextId' | 'arrivalS' | 'sloS' | 'triggerSloS'
  > {
  /** Isolated service time at this cluster's RPU, as the predictor believes it. */
  readonly predictedWorkS: number;
  /** Isolated service time at this cluster's RPU that the simulator executes (noise applied). */
  readonly trueWorkS: number;
  /** Virtual time at admission (NaN while waiting for admission). */
  admittedV: number;
}
