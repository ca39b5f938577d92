// How long validating the reference's whole config set takes: its manifests (with every config
// they reference), SLO tables and tuned submission. Warmed once (module loading and JIT are
// not what we measure), then timed over a few passes; the figure to watch is well under a second.
// Run after `pnpm build`: `pnpm bench` (in packages/config) or `node bench/validate-reference.mjs`.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateConfigFile } from '../dist/index.js';

const REFERENCE_DATA = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../reference-data/autoslo/data',
);
const yamlFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return p.endsWith('.yml') ? [p] : [];
  });
const all = yamlFiles(REFERENCE_DATA).sort();
const targets = ['manifests', 'slos', 'execution_configs/tuned_submission'].flatMap((sub) =>
  all.filter((f) => relative(REFERENCE_DATA, f).startsWith(sub)),
);
const opts = { dataDir: REFERENCE_DATA };

const pass = async () => {
  let checked = 0;
  for (const f of targets) checked += (await validateConfigFile(f, opts)).checked.length;
  return checked;
};
await pass();
const PASSES = 5;
const times = [];
let checked = 0;
for (let i = 0; i < PASSES; i++) {
  const started = performance.now();
  checked = await pass();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
console.log(
  `validate the reference set: ${targets.length} files, ${checked} config checks: ` +
    `median ${times[PASSES >> 1].toFixed(0)} ms, best ${times[0].toFixed(0)} ms (${PASSES} passes)`,
);
