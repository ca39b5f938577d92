/**
 * Worker-thread entry of `evaluateBatch`: holds the batch's workloads (sent once) and
 * simulates the (config, workload) tasks the main thread hands it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchTask, BatchWorkerData } from './batch-protocol.js';
import { loadPolicyModules } from './policy-modules.js';
import { simulate } from './simulate.js';

const data = workerData as BatchWorkerData;
// Custom policies registered in the main thread do not exist here: import their modules.
const policiesLoaded = loadPolicyModules(data.policyModules);

parentPort?.on('message', async (task: BatchTask) => {
  try {
    await policiesLoaded;
    const workload = data.workloads[task.workload];
    if (workload === undefined) throw new Error(`no workload ${task.workload}`);
    const out = await simulate(task.config, workload, {
      dataDir: data.dataDir,
      ...(task.outDir !== undefined ? { outDir: task.outDir } : {}),
    });
    parentPort?.postMessage({ id: task.id, summary: out.summary });
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: (error as Error).stack ?? String(error) });
  }
});
