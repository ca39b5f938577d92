import { InputError } from '@autoslo/config';

/** Milliseconds in one UTC day and one hour. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** `YYYY-MM-DD` (UTC) to whole days since 1970-01-01; InputError naming `path` otherwise. */
export function epochDayOf(date: string, path: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new InputError({
      path,
      message: 'not a calendar date',
      expected: 'YYYY-MM-DD',
      received: JSON.stringify(date),
    });
  }
  return ms / DAY_MS;
}

/** Whole days since 1970-01-01 back to `YYYY-MM-DD`. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
