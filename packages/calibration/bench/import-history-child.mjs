// One history import in a fresh process, so its peak memory is the import's own:
// `node import-history-child.mjs <history file> <data dir>` prints { seconds, maxRssMiB, rows }.
import { importHistory, readHistoryFile, saveHistoryImport } from '@autoslo/workload';

const [file, dataDir] = process.argv.slice(2);
const started = performance.now();
// The raw columns are not kept once imported, as in the CLI.
const result = importHistory(await readHistoryFile(file), { name: 'bench_history' });
await saveHistoryImport(result, { dataDir, force: true });
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    rows: result.stats.rowsRead,
    workloadRows: result.stats.workloadRows,
    templates: result.stats.templates,
  })}\n`,
);
