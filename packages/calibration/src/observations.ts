/**
 * Measured runs as the fit needs them: per workgroup (at one RPU) of each run, the
 * execution intervals of every query that ran, and the `ok` queries whose isolated service
 * the fit explains. Waiting (queue) intervals are kept for the admission limit.
 */
import type { MeasuredLatencies } from '@autoslo/workload';
import { type ExecutionInterval, Occupancy } from './occupancy.js';

/** One measured run: an imported history or a live run directory. */
export interface MeasuredRun {
  /** A label for reports (the run id or the workload name). */
  readonly id: string;
  readonly table: MeasuredLatencies;
}

export interface WorkgroupObservations {
  readonly runId: string;
  readonly workgroup: string;
  readonly rpu: number;
  readonly occupancy: Occupancy;
  /** Template of each observed (`ok`) query, in `occupancy.observed` order. */
  readonly templates: readonly string[];
  /** Row of each observed query in its run's table. */
  readonly rows: readonly number[];
  /** Midpoints of the waits of queries that queued (queue time above the threshold). */
  readonly waitMidpointsS: readonly number[];
}

export interface ObservationSummary {
  readonly groups: readonly WorkgroupObservations[];
  readonly observed: number;
  /** Rows left out of the fit, by reason. */
  readonly excluded: Record<string, number>;
}

/** A query counts as having queued when it waited longer than this (Redshift reports µs). */
export const QUEUE_THRESHOLD_S = 0.05;

export function collectObservations(runs: readonly MeasuredRun[]): ObservationSummary {
  const groups: WorkgroupObservations[] = [];
  const excluded: Record<string, number> = {};
  const exclude = (why: string) => {
    excluded[why] = (excluded[why] ?? 0) + 1;
  };
  let observed = 0;
  for (const run of runs) {
    const t = run.table;
    // Rows are in start order; times relative to the first keep full precision.
    const t0 = t.length > 0 ? (t.startMs[0] as number) : 0;
    const byGroup = new Map<string, number[]>();
    for (let i = 0; i < t.length; i++) {
      const rpu = t.rpu[i] as number;
      if (!(rpu > 0)) {
        exclude('unknown RPU');
        continue;
      }
      const key = `${t.workgroup[i]}\u0000${rpu}`;
      const rows = byGroup.get(key);
      if (rows) rows.push(i);
      else byGroup.set(key, [i]);
    }
    for (const [key, rows] of [...byGroup.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const [workgroup, rpuText] = key.split('\u0000') as [string, string];
      const intervals: ExecutionInterval[] = [];
      const obs: ExecutionInterval[] = [];
      const templates: string[] = [];
      const obsRows: number[] = [];
      const waits: number[] = [];
      for (const i of rows) {
        const arrival = ((t.startMs[i] as number) - t0) / 1000;
        const queue = t.queueS[i] as number;
        const exec = t.executionS[i] as number;
        if (!Number.isFinite(queue) || !Number.isFinite(exec)) {
          exclude(t.category[i] as string);
          continue;
        }
        const iv = { startS: arrival + queue, endS: arrival + queue + exec };
        intervals.push(iv);
        if (queue > QUEUE_THRESHOLD_S) waits.push(arrival + queue / 2);
        if (t.category[i] !== 'ok') {
          exclude(t.category[i] as string);
          continue;
        }
        if (!(exec > 0) || t.queryTextId[i] === '') {
          exclude(exec > 0 ? 'no template' : 'zero execution time');
          continue;
        }
        obs.push(iv);
        templates.push(t.queryTextId[i] as string);
        obsRows.push(i);
      }
      observed += obs.length;
      groups.push({
        runId: run.id,
        workgroup,
        rpu: Number(rpuText),
        occupancy: new Occupancy(intervals, obs),
        templates,
        rows: obsRows,
        waitMidpointsS: waits,
      });
    }
  }
  return { groups, observed, excluded };
}
