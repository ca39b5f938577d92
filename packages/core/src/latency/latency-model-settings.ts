/**
 * Parameters of the analytic latency model (`latency_model_config`), resolved with the
 * defaults under which the reference's execution configs run unchanged.
 */

/** The section as written in an execution config (every key optional). */
export interface LatencyModelConfigInput {
  readonly reference_rpu?: number;
  readonly rpu_exponent?: number;
  readonly parallelism_per_rpu?: number;
  readonly admission_limit?: number | null;
  readonly noise_cv?: number;
  readonly noise_seed?: number;
  readonly profile_filename?: string | null;
  readonly default_isolated_latency_s?: number | null;
}

/** Every parameter filled in. */
export interface LatencyModelSettings {
  /** RPU at which reference service times `S_ref` are measured. */
  readonly referenceRpu: number;
  /** `alpha` in `S(q, r) = S_ref(q) * (r_ref / r)^alpha`. */
  readonly rpuExponent: number;
  /** Parallelism `c(r) = max(1, r * parallelismPerRpu)`. */
  readonly parallelismPerRpu: number;
  /** Queries beyond this many running on a cluster wait FIFO; Infinity = no limit. */
  readonly admissionLimit: number;
  /** Coefficient of variation of the multiplicative noise on true service times (0 = none). */
  readonly noiseCv: number;
  readonly noiseSeed: number;
  readonly profileFilename: string | null;
  readonly defaultIsolatedLatencyS: number | null;
}

export const DEFAULT_LATENCY_MODEL: LatencyModelSettings = {
  referenceRpu: 16,
  rpuExponent: 0.7,
  parallelismPerRpu: 0.25,
  admissionLimit: Number.POSITIVE_INFINITY,
  noiseCv: 0,
  noiseSeed: 0,
  profileFilename: null,
  defaultIsolatedLatencyS: null,
};

/** Fills the defaults of a written `latency_model_config` (absent section = all defaults). */
export function resolveLatencyModelSettings(
  input: LatencyModelConfigInput | null | undefined,
): LatencyModelSettings {
  const d = DEFAULT_LATENCY_MODEL;
  if (!input) return d;
  const limit = input.admission_limit;
  return {
    referenceRpu: input.reference_rpu ?? d.referenceRpu,
    rpuExponent: input.rpu_exponent ?? d.rpuExponent,
    parallelismPerRpu: input.parallelism_per_rpu ?? d.parallelismPerRpu,
    admissionLimit: limit === null || limit === undefined ? d.admissionLimit : limit,
    noiseCv: input.noise_cv ?? d.noiseCv,
    noiseSeed: input.noise_seed ?? d.noiseSeed,
    profileFilename: input.profile_filename ?? null,
    defaultIsolatedLatencyS: input.default_isolated_latency_s ?? null,
  };
}

/** Parallelism of a cluster of `rpu` RPU: `max(1, rpu * parallelism_per_rpu)`. */
export function parallelismOf(settings: LatencyModelSettings, rpu: number): number {
  return Math.max(1, rpu * settings.parallelismPerRpu);
}

/** Isolated service time at `rpu` of a query whose reference service time is `refS`. */
export function serviceTimeAt(settings: LatencyModelSettings, refS: number, rpu: number): number {
  return refS * (settings.referenceRpu / rpu) ** settings.rpuExponent;
}
