import type { RunningQuery } from '../src/index.js';

/** A query of template 001 with a 100 s SLO, `workS` of predicted (and by default true) work. */
export function runningQuery(
  index: number,
  arrivalS: number,
  workS: number,
  trueWorkS = workS,
): RunningQuery {
  return {
    index,
    queryId: index,
    queryTextId: 'tpcds#001#001',
    arrivalS,
    sloS: 100,
    triggerSloS: 100,
    predictedWorkS: workS,
    trueWorkS,
    admittedV: Number.NaN,
  };
}
