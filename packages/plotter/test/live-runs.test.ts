import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StructuredLog } from '@autoslo/core';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { newestLiveRun, readLiveRunIndex } from '../src/live-run-index.js';
import { plotManifest } from '../src/plot-manifest-file.js';
import { makeDataDir } from './fixture-runs.js';

const WID = 'fx__2024-05-27__rf1.000';
const EPOCH_S = 1_780_000_000;

/** A live run: latencies under SLO 10 s (κ=1 table) and Redshift usage rows for its cost. */
async function writeLiveRun(
  dataDir: string,
  runId: string,
  latencies: number[],
  chargedS: number[],
) {
  const dir = join(dataDir, 'runs', runId);
  await mkdir(dir, { recursive: true });
  const log = new StructuredLog();
  log.append({ rel_time_s: 0, event_type: 'run_start', source: 'runner', wall_clock_s: EPOCH_S });
  latencies.forEach((lat, i) => {
    log.append({
      rel_time_s: i,
      event_type: 'arrival',
      source: 'runner',
      query_id: i,
      query_text_id: 'tpcds#001#000',
    });
    log.append({
      rel_time_s: i + lat,
      event_type: 'completion',
      source: 'runner',
      query_id: i,
      query_text_id: 'tpcds#001#000',
    });
  });
  await log.writeParquet(join(dir, 'structured_log.parquet'));
  await writeFile(join(dir, 'execution_config.yml'), 'slo_resolver_config: {slo_s: 30.0}\n');
  const usage = parquetWriteBuffer({
    columnData: [
      {
        name: 'start_time',
        data: chargedS.map((_, i) => new Date((EPOCH_S + 60 * i) * 1000)),
        type: 'TIMESTAMP',
      },
      { name: 'charged_seconds', data: chargedS, type: 'DOUBLE' },
      {
        name: 'charged_extra_compute_for_automatic_optimization_seconds',
        data: chargedS.map(() => 0),
        type: 'DOUBLE',
      },
    ],
  });
  await writeFile(join(dir, 'sys_serverless_usage+wg-1.parquet'), new Uint8Array(usage));
}

let dataDir: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  await mkdir(join(dataDir, 'runs'), { recursive: true });
  await writeFile(
    join(dataDir, 'runs', 'map.yml'),
    [
      '- {run_id: 1700000000100, workload_id: fx__2024-05-27__rf1.000, execution_config_id: "fx_static__INITIAL_RPU=[64]", started_at: "2023-11-14T22:13:20Z"}',
      '- {run_id: 1700000000900, workload_id: fx__2024-05-27__rf1.000, execution_config_id: "fx_static__INITIAL_RPU=[64]", started_at: "2023-11-14T22:13:21Z"}',
      '- {run_id: 1700000000500, workload_id: fx__2024-05-27__rf1.000, execution_config_id: "fx_static__INITIAL_RPU=[64]", started_at: "2023-11-14T22:13:22Z"}',
      '- {run_id: 1700000000999, workload_id: other__target__rf1.000, execution_config_id: "fx_static__INITIAL_RPU=[64]", started_at: "2023-11-14T22:13:23Z"}',
      '',
    ].join('\n'),
  );
  // The older run would score 1.0 violations; the newest (largest id) scores 0.25.
  await writeLiveRun(dataDir, '1700000000100', [20, 20, 20, 20], [3600]);
  await writeLiveRun(dataDir, '1700000000500', [20, 20, 20, 20], [3600]);
  await writeLiveRun(dataDir, '1700000000900', [1, 2, 3, 11], [3600, 3600]);
  await mkdir(join(dataDir, 'manifests', 'plotting'), { recursive: true });
  const point = (label: string, config: string) =>
    `    - {label: "${label}", formatting_id: main_eval_64, workload_config: {workload_name: fx, target_date: "2024-05-27", rescale_factor: 1}, execution_config: "exec:handmade/${config}", params: {INITIAL_RPU: [64]}}`;
  await writeFile(
    join(dataDir, 'manifests', 'plotting', 'live.yml'),
    [
      'main_content:',
      '  title: "Live"',
      '  slo_resolver_config: {slo_s: 30.0, slo_dict_filename: fx_k1.yml}',
      '  points:',
      point('Single 64', 'fx_static'),
      point('Never ran', 'fx_nope'),
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('the newest run of the pair is used: run id in the CSV, cost from the usage rows', async () => {
  const result = await plotManifest('live', { dataDir, live: true });
  expect(result.stem).toBe('live#live');
  const csv = await readFile(join(dataDir, 'plots', 'live#live.csv'), 'utf8');
  // 1 of 4 over 10 s; 7200 charged RPU-seconds at $0.375 per RPU-hour.
  expect(csv.split('\r\n')[1]).toBe(',,Live,binary,Single 64,0.25,0.75,1700000000900');
  expect(result.missing.map((m) => [m.label, m.reason])).toEqual([
    ['Never ran', 'no live run recorded'],
  ]);
  expect(result.missing[0]?.command).toContain('--live');
});

test('min_run_id drops runs older than it', async () => {
  const entries = await readLiveRunIndex(join(dataDir, 'runs'));
  const config = 'fx_static__INITIAL_RPU=[64]';
  expect(newestLiveRun(entries, config, WID)?.runId).toBe('1700000000900');
  expect(newestLiveRun(entries, config, WID, 1700000000901)).toBeNull();
  expect(newestLiveRun(entries, config, 'nope__target__rf1.000')).toBeNull();
});

test("the reference's run_log.csv is read when there is no map.yml", async () => {
  const dir = join(dataDir, 'legacy-runs');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'run_log.csv'),
    'run_id,config_id,workload_id,started_at\r\n17,"c__N=[1, 2]",w__target__rf1.000,2026-01-01T00:00:00\r\n9,"c__N=[1, 2]",w__target__rf1.000,2026-01-01T00:00:01\r\n',
  );
  const entries = await readLiveRunIndex(dir);
  // Numeric order: 17 is newer than 9.
  expect(newestLiveRun(entries, 'c__N=[1, 2]', 'w__target__rf1.000')?.runId).toBe('17');
});
