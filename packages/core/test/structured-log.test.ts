import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { parquetMetadata } from 'hyparquet';
import { STRUCTURED_LOG_COLUMNS } from '../src/log/log-event-types.js';
import { readStructuredLog } from '../src/log/read-structured-log.js';
import { StructuredLog } from '../src/log/structured-log.js';

function sampleLog(): StructuredLog {
  const log = new StructuredLog();
  log.append({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'simulator',
    details: {
      workload_name: 'w',
      num_queries: 2,
      routing_policy: 'use_iconq_model',
      closed_loop: false,
    },
  });
  log.append({
    rel_time_s: 0,
    event_type: 'cluster_ready',
    source: 'pool',
    cluster_name: 'autoslo-16-r-000',
    details: { rpu: 16 },
  });
  log.append({
    rel_time_s: 1.5,
    event_type: 'arrival',
    source: 'simulator',
    query_id: 7,
    query_text_id: 'tpcds#042#001',
  });
  log.appendFields(1.5, 'routing', 'router', 7, 'tpcds#042#001', 'autoslo-16-r-000', {
    slo_violation: 0,
    cost: 0.1,
  });
  log.append({
    rel_time_s: 4.25,
    event_type: 'completion',
    source: 'simulator',
    query_id: 7,
    query_text_id: 'tpcds#042#001',
    cluster_name: 'autoslo-16-r-000',
    details: '{"success":true}',
    wall_clock_s: 1700000000.5,
  });
  return log;
}

describe('StructuredLog', () => {
  test('keeps appended events column by column', () => {
    const log = sampleLog();
    expect(log.length).toBe(5);
    expect(log.event(2)).toEqual({
      rel_time_s: 1.5,
      event_type: 'arrival',
      source: 'simulator',
      query_id: 7,
      query_text_id: 'tpcds#042#001',
      cluster_name: null,
      details: null,
      wall_clock_s: null,
    });
    expect(log.details(3)).toEqual({ slo_violation: 0, cost: 0.1 });
    expect(log.indicesOf('arrival')).toEqual([2]);
    expect(log.indicesOf('never_logged')).toEqual([]);
  });

  test('round-trips through Parquet with the reference column order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'log-'));
    const file = join(dir, 'structured_log.parquet');
    const log = sampleLog();
    await log.writeParquet(file);
    const bytes = await readFile(file);
    const metadata = parquetMetadata(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual([...STRUCTURED_LOG_COLUMNS]);
    const back = await readStructuredLog(file);
    expect(back.length).toBe(log.length);
    for (let i = 0; i < log.length; i++) expect(back.event(i)).toEqual(log.event(i));
  });

  test('the same events give byte-identical files', () => {
    expect(Buffer.from(sampleLog().toParquet()).equals(Buffer.from(sampleLog().toParquet()))).toBe(
      true,
    );
  });

  test('rejects a file that is not a structured log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'log-'));
    await writeFile(join(dir, 'bad.parquet'), 'not parquet');
    await expect(readStructuredLog(join(dir, 'bad.parquet'))).rejects.toThrow(InputError);
    await expect(readStructuredLog(join(dir, 'missing.parquet'))).rejects.toThrow(InputError);
  });
});
