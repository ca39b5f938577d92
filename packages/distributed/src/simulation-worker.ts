/**
 * The worker side: takes simulation jobs from the queue until closed. Inputs are fetched by
 * hash once per worker and laid out as a small data dir (`slos/`, `profiles/`); runs are
 * simulated on threads, and a run directory goes back to Redis as data for the submitter.
 * A worker killed mid-job loses nothing: its lock expires and BullMQ's stalled-job check
 * (on any other worker) puts the job back in the queue.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker as QueueWorker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ContentStore, sha256 } from './content-store.js';
import { packFiles } from './file-bundle.js';
import type { InputFileRef, SimulationJobData, SimulationJobResult } from './job-protocol.js';
import { checkRedis, redisClient } from './redis-connection.js';
import { DEFAULT_PREFIX, QUEUE_NAME, RedisKeys } from './redis-keys.js';
import { SimulationThreads } from './simulation-threads.js';

export interface SimulationWorkerOptions {
  readonly url: string;
  /** Key prefix shared with the submitters (default `autoslo`). */
  readonly prefix?: string;
  /** Jobs simulated at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  /** Modules registering custom policies, imported by every simulation thread. */
  readonly policyModules?: readonly string[];
  /**
   * Milliseconds a job stays locked without renewal: after a worker dies, its job goes back
   * to the queue within about twice this (default 30 000).
   */
  readonly lockDurationMs?: number;
  /** Called when a job starts and ends (the CLI prints them). */
  readonly onJob?: (event: WorkerJobEvent) => void;
}

export interface WorkerJobEvent {
  readonly jobId: string;
  readonly state: 'active' | 'completed' | 'failed' | 'discarded';
  readonly error?: string;
}

/** Seconds a returned run directory waits in Redis for its submitter. */
const RESULT_TTL_S = 3600;
/** Blobs kept in memory, most recently used last. */
const KEEP_BLOBS = 64;

export class SimulationWorker {
  private readonly keys: RedisKeys;
  private readonly store: ContentStore;
  private readonly blobs = new Map<string, Promise<Buffer>>();
  private readonly inputDirs = new Map<string, Promise<string>>();

  private constructor(
    options: SimulationWorkerOptions,
    private readonly redis: Redis,
    private readonly threads: SimulationThreads,
    private readonly scratch: string,
    private readonly worker: QueueWorker<SimulationJobData, SimulationJobResult>,
    private readonly workerClient: Redis,
  ) {
    this.keys = new RedisKeys(options.prefix ?? DEFAULT_PREFIX);
    this.store = new ContentStore(redis, this.keys);
  }

  /**
   * Connects and starts taking jobs.
   * @throws RedisUnreachableError naming the URL when Redis does not answer.
   */
  static async start(options: SimulationWorkerOptions): Promise<SimulationWorker> {
    await checkRedis(options.url);
    const concurrency = Math.max(1, options.concurrency ?? 1);
    const redis = redisClient(options.url);
    redis.on('error', () => undefined);
    const threads = new SimulationThreads(concurrency, {
      policyModules: options.policyModules ?? [],
    });
    const scratch = await mkdtemp(join(tmpdir(), 'autoslo-worker-'));
    const lockDuration = options.lockDurationMs ?? 30_000;
    let self: SimulationWorker | null = null;
    const workerClient = redisClient(options.url);
    workerClient.on('error', () => undefined);
    const worker = new QueueWorker<SimulationJobData, SimulationJobResult>(
      QUEUE_NAME,
      (job) => (self as SimulationWorker).process(job.id as string, job.data),
      {
        connection: workerClient,
        prefix: options.prefix ?? DEFAULT_PREFIX,
        concurrency,
        name: `${hostname()}:${process.pid}`,
        lockDuration,
        stalledInterval: lockDuration,
        // A job whose worker died twice is still retried once more before it fails.
        maxStalledCount: 2,
        autorun: false,
      },
    );
    worker.on('error', () => undefined);
    self = new SimulationWorker(options, redis, threads, scratch, worker, workerClient);
    const onJob = options.onJob;
    if (onJob) {
      worker.on('active', (job) => onJob({ jobId: job.id as string, state: 'active' }));
      worker.on('completed', (job, result) =>
        onJob({
          jobId: job.id as string,
          state: 'discarded' in result ? 'discarded' : 'completed',
        }),
      );
      worker.on('failed', (job, error) =>
        onJob({ jobId: job?.id ?? '?', state: 'failed', error: error.message }),
      );
    }
    void worker.run();
    await worker.waitUntilReady();
    return self;
  }

  private blob(hash: string): Promise<Buffer> {
    let bytes = this.blobs.get(hash);
    if (bytes === undefined) {
      bytes = this.store.get(hash);
      bytes.catch(() => this.blobs.delete(hash));
    } else this.blobs.delete(hash);
    this.blobs.set(hash, bytes);
    if (this.blobs.size > KEEP_BLOBS) this.blobs.delete(this.blobs.keys().next().value as string);
    return bytes;
  }

  /** A data dir holding exactly `inputs`, built once per distinct set. */
  private inputDir(inputs: readonly InputFileRef[]): Promise<string> {
    const sorted = [...inputs].sort((a, b) => a.path.localeCompare(b.path));
    const key = sha256(Buffer.from(JSON.stringify(sorted)));
    let dir = this.inputDirs.get(key);
    if (dir === undefined) {
      dir = (async () => {
        const target = join(this.scratch, 'inputs', key);
        const tmp = `${target}.tmp`;
        for (const f of sorted) {
          if (f.path.split(/[\\/]/).includes('..')) throw new Error(`bad input path ${f.path}`);
          const file = join(tmp, f.path);
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, await this.blob(f.hash));
        }
        await mkdir(tmp, { recursive: true });
        await rename(tmp, target);
        return target;
      })();
      dir.catch(() => this.inputDirs.delete(key));
      this.inputDirs.set(key, dir);
    }
    return dir;
  }

  private async process(jobId: string, data: SimulationJobData): Promise<SimulationJobResult> {
    if ((await this.redis.exists(this.keys.run(data.runId))) === 0) return { discarded: true };
    const [workload, dataDir] = await Promise.all([
      this.blob(data.workload),
      this.inputDir(data.inputs),
    ]);
    const outDir = data.writeRun ? join(this.scratch, 'runs', jobId) : undefined;
    const result = await this.threads.run(
      { config: data.config, workloadHash: data.workload, dataDir, ...(outDir ? { outDir } : {}) },
      () => workload,
    );
    if (result.files) {
      await this.redis.set(this.keys.result(jobId), packFiles(result.files), 'EX', RESULT_TTL_S);
      return { summary: result.summary, files: true };
    }
    return { summary: result.summary, files: false };
  }

  /**
   * Stops taking jobs, lets the current ones finish (`force`: hands them back at once, to be
   * retried elsewhere once their lock expires), then closes everything.
   */
  async close(force = false): Promise<void> {
    await this.worker.close(force);
    await this.threads.close();
    this.workerClient.disconnect();
    this.redis.disconnect();
    await rm(this.scratch, { recursive: true, force: true });
  }
}
