/**
 * Forecast policies: which history days stand in for a target day, and with what weight.
 */
import { InputError } from '@autoslo/config';
import type { Reservoir } from './reservoir.js';

export const FORECAST_POLICY_NAMES = [
  'one_day',
  'seven_days_flat',
  'same_day_once',
  'same_day_exponential',
] as const;
export type ForecastPolicyName = (typeof FORECAST_POLICY_NAMES)[number];

/** One history day contributing to a forecast, weighted. */
export interface SourceDay {
  readonly day: number;
  readonly weight: number;
}

export function isForecastPolicyName(name: string): name is ForecastPolicyName {
  return (FORECAST_POLICY_NAMES as readonly string[]).includes(name);
}

/**
 * The history days a policy uses for `targetDay` (whole UTC days since the epoch). Days
 * outside the reservoir's window are left out; a policy with no usable same-weekday day
 * falls back to yesterday, as the reference does. May be empty when the window holds
 * none of the days asked for.
 * @throws InputError for an unknown policy or a decay factor outside [0, 1].
 */
export function sourceDaysFor(
  policy: string,
  targetDay: number,
  reservoir: Reservoir,
  decayFactor: number,
): SourceDay[] {
  const yesterday = reservoir.hasDay(targetDay - 1) ? [{ day: targetDay - 1, weight: 1 }] : [];
  switch (policy) {
    case 'one_day':
      return yesterday;
    case 'seven_days_flat': {
      const days: SourceDay[] = [];
      for (let k = 1; k <= 7; k++) {
        if (reservoir.hasDay(targetDay - k)) days.push({ day: targetDay - k, weight: 1 });
      }
      return days;
    }
    case 'same_day_once':
      return reservoir.hasDay(targetDay - 7) ? [{ day: targetDay - 7, weight: 1 }] : yesterday;
    case 'same_day_exponential': {
      if (!(decayFactor >= 0 && decayFactor <= 1)) {
        throw new InputError({
          path: 'forecaster_config.decay_factor',
          message: 'the weekly decay must be a fraction',
          expected: 'a number in [0, 1]',
          received: String(decayFactor),
        });
      }
      const days: SourceDay[] = [];
      let weight = 1;
      for (let day = targetDay - 7; reservoir.hasDay(day); day -= 7) {
        days.push({ day, weight });
        weight *= decayFactor;
      }
      return days.length > 0 ? days : yesterday;
    }
    default:
      throw new InputError({
        path: 'forecaster_config.forecast_policy_name',
        message: 'unknown forecast policy',
        expected: FORECAST_POLICY_NAMES.join(' | '),
        received: JSON.stringify(policy),
      });
  }
}
