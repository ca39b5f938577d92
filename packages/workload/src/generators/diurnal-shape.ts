/**
 * The diurnal generator's arrival-rate shape: quiet nights, a morning and an
 * afternoon peak on working days, and lighter weekends. Peaks are about ten
 * times the night rate, so a fixed pool is either idle at night or late at noon.
 */

/** Relative volume by UTC weekday, Sunday first. A typical weekday is 1. */
export const WEEKDAY_FACTORS: readonly number[] = [0.3, 1.0, 1.05, 1.05, 1.0, 0.9, 0.35];

function bump(h: number, centre: number, width: number): number {
  const z = (h - centre) / width;
  return Math.exp(-0.5 * z * z);
}

/** Unnormalised ad-hoc arrival intensity at hour-of-day `h` in [0, 24). */
export function hourlyShape(h: number): number {
  return 0.12 + bump(h, 10.5, 2.0) + 0.85 * bump(h, 15, 2.2) + 0.25 * bump(h, 20.5, 1.2);
}

/** Share of a day's ad-hoc volume in each minute (sums to 1). */
export function minuteWeights(): Float64Array {
  const w = new Float64Array(1440);
  let total = 0;
  for (let m = 0; m < 1440; m++) {
    w[m] = hourlyShape((m + 0.5) / 60);
    total += w[m] as number;
  }
  for (let m = 0; m < 1440; m++) w[m] = (w[m] as number) / total;
  return w;
}
