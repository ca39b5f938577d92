/**
 * Batch simulation of configs x workloads (the tuner's scenario evaluator) on a pool of
 * worker threads, one per core by default. Results are indexed [config][workload] and do
 * not depend on the number of threads.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchReply, BatchTask } from './batch-protocol.js';
import { checkCustomPolicyNames, loadPolicyModules } from './policy-modules.js';
import type { SimulationSummary } from './run-summary.js';
import { simulate } from './simulate.js';
import type { SimulationConfig, SimulationWorkload } from './simulation-types.js';

export interface EvaluateBatchOptions {
  readonly configs: readonly SimulationConfig[];
  readonly workloads: readonly SimulationWorkload[];
  readonly dataDir: string;
  /** Write each run to `<outRoot>/<workload id>/<config id>/`. */
  readonly outRoot?: string;
  /** Names of the configs' run directories (default `config_<i>`). */
  readonly configIds?: readonly string[];
  /** Worker threads (default: one per core, at most one per task); 0 runs in this thread. */
  readonly threads?: number;
  /**
   * Modules that register custom policies (`registerRoutingPolicy`, ...), imported here and
   * by every worker thread before its first task: paths (relative to the working
   * directory), file URLs or package names.
   */
  readonly policyModules?: readonly string[];
  /** Called after each finished task. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The built worker file; tests run sources, so they use the package's `dist/` build. */
export function batchWorkerPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', 'batch-worker.js');
  const built = join(here, '..', '..', 'dist', 'batch-worker.js');
  if (!existsSync(built))
    throw new Error(`worker file ${built} is missing: run 'pnpm build' in packages/simulator`);
  return built;
}

/**
 * Anything that runs a batch as `evaluateBatch` does (same options, same result order, same
 * run directories): local worker threads by default, or a distributed executor.
 */
export type BatchExecutor = (options: EvaluateBatchOptions) => Promise<SimulationSummary[][]>;

/**
 * The batch's plain-data tasks, config-major (`id = config * workloads + workload`), each
 * with its run directory when `outRoot` is given: `<outRoot>/<workload id>/<config id>/`.
 */
export function batchTasks(options: EvaluateBatchOptions): BatchTask[] {
  const { configs, workloads } = options;
  const tasks: BatchTask[] = [];
  for (let c = 0; c < configs.length; c++) {
    for (let w = 0; w < workloads.length; w++) {
      const outDir =
        options.outRoot === undefined
          ? undefined
          : join(
              options.outRoot,
              (workloads[w] as SimulationWorkload).id,
              options.configIds?.[c] ?? `config_${c}`,
            );
      tasks.push({
        id: c * workloads.length + w,
        config: configs[c] as SimulationConfig,
        workload: w,
        ...(outDir ? { outDir } : {}),
      });
    }
  }
  return tasks;
}

export async function evaluateBatch(options: EvaluateBatchOptions): Promise<SimulationSummary[][]> {
  const { configs, workloads } = options;
  await loadPolicyModules(options.policyModules ?? []);
  checkCustomPolicyNames(configs);
  const tasks = batchTasks(options);
  const results: SimulationSummary[] = new Array(tasks.length);
  const threads = Math.min(options.threads ?? availableParallelism(), tasks.length);
  let done = 0;
  if (threads <= 0 || tasks.length === 0) {
    for (const t of tasks) {
      const out = await simulate(t.config, workloads[t.workload] as SimulationWorkload, {
        dataDir: options.dataDir,
        ...(t.outDir !== undefined ? { outDir: t.outDir } : {}),
      });
      results[t.id] = out.summary;
      options.onProgress?.(++done, tasks.length);
    }
  } else {
    await runOnWorkers(tasks, results, threads, options, () =>
      options.onProgress?.(++done, tasks.length),
    );
  }
  return configs.map((_, c) => results.slice(c * workloads.length, (c + 1) * workloads.length));
}

function runOnWorkers(
  tasks: readonly BatchTask[],
  results: SimulationSummary[],
  threads: number,
  options: EvaluateBatchOptions,
  tick: () => void,
): Promise<void> {
  const file = batchWorkerPath();
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let failed = false;
    let stopping = false;
    const workers: Worker[] = [];
    const stopAll = () => {
      stopping = true;
      return Promise.all(workers.map((w) => w.terminate()));
    };
    const feed = (worker: Worker) => {
      if (next < tasks.length) worker.postMessage(tasks[next++]);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(file, {
        workerData: {
          dataDir: options.dataDir,
          workloads: options.workloads,
          policyModules: options.policyModules ?? [],
        },
      });
      workers.push(worker);
      worker.on('message', (reply: BatchReply) => {
        if (failed) return;
        if ('error' in reply) {
          failed = true;
          void stopAll().then(() =>
            reject(new Error(`simulation task ${reply.id} failed: ${reply.error}`)),
          );
          return;
        }
        results[reply.id] = reply.summary;
        tick();
        if (++finished === tasks.length) void stopAll().then(() => resolve());
        else feed(worker);
      });
      worker.on('error', (error) => {
        if (failed) return;
        failed = true;
        void stopAll().then(() => reject(error));
      });
      // A thread that ends without a reply or an error (process.exit in a policy module, say)
      // would leave its task unanswered and the batch waiting forever.
      worker.on('exit', (code) => {
        if (failed || stopping) return;
        failed = true;
        void stopAll().then(() =>
          reject(
            new Error(
              `a simulation worker thread exited (code ${code}) without finishing its task; does a policy module call process.exit?`,
            ),
          ),
        );
      });
      feed(worker);
    }
  });
}
