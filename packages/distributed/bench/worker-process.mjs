// One worker process for the benchmark (the built package; `autoslo worker` does the same).
import { SimulationWorker } from '../dist/index.js';

const [url, concurrency] = process.argv.slice(2);
const worker = await SimulationWorker.start({ url, concurrency: Number(concurrency ?? 1) });
process.stdout.write('ready\n');
process.once('SIGTERM', () => void worker.close().then(() => process.exit(0)));
