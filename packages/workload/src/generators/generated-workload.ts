import type { Trace } from '../trace.js';

/** What every generator returns: the reference-style name and the trace. */
export interface GeneratedWorkload {
  readonly name: string;
  readonly trace: Trace;
}

/** TPC-DS has 99 query templates; generated ids use 1..99. */
export const TPCDS_TEMPLATES = 99;

/** Default schema of generated query text ids (`tpcds#042#001`). */
export const DEFAULT_SCHEMA = 'tpcds';
