// Measures what the simulator's loading budget depends on: writing and reading a
// 10^6-row workload Parquet, and generating 30 days of the diurnal workload.
// Run after `pnpm build`: `pnpm bench` (or `node bench/parquet-load.mjs [rows]`).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateDiurnal,
  generatePoisson,
  readWorkloadFile,
  writeWorkloadCsv,
  writeWorkloadParquet,
} from '../dist/index.js';

// Figures depend on the Node version (V8), so every run says which one it measured.
console.log(
  `node ${process.version} (${process.platform}-${process.arch}, ${availableParallelism()} cpus)`,
);

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = await mkdtemp(join(tmpdir(), 'autoslo-bench-'));
const time = async (label, fn) => {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(34)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return result;
};
try {
  const { trace } = await time(`generate poisson ${rows} rows`, () =>
    generatePoisson({ queriesPerText: null, totalQueries: rows, lambda: 5 }),
  );
  const pq = join(dir, 'w.parquet');
  const csv = join(dir, 'w.csv');
  await time('write parquet', () => writeWorkloadParquet(pq, trace));
  for (let i = 1; i <= 3; i++) await time(`read parquet (run ${i})`, () => readWorkloadFile(pq));
  await time('write csv', () => writeWorkloadCsv(csv, trace));
  await time('read csv', () => readWorkloadFile(csv));
  console.log(`parquet ${(await stat(pq)).size} bytes, csv ${(await stat(csv)).size} bytes`);
  const d = await time('generate diurnal 30 days', () => generateDiurnal({ days: 30 }));
  console.log(`diurnal: ${d.trace.length} queries`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
