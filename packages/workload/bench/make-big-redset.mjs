// Writes a Redset-like `parts/` directory: one Parquet file per cluster (instance), rows in
// 64k-row groups, with the columns the importer reads, for the scale check
//   node bench/make-big-redset.mjs <dir> [total rows = 1e8] [instances = 100]
//   /usr/bin/time -v autoslo workload import-redset <dir> --instance 42 --data-dir <data dir>
// Poisson arrivals over 30 days from 2024-03-01 per instance, 500 fingerprints, exponential
// execution durations (mean 2 s).
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { SeededRandom } from '../dist/index.js';

const [dir = '/tmp/autoslo-redset-parts', totalArg = '1e8', instancesArg = '100'] =
  process.argv.slice(2);
const total = Number(totalArg);
const instances = Number(instancesArg);
const perInstance = Math.ceil(total / instances);
const GROUP = 65_536;
const start = Date.UTC(2024, 2, 1);
const spanMs = 30 * 86_400_000;

const opt = (name, type, extra = {}) => ({ name, type, repetition_type: 'OPTIONAL', ...extra });
const text = (name) => opt(name, 'BYTE_ARRAY', { converted_type: 'UTF8' });
const schemaColumns = [
  opt('instance_id', 'INT32'),
  opt('query_id', 'INT64'),
  opt('arrival_timestamp', 'INT64', {
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
  }),
  opt('execution_duration_ms', 'INT64'),
  text('feature_fingerprint'),
  text('query_type'),
  opt('was_aborted', 'BOOLEAN'),
  opt('was_cached', 'BOOLEAN'),
  text('read_table_ids'),
  opt('num_joins', 'INT64'),
  opt('num_scans', 'INT64'),
];
const schema = [{ name: 'schema', num_children: schemaColumns.length }, ...schemaColumns];
const fingerprints = Array.from({ length: 500 }, (_, i) => `fp${i}`);

await mkdir(dir, { recursive: true });
const began = performance.now();
for (let inst = 0; inst < instances; inst++) {
  const random = new SeededRandom(inst + 1);
  const rateMs = perInstance / spanMs;
  const file = join(dir, `cluster_${String(inst).padStart(4, '0')}.parquet`);
  const writer = new ParquetWriter({ writer: fileWriter(`${file}.partial`), schema });
  let t = start * 1000;
  for (let done = 0; done < perInstance; done += GROUP) {
    const n = Math.min(GROUP, perInstance - done);
    const ids = new BigInt64Array(n);
    const arrivals = new BigInt64Array(n);
    const durations = new BigInt64Array(n);
    const fps = new Array(n);
    const joins = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      t += random.exponential(rateMs) * 1000;
      ids[i] = BigInt(inst * perInstance + done + i);
      arrivals[i] = BigInt(Math.round(t));
      durations[i] = BigInt(Math.round(random.exponential(1 / 2000)));
      fps[i] = fingerprints[Math.min(499, Math.floor(random.exponential(1 / 60)))];
      joins[i] = BigInt(random.int(5));
    }
    const constant = (v) => Array.from({ length: n }, () => v);
    writer.write({
      columnData: [
        { name: 'instance_id', data: Int32Array.from({ length: n }, () => inst) },
        { name: 'query_id', data: ids },
        { name: 'arrival_timestamp', data: arrivals },
        { name: 'execution_duration_ms', data: durations },
        { name: 'feature_fingerprint', data: fps },
        { name: 'query_type', data: constant('select') },
        { name: 'was_aborted', data: constant(false) },
        { name: 'was_cached', data: constant(false) },
        { name: 'read_table_ids', data: constant('1,2') },
        { name: 'num_joins', data: joins },
        { name: 'num_scans', data: joins },
      ],
      rowGroupSize: GROUP,
    });
  }
  writer.finish();
  await rename(`${file}.partial`, file);
  if (inst % 10 === 0)
    process.stderr.write(
      `${inst + 1} files, ${((performance.now() - began) / 1000).toFixed(0)} s\n`,
    );
}
console.log(`${dir}: ${instances} files of ${perInstance} rows`);
