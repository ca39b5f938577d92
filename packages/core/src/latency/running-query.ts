/** A query placed on a cluster, as the cluster's execution model tracks it. */
export interface RunningQuery {
  /** Sequence index of the query in its workload (or the live driver's counter). */
  readonly index: number;
  readonly queryId: number;
  readonly queryTextId: string;
  readonly arrivalS: number;
  /** SLO used for routing and reporting (resolver tightening included). */
  readonly sloS: number;
  /** SLO the autoscaler's triggers judge against (trigger tightening). */
  readonly triggerSloS: number;
  /** Isolated service time at this cluster's RPU, as the predictor believes it. */
  readonly predictedWorkS: number;
  /** Isolated service time at this cluster's RPU that the simulator executes (noise applied). */
  readonly trueWorkS: number;
  /** Virtual time at admission (NaN while waiting for admission). */
  admittedV: number;
}
