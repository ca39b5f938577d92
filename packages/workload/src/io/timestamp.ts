/**
 * Timestamp text as pandas, DuckDB and Redset write it, parsed without
 * `Date.parse` (whose handling of zone-less text differs between forms).
 * Zone-less times are taken as UTC.
 */

// 2024-05-27, 2024-05-27 13:45, 2024-05-27T13:45:12.123456, ...Z, ...+02:00, ...+0200
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch milliseconds (fractions kept), or NaN when `text` is not a timestamp. */
export function parseTimestampMs(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) {
    return Number.NaN;
  }
  const base = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-30 over to March; reject such dates instead.
  if (new Date(base).getUTCDate() !== day && second < 60) return Number.NaN;
  const fracMs = frac ? Number(`0.${frac}`) * 1000 : 0;
  return base + fracMs - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** `2024-05-27 13:45:12.123` in UTC, the form CSV workloads are written in. */
export function formatTimestampMs(ms: number): string {
  const micros = Math.round(ms * 1000);
  const whole = Math.floor(micros / 1000);
  const iso = new Date(whole).toISOString(); // 2024-05-27T13:45:12.123Z
  const sub = micros - whole * 1000;
  const micro = sub > 0 ? String(sub).padStart(3, '0') : '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${micro}`;
}

/** UTC midnight of a `YYYY-MM-DD` date, or NaN. */
export function parseDateMs(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  return parseTimestampMs(date);
}

/** `YYYY-MM-DD` of a UTC epoch-ms time. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
