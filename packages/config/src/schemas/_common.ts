/** Small schema building blocks shared by every config section. */
import * as v from 'valibot';

/** A JSON-like YAML value (sweep candidates, `locals`, free-form mappings). */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | YamlValue[]
  | { [key: string]: YamlValue };

export const int = () => v.pipe(v.number(), v.integer('must be an integer'));
export const positiveInt = () => v.pipe(v.number(), v.integer('must be an integer'), v.minValue(1));
export const nonNegativeInt = () =>
  v.pipe(v.number(), v.integer('must be an integer'), v.minValue(0));
export const nonNegative = () => v.pipe(v.number(), v.minValue(0));
export const positive = () => v.pipe(v.number(), v.gtValue(0));
export const fraction = () => v.pipe(v.number(), v.minValue(0), v.maxValue(1));

/** `YYYY-MM-DD` naming a day that exists (`2024-02-30` does not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
export const isoDate = () =>
  v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
    // Only once the shape is right, so a malformed date gets one message, not two.
    v.check(
      (t) => !/^\d{4}-\d{2}-\d{2}$/.test(t) || isCalendarDate(t),
      'must be a real calendar date',
    ),
  );

/**
 * A Redshift Serverless base capacity: 4, or 8 to 512 in steps of 8
 * (platform-facts.md, "base may be 4 RPU, or 8-512 in steps of 8").
 */
export function isRpuSize(rpu: number): boolean {
  return rpu === 4 || (rpu >= 8 && rpu <= 512 && rpu % 8 === 0);
}
export const rpuSize = () =>
  v.pipe(
    v.number(),
    v.integer('must be an integer'),
    v.check(isRpuSize, 'must be a Redshift Serverless RPU size: 4, or 8 to 512 in steps of 8'),
  );

/** `mean`, `max` or a percentile `pNN` (e.g. `p95`, `p100`). */
export const AGGREGATION_PATTERN = /^(mean|max|p(100|[1-9]?[0-9](\.[0-9]+)?))$/;
export const aggregationMethod = () =>
  v.pipe(
    v.string(),
    v.regex(AGGREGATION_PATTERN, 'must be "mean", "max" or a percentile "pNN" (0..100)'),
  );

/** A value of any YAML shape (typed `unknown`: its meaning is up to the reader). */
export const anyYaml = () => v.unknown();
