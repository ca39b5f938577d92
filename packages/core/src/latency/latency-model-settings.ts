/**
 * Parameters of the analytic latency model (`latency_model_config`), resolved with the
 * defaults under which the reference's execution configs run unchanged.
 */
import { DEFAULT_LATENCY_MODEL_CONFIG } from '@autoslo/config';

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

/** Fills the defaults (@autoslo/config's `DEFAULT_LATENCY_MODEL_CONFIG`) of a written section. */
function fillLatencyModelSettings(input: LatencyModelConfigInput): LatencyModelSettings {
  const d = DEFAULT_LATENCY_MODEL_CONFIG;
  return {
    referenceRpu: input.reference_rpu ?? d.reference_rpu,
    rpuExponent: input.rpu_exponent ?? d.rpu_exponent,
    parallelismPerRpu: input.parallelism_per_rpu ?? d.parallelism_per_rpu,
    // null (the default) = no limit.
    admissionLimit: input.admission_limit ?? d.admission_limit ?? Number.POSITIVE_INFINITY,
    noiseCv: input.noise_cv ?? d.noise_cv,
    noiseSeed: input.noise_seed ?? d.noise_seed,
    profileFilename: input.profile_filename ?? d.profile_filename,
    defaultIsolatedLatencyS: input.default_isolated_latency_s ?? d.default_isolated_latency_s,
  };
}

export const DEFAULT_LATENCY_MODEL: LatencyModelSettings = fillLatencyModelSettings({});

/** Fills the defaults of a written `latency_model_config` (absent section = all defaults). */
export function resolveLatencyModelSettings(
  input: LatencyModelConfigInput | null | undefined,
): LatencyModelSettings {
  return input ? fillLatencyModelSettings(input) : DEFAULT_LATENCY_MODEL;
}

/** Parallelism of a cluster of `rpu` RPU: `max(1, rpu * parallelism_per_rpu)`. */
export function parallelismOf(settings: LatencyModelSettings, rpu: number): number {
  return Math.max(1, rpu * settings.parallelismPerRpu);
}

/** Isolated service time at `rpu` of a query whose reference service time is `refS`. */
export function serviceTimeAt(settings: LatencyModelSettings, refS: number, rpu: number): number {
  return refS * (settings.referenceRpu / rpu) ** settings.rpuExponent;
}
