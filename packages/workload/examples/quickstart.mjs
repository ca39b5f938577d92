// Generate the 60-day diurnal workload, save it, and load the reference's target day
// the way an execution config's `workload_config` does. Run after `pnpm build`:
//   node packages/workload/examples/quickstart.mjs [data dir]
import { join } from 'node:path';
import {
  generateDiurnal,
  loadWorkload,
  summarizeTrace,
  writeWorkloadParquet,
} from '../dist/index.js';

const dataDir = process.argv[2] ?? 'data';
const { name, trace } = generateDiurnal({ startDate: '2024-04-01', days: 60, seed: 42 });
await writeWorkloadParquet(join(dataDir, 'workloads', `${name}.parquet`), trace);

const day = await loadWorkload(
  { workload_name: name, target_date: '2024-05-27', rescale_factor: 0.16666667 },
  { dataDir },
);
const s = summarizeTrace(trace);
console.log(`${name}: ${s.rows} queries, ${s.days} days, ${s.templates} templates`);
console.log(
  `${day.id}: ${day.trace.length} queries, replayed in ${(day.relStartS.at(-1) / 3600).toFixed(2)} h`,
);
