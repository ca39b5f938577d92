import { formatTimestampMs, parseDateMs, parseTimestampMs } from '../src/index.js';

const T = Date.UTC(2024, 4, 27, 13, 45, 12);

test.each([
  ['2024-05-27 13:45:12', T],
  ['2024-05-27T13:45:12Z', T],
  ['2024-05-27T13:45:12.5', T + 500],
  ['2024-05-27 13:45:12.123456', T + 123.456],
  ['2024-05-27 15:45:12+02:00', T],
  ['2024-05-27 08:45:12-0500', T],
  ['2024-05-27 13:45:12 UTC', T],
  ['2024-05-27 13:45', T - 12_000],
  ['2024-05-27', Date.UTC(2024, 4, 27)],
])('%s', (text, ms) => {
  expect(parseTimestampMs(text)).toBeCloseTo(ms, 6);
});

test.each([
  '',
  'yesterday',
  '27/05/2024',
  '2024-13-01',
  '2024-02-30',
  '2024-05-27 24:00:00',
  '1716817512000',
])('rejects %j', (text) => {
  expect(parseTimestampMs(text)).toBeNaN();
});

test('formats UTC with milliseconds, and microseconds when present', () => {
  expect(formatTimestampMs(T)).toBe('2024-05-27 13:45:12.000');
  expect(formatTimestampMs(T + 123.456)).toBe('2024-05-27 13:45:12.123456');
  expect(parseTimestampMs(formatTimestampMs(T + 0.001))).toBe(T + 0.001);
  expect(parseDateMs('2024-05-27 00:00')).toBeNaN();
});
