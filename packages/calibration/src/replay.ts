/**
 * Replays a measured run in the latency model: every `ok` query arrives when it arrived and
 * runs on the workgroup (at the RPU) it ran on, on @autoslo/core's processor-sharing
 * cluster model, so the model's latencies can be set beside the measured ones query by
 * query. Placements are the measured ones: no router or autoscaler decides anything.
 */
import {
  billIntervals,
  costPerSecond,
  DEFAULT_PRICE_PER_RPU_HOUR,
  type LatencyModelSettings,
  noiseFactor,
  ProcessorSharingExecution,
  parallelismOf,
  type RunningQuery,
  serviceTimeAt,
  templateIdOf,
} from '@autoslo/core';
import type { MeasuredLatencies } from '@autoslo/workload';

/** A latency model: its parameters and the isolated latency of each template at `r_ref`. */
export interface LatencyModel {
  readonly settings: LatencyModelSettings;
  /** Template id (`'042'`) -> isolated latency at the reference RPU, seconds. */
  readonly profile: ReadonlyMap<string, number>;
}

export interface ReplayOptions {
  /** Apply the model's seeded noise (default true: the model as `simulate` runs it). */
  readonly noise?: boolean;
  readonly pricePerRpuHour?: number;
}

export interface Replay {
  /** Row of the table of each replayed query. */
  readonly rows: Int32Array;
  readonly predictedS: Float64Array;
  readonly measuredS: Float64Array;
  /** Cost of the workgroups' busy time (60-s minimum per busy period), model and measured. */
  readonly predictedCost: number;
  readonly measuredCost: number;
  /** Replayed queries whose template the profile does not know (the model's default used). */
  readonly unknownTemplates: number;
}

export function replayMeasuredRun(
  table: MeasuredLatencies,
  model: LatencyModel,
  options: ReplayOptions = {},
): Replay {
  const settings = model.settings;
  const price = options.pricePerRpuHour ?? DEFAULT_PRICE_PER_RPU_HOUR;
  const known = [...model.profile.values()].sort((a, b) => a - b);
  const fallback = settings.defaultIsolatedLatencyS ?? known[Math.floor(known.length / 2)] ?? 1;
  const rows: number[] = [];
  for (let i = 0; i < table.length; i++) {
    if (table.category[i] === 'ok' && (table.rpu[i] as number) > 0) rows.push(i);
  }
  const t0 = rows.length > 0 ? (table.startMs[rows[0] as number] as number) : 0;
  const byGroup = new Map<string, number[]>();
  for (const i of rows) {
    const key = `${table.workgroup[i]}\u0000${table.rpu[i]}`;
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  }
  const predicted = new Map<number, number>();
  let unknownTemplates = 0;
  let predictedCost = 0;
  let measuredCost = 0;
  for (const list of byGroup.values()) {
    const rpu = table.rpu[list[0] as number] as number;
    const cluster = new ProcessorSharingExecution(
      parallelismOf(settings, rpu),
      settings.admissionLimit,
    );
    const busy: [number, number][] = [];
    const measuredBusy: [number, number][] = [];
    const finish = (q: RunningQuery, at: number) => {
      cluster.remove(q, at);
      predicted.set(q.index, at - q.arrivalS);
      busy.push([q.arrivalS, at]);
    };
    for (const i of list) {
      const arrival = ((table.startMs[i] as number) - t0) / 1000;
      while (cluster.nextCompletionTime() <= arrival) {
        const at = cluster.nextCompletionTime();
        finish(cluster.nextCompletingQuery() as RunningQuery, at);
      }
      const template = templateIdOf(table.queryTextId[i]);
      let ref = template === null ? undefined : model.profile.get(template);
      if (ref === undefined) {
        unknownTemplates++;
        ref = fallback;
      }
      const work = serviceTimeAt(settings, ref, rpu);
      const factor =
        options.noise === false ? 1 : noiseFactor(settings.noiseCv, settings.noiseSeed, i);
      cluster.add(
        {
          index: i,
          queryId: table.queryId[i] as number,
          queryTextId: table.queryTextId[i] as string,
          arrivalS: arrival,
          sloS: Number.POSITIVE_INFINITY,
          triggerSloS: Number.POSITIVE_INFINITY,
          predictedWorkS: work,
          trueWorkS: work * factor,
          admittedV: Number.NaN,
        },
        arrival,
      );
      measuredBusy.push([arrival, arrival + (table.elapsedS[i] as number)]);
    }
    while (cluster.activeCount > 0) {
      const at = cluster.nextCompletionTime();
      finish(cluster.nextCompletingQuery() as RunningQuery, at);
    }
    predictedCost += billIntervals(busy).billedSeconds * costPerSecond(rpu, price);
    measuredCost += billIntervals(measuredBusy).billedSeconds * costPerSecond(rpu, price);
  }
  return {
    rows: Int32Array.from(rows),
    predictedS: Float64Array.from(rows, (i) => predicted.get(i) as number),
    measuredS: Float64Array.from(rows, (i) => table.elapsedS[i] as number),
    predictedCost,
    measuredCost,
    unknownTemplates,
  };
}
