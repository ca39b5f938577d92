/** Long suite: a structured log at a realistic day's size, in memory and through Parquet. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStructuredLog } from '../src/log/read-structured-log.js';
import { StructuredLog } from '../src/log/structured-log.js';

describe('StructuredLog at scale', () => {
  test('holds 200k events and writes them (a million take about 4 s outside jest)', async () => {
    const log = new StructuredLog();
    for (let i = 0; i < 200_000; i++) {
      log.appendFields(
        i * 0.01,
        i % 2 === 0 ? 'arrival' : 'completion',
        'simulator',
        i >> 1,
        `tpcds#${String(i % 99).padStart(3, '0')}#001`,
        null,
        null,
      );
    }
    const bytes = log.toParquet();
    expect(bytes.byteLength).toBeGreaterThan(1000);
    const dir = await mkdtemp(join(tmpdir(), 'log-'));
    await writeFile(join(dir, 'big.parquet'), bytes);
    const back = await readStructuredLog(join(dir, 'big.parquet'));
    expect(back.length).toBe(200_000);
    expect(back.event(199_999)).toMatchObject({
      rel_time_s: 1999.99,
      query_id: 99_999,
      event_type: 'completion',
    });
  });
});
