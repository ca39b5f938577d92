// Throughput of the hot paths the simulator and router lean on: billing what-ifs, SLO
// lookups, structured-log appends, Parquet encode/decode and scoring a run.
// Run after `pnpm build`: `pnpm bench` (in packages/core) or `node bench/slo-billing-log.mjs`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BillingAccumulator,
  readStructuredLog,
  SloResolver,
  StructuredLog,
  summarizeExecution,
} from '../dist/index.js';

// Figures depend on the Node version (V8), so every run says which one it measured.
console.log(
  `node ${process.version} (${process.platform}-${process.arch}, ${availableParallelism()} cpus)`,
);

const N = 1_000_000;
const time = (label, fn) => {
  const started = performance.now();
  const result = fn();
  console.log(`${label.padEnd(52)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  return result;
};

const billing = new BillingAccumulator();
time(`${N} in-order add + billedSecondsIfAdded`, () => {
  let start = 0;
  for (let i = 0; i < N; i++) {
    start += 37 * (i % 3);
    billing.billedSecondsIfAdded(start, start + 50);
    billing.add(start, start + 20 + (i % 7));
  }
});

const ids = Array.from(
  { length: 297 },
  (_, i) => `tpcds#${String((i % 99) + 1).padStart(3, '0')}#00${(i % 3) + 1}`,
);
const resolver = new SloResolver({
  sloS: 30,
  sloDict: Object.fromEntries(ids.map((id, i) => [id.split('#')[1], 2 + (i % 40)])),
});
time(`${N} sloFor (297 query texts)`, () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += resolver.sloFor(ids[i % ids.length]);
  return sum;
});

const log = new StructuredLog();
time(`${N} log appends (arrival + completion pairs)`, () => {
  for (let i = 0; i < N / 2; i++) {
    const text = ids[i % ids.length];
    log.appendFields(i, 'arrival', 'simulator', i, text);
    log.appendFields(i + 3 + (i % 40), 'completion', 'simulator', i, text, 'autoslo-16-b-000', {
      success: true,
    });
  }
});
const bytes = time(`encode ${N} events as Parquet`, () => log.toParquet());
const dir = await mkdtemp(join(tmpdir(), 'core-bench-'));
await writeFile(join(dir, 'structured_log.parquet'), bytes);
const started = performance.now();
const back = await readStructuredLog(join(dir, 'structured_log.parquet'));
console.log(
  `${`read ${back.length} events back`.padEnd(52)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`,
);
await rm(dir, { recursive: true, force: true });
const summary = time(`score ${N / 2} queries`, () =>
  summarizeExecution(log, { resolver, totalCost: 0 }),
);
console.log(
  `Parquet size ${(bytes.byteLength / 1e6).toFixed(1)} MB; violation rate ${summary.violation_rate.toFixed(4)}`,
);
