/** The simulator's inputs: the arrival-building config and workload shapes of @autoslo/core. */
import type { ArrivalConfig, ArrivalWorkload } from '@autoslo/core';

export type SimulationConfig = ArrivalConfig;
export type SimulationWorkload = ArrivalWorkload;
