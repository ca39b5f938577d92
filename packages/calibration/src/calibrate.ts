/**
 * Calibration: split the measured runs into training and held-out runs, fit the latency
 * model on the training runs, and measure both the fitted model and the prior (the
 * uncalibrated defaults with a naive profile) on the held-out runs.
 *
 * Held out: the runs named in `holdout`; else, with several runs, the last one; with one
 * run, its last quarter by start time (the replay then starts from an empty workgroup).
 */
import { InputError, type LatencyModelConfig } from '@autoslo/config';
import { type LatencyModelSettings, serviceTimeAt, templateIdOf } from '@autoslo/core';
import { type MeasuredLatencies, quantileOfSorted } from '@autoslo/workload';
import { type CompareOptions, compareRun, type RunComparison } from './compare-run.js';
import { fitLatencyModel, type LatencyModelFit } from './latency-model-fit.js';
import { collectObservations, type MeasuredRun } from './observations.js';
import type { LatencyModel } from './replay.js';

export interface CalibrateOptions {
  /** Ids of the runs to hold out (default: see the file comment). */
  readonly holdout?: readonly string[];
  /** SLO per template id for violation rates; default `kappa` x the fitted isolated latency. */
  readonly slos?: ReadonlyMap<string, number>;
  /** Default 4, the reference's usual SLO multiplier. */
  readonly kappa?: number;
  readonly pricePerRpuHour?: number;
  /** Profile file name written into the config block. */
  readonly profileFilename?: string | null;
}

export interface Calibration {
  readonly fit: LatencyModelFit;
  readonly model: LatencyModel;
  /** The `latency_model_config` section to put in an execution config. */
  readonly config: LatencyModelConfig;
  readonly trainingRuns: readonly string[];
  readonly heldOutRuns: readonly string[];
  /** Rows of the training runs the fit did not use, by reason. */
  readonly excluded: Readonly<Record<string, number>>;
  readonly heldOut: {
    readonly calibrated: readonly RunComparison[];
    readonly prior: readonly RunComparison[];
  };
  readonly slosFrom: string;
}

/** Rows of `t` that `keep` selects, as a table of their own. */
export function sliceMeasured(
  t: MeasuredLatencies,
  keep: (row: number) => boolean,
): MeasuredLatencies {
  const rows: number[] = [];
  for (let i = 0; i < t.length; i++) if (keep(i)) rows.push(i);
  const f = (a: Float64Array) => Float64Array.from(rows, (i) => a[i] as number);
  const s = <T>(a: readonly T[]) => rows.map((i) => a[i] as T);
  return {
    length: rows.length,
    queryId: f(t.queryId),
    queryTextId: s(t.queryTextId),
    startMs: f(t.startMs),
    elapsedS: f(t.elapsedS),
    queueS: f(t.queueS),
    executionS: f(t.executionS),
    status: s(t.status),
    queryType: s(t.queryType),
    resultCacheHit: Uint8Array.from(rows, (i) => t.resultCacheHit[i] as number),
    category: s(t.category),
    workgroup: s(t.workgroup),
    rpu: f(t.rpu),
  };
}

function split(runs: readonly MeasuredRun[], holdout: readonly string[] | undefined) {
  if (holdout && holdout.length > 0) {
    const unknown = holdout.filter((h) => !runs.some((r) => r.id === h));
    if (unknown.length > 0) {
      throw new InputError({
        path: 'holdout',
        message: `no measured run '${unknown.join("', '")}'`,
        expected: runs.map((r) => r.id).join(', '),
      });
    }
    const training = runs.filter((r) => !holdout.includes(r.id));
    if (training.length === 0)
      throw new InputError({ path: 'holdout', message: 'every run is held out: nothing to fit' });
    return { training, heldOut: runs.filter((r) => holdout.includes(r.id)) };
  }
  if (runs.length > 1) return { training: runs.slice(0, -1), heldOut: runs.slice(-1) };
  const only = runs[0] as MeasuredRun;
  const t = only.table;
  const first = t.startMs[0] ?? 0;
  const cut = first + ((t.startMs[t.length - 1] ?? first) - first) * 0.75;
  return {
    training: [
      {
        id: `${only.id}[first 75%]`,
        table: sliceMeasured(t, (i) => (t.startMs[i] as number) < cut),
      },
    ],
    heldOut: [
      {
        id: `${only.id}[last 25%]`,
        table: sliceMeasured(t, (i) => (t.startMs[i] as number) >= cut),
      },
    ],
  };
}

