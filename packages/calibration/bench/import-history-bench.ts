/**
 * `pnpm bench` in packages/calibration: imports a 10^6-row SYS_QUERY_HISTORY export, as CSV
 * and as Parquet, each in a fresh process (`import-history-child.mjs`, on the built
 * packages: run `pnpm build` first), and prints the wall time and peak resident memory
 * against the budget of 30 s and 1 GiB. The history is synthetic (seeded): 200
 * templates on four workgroups of 8 to 64 RPU.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { generateHistory, type HistoryRow, historyCsv } from '../src/index.js';

console.log(
  `node ${process.version} (${process.platform}-${process.arch}, ${availableParallelism()} cpus)`,
);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const here = dirname(fileURLToPath(import.meta.url));
// BENCH_DIR keeps the generated files (and reuses them on the next run).
const dir = process.env.BENCH_DIR ?? (await mkdtemp(join(tmpdir(), 'autoslo-history-bench-')));
try {
  const isolatedS = Array.from({ length: 200 }, (_, i) => 0.2 * 1.03 ** i);
  const perRun = Math.ceil(ROWS / 4);
  const t0 = performance.now();
  const csv = join(dir, 'history.csv');
  const parquet = join(dir, 'history.parquet');
  await mkdir(dir, { recursive: true });
  if (!existsSync(parquet)) await generate();
  async function generate() {
    const { rows } = generateHistory(
      {
        referenceRpu: 16,
        rpuExponent: 0.6,
        parallelismPerRpu: 0.25,
        admissionLimit: 50,
        noiseCv: 0.4,
        isolatedS,
      },
      [8, 16, 32, 64].map((rpu) => ({ workgroup: `wg${rpu}`, rpu, load: 0.6, queries: perRun })),
      1,
    );
    rows.length = ROWS;
    await writeFile(csv, historyCsv(rows));
    const asDate = (t: string) => new Date(`${t.replace(' ', 'T')}Z`);
    const column = <K extends keyof HistoryRow>(k: K) => rows.map((r) => r[k]);
    await writeFile(
      parquet,
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'query_id', data: column('query_id'), type: 'DOUBLE' },
            { name: 'start_time', data: column('start_time').map(asDate), type: 'TIMESTAMP' },
            { name: 'end_time', data: column('end_time').map(asDate), type: 'TIMESTAMP' },
            { name: 'elapsed_time', data: column('elapsed_time'), type: 'DOUBLE' },
            { name: 'queue_time', data: column('queue_time'), type: 'DOUBLE' },
            { name: 'execution_time', data: column('execution_time'), type: 'DOUBLE' },
            { name: 'status', data: column('status'), type: 'STRING' },
            { name: 'query_type', data: column('query_type'), type: 'STRING' },
            { name: 'result_cache_hit', data: column('result_cache_hit'), type: 'BOOLEAN' },
            { name: 'query_text', data: column('query_text'), type: 'STRING' },
            { name: 'workgroup_name', data: column('workgroup_name'), type: 'STRING' },
            { name: 'compute_capacity', data: column('compute_capacity'), type: 'DOUBLE' },
          ],
          rowGroupSize: 100_000,
        }),
      ),
    );
    console.log(
      `generated ${rows.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  let ok = true;
  const formats = (process.env.BENCH_FORMATS ?? 'csv,parquet').split(',');
  for (const file of [csv, parquet].filter((f) => formats.some((x) => f.endsWith(x)))) {
    const out = execFileSync(
      process.execPath,
      [join(here, 'import-history-child.mjs'), file, join(dir, 'data')],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      },
    );
    const r = JSON.parse(out) as {
      seconds: number;
      maxRssMiB: number;
      rows: number;
      templates: number;
    };
    const fits = r.seconds < 30 && r.maxRssMiB < 1024;
    ok &&= fits;
    console.log(
      `${file.endsWith('.csv') ? 'CSV    ' : 'Parquet'} ${r.rows} rows, ${r.templates} templates: ` +
        `${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMiB.toFixed(0)} MiB (budget 30 s, 1024 MiB: ${fits ? 'within' : 'OVER'})`,
    );
  }
  if (!ok) process.exitCode = 1;
} finally {
  if (!process.env.BENCH_DIR) await rm(dir, { recursive: true, force: true });
}
