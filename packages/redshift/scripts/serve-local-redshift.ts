/**
 * The local endpoint in a process of its own, for benches: prints `{"endpoint": ...}` once
 * listening, closes on SIGTERM or SIGINT.
 */
import { startLocalRedshift } from '../src/index.js';

const local = await startLocalRedshift({
  spinUpDelayS: 0.2,
  deleteDelayS: 0.05,
  workgroups: [],
  demoDataset: false,
});
process.stdout.write(`${JSON.stringify({ endpoint: local.endpoint })}\n`);
const stop = () => void local.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
