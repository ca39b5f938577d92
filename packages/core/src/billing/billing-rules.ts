/**
 * Redshift Serverless usage billing: a cluster is billed only while busy; each merged busy
 * interval is charged at least 60 s, in whole seconds; price per RPU-hour, 0.375 $ in
 * us-east-1 by default (a config value: `provisioner_config.price_per_rpu_hour`).
 */

export const DEFAULT_PRICE_PER_RPU_HOUR = 0.375;
/** Minimum charge of one busy interval, seconds. */
export const BILLING_MINIMUM_S = 60;

/**
 * Float noise below a nanosecond is not a whole extra second: `[0.1, 61.1]` lasts 61 s even
 * though `61.1 - 0.1` is 61.00000000000001 in binary floating point.
 */
const CEIL_SLACK_S = 1e-9;

/** Billed seconds of one merged busy interval: max(60, ceil(end − start)). */
export function billedDuration(start: number, end: number): number {
  return Math.max(BILLING_MINIMUM_S, Math.ceil(end - start - CEIL_SLACK_S));
}

/** Dollars per second of a cluster of `rpu` RPU. */
export function costPerSecond(rpu: number, pricePerRpuHour = DEFAULT_PRICE_PER_RPU_HOUR): number {
  return (rpu * pricePerRpuHour) / 3600;
}

/** Dollars for `billedSeconds` on a cluster of `rpu` RPU. */
export function costOf(
  billedSeconds: number,
  rpu: number,
  pricePerRpuHour = DEFAULT_PRICE_PER_RPU_HOUR,
): number {
  return (billedSeconds * rpu * pricePerRpuHour) / 3600;
}