/** Significant digits kept in the written config. */
function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}

/** The prior with a naive profile: each template's median measured execution time at r_ref. */
export function priorModel(
  runs: readonly MeasuredRun[],
  prior: LatencyModelSettings,
): LatencyModel {
  const by = new Map<string, number[]>();
  for (const { table: t } of runs) {
    for (let i = 0; i < t.length; i++) {
      const id = templateIdOf(t.queryTextId[i]);
      const rpu = t.rpu[i] as number;
      if (t.category[i] !== 'ok' || id === null || !(rpu > 0)) continue;
      // Invert S(q, r) = S_ref (r_ref / r)^alpha for the query's RPU.
      const ref = (t.executionS[i] as number) / serviceTimeAt(prior, 1, rpu);
      const list = by.get(id) ?? [];
      list.push(ref);
      by.set(id, list);
    }
  }
  const profile = new Map<string, number>();
  for (const [id, list] of by)
    profile.set(
      id,
      quantileOfSorted(
        list.sort((a, b) => a - b),
        0.5,
      ),
    );
  return { settings: prior, profile };
}

export function calibrate(
  runs: readonly MeasuredRun[],
  prior: LatencyModelSettings,
  options: CalibrateOptions = {},
): Calibration {
  if (runs.length === 0) throw new InputError({ message: 'no measured runs to calibrate from' });
  const { training, heldOut } = split(runs, options.holdout);
  const observations = collectObservations(training);
  if (observations.observed === 0) {
    throw new InputError({
      message: 'no finished query with a known RPU and template in the training runs',
      received: JSON.stringify(observations.excluded),
    });
  }
  const fit = fitLatencyModel(observations, prior);
  const profile = new Map<string, number>();
  for (const t of fit.templates) {
    const id = templateIdOf(t.queryTextId);
    if (id !== null) profile.set(id, t.isolatedLatencyS);
  }
  const refs = [...profile.values()].sort((a, b) => a - b);
  const settings: LatencyModelSettings = {
    ...prior,
    rpuExponent: fit.rpuExponent.value as number,
    parallelismPerRpu: fit.parallelismPerRpu.value as number,
    admissionLimit: fit.admissionLimit.value ?? Number.POSITIVE_INFINITY,
    noiseCv: fit.noiseCv.value as number,
    profileFilename: options.profileFilename ?? prior.profileFilename,
    defaultIsolatedLatencyS: quantileOfSorted(refs, 0.5),
  };
  const model: LatencyModel = { settings, profile };
  const config: LatencyModelConfig = {
    reference_rpu: settings.referenceRpu,
    rpu_exponent: round(settings.rpuExponent),
    parallelism_per_rpu: round(settings.parallelismPerRpu),
    admission_limit: Number.isFinite(settings.admissionLimit)
      ? Math.round(settings.admissionLimit)
      : null,
    noise_cv: round(settings.noiseCv),
    noise_seed: settings.noiseSeed,
    profile_filename: settings.profileFilename,
    default_isolated_latency_s: round(settings.defaultIsolatedLatencyS as number),
  };
  const kappa = options.kappa ?? 4;
  const slos =
    options.slos ?? new Map([...profile.entries()].map(([id, s]) => [id, s * kappa] as const));
  const compare: CompareOptions = {
    slos,
    ...(options.pricePerRpuHour === undefined ? {} : { pricePerRpuHour: options.pricePerRpuHour }),
  };
  const naive = priorModel(training, prior);
  return {
    fit,
    model,
    config,
    trainingRuns: training.map((r) => r.id),
    heldOutRuns: heldOut.map((r) => r.id),
    excluded: observations.excluded,
    heldOut: {
      calibrated: heldOut.map((r) => compareRun(r.id, r.table, model, compare)),
      prior: heldOut.map((r) => compareRun(r.id, r.table, naive, compare)),
    },
    slosFrom: options.slos ? 'the given SLO table' : `${kappa} x the calibrated isolated latency`,
  };
}
