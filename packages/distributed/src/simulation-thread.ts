/**
 * A worker process's simulation thread: simulates the tasks its process hands it, off the
 * process's main thread (which keeps renewing BullMQ job locks meanwhile). Decoded
 * workloads are kept by hash, so a scenario crosses the thread boundary once.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicyModules, type SimulationWorkload, simulate } from '@autoslo/simulator';
import type { SimulationThreadData, ThreadReply, ThreadTask } from './thread-protocol.js';
import { decodeWorkload } from './workload-codec.js';

const data = workerData as SimulationThreadData;
const policiesLoaded = loadPolicyModules(data.policyModules);
/** Decoded workloads, most recently used last; a tuning run cycles through a few dozen. */
const workloads = new Map<string, SimulationWorkload>();
const KEEP_WORKLOADS = 64;

function workloadOf(task: ThreadTask): SimulationWorkload | null {
  let w = workloads.get(task.workloadHash);
  if (w === undefined && task.workloadBytes !== undefined) w = decodeWorkload(task.workloadBytes);
  if (w === undefined) return null;
  workloads.delete(task.workloadHash);
  workloads.set(task.workloadHash, w);
  if (workloads.size > KEEP_WORKLOADS) workloads.delete(workloads.keys().next().value as string);
  return w;
}

async function run(task: ThreadTask): Promise<ThreadReply> {
  await policiesLoaded;
  const workload = workloadOf(task);
  if (workload === null) return { id: task.id, need: task.workloadHash };
  const out = await simulate(task.config, workload, {
    dataDir: task.dataDir,
    ...(task.outDir !== undefined ? { outDir: task.outDir } : {}),
  });
  if (task.outDir === undefined) return { id: task.id, summary: out.summary };
  const names = (await readdir(task.outDir)).sort();
  const files = await Promise.all(
    names.map(async (name) => [name, await readFile(join(task.outDir as string, name))] as const),
  );
  await rm(task.outDir, { recursive: true, force: true });
  return { id: task.id, summary: out.summary, files };
}

parentPort?.on('message', async (task: ThreadTask) => {
  let reply: ThreadReply;
  try {
    reply = await run(task);
  } catch (error) {
    reply = { id: task.id, error: (error as Error).stack ?? String(error) };
  }
  parentPort?.postMessage(reply);
});
