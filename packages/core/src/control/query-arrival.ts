/** A query as it reaches the control plane, independent of any cluster. */
export interface QueryArrival {
  /** Sequence index in the workload (the live driver: its own counter). */
  readonly index: number;
  readonly queryId: number;
  readonly queryTextId: string;
  /** Seconds since the start of the run. */
  readonly arrivalS: number;
  /** Routing and reporting SLO (resolver tightening included). */
  readonly sloS: number;
  /** SLO the autoscaler's triggers use (trigger tightening). */
  readonly triggerSloS: number;
  /** Isolated latency at the latency model's reference RPU (`S_ref`). */
  readonly refServiceS: number;
  /** Multiplies the true service time (seeded noise; 1 = none). */
  readonly noiseFactor: number;
}
