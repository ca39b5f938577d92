/**
 * The submitting side: runs `evaluateBatch`'s batches as BullMQ jobs on workers over Redis.
 * Same options, same result order and the same run directories as local worker threads:
 * workers return a run's files as data and this process writes them, aside and renamed.
 *
 * One executor is one run (a random run id): its jobs are named `<run id>-<batch>-<task>`
 * and only its own results are collected, so two runs on one Redis never mix. Inputs go up
 * once per run by content hash; a heartbeat key tells workers the run is still wanted.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDirAtomic } from '@autoslo/config';
import {
  batchTasks,
  checkCustomPolicyNames,
  type EvaluateBatchOptions,
  loadPolicyModules,
  type SimulationSummary,
  type SimulationWorkload,
} from '@autoslo/simulator';
import { type JobsOptions, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { ContentStore } from './content-store.js';
import { unpackFiles } from './file-bundle.js';
import type { InputFileRef, SimulationJobData, SimulationJobResult } from './job-protocol.js';
import { checkRedis, RedisLostError, redisClient, redisUrlForDisplay } from './redis-connection.js';
import { DEFAULT_PREFIX, QUEUE_NAME, RedisKeys } from './redis-keys.js';
import { runInputFiles } from './run-inputs.js';
import { encodeWorkload } from './workload-codec.js';

export interface RedisExecutorOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /** Key prefix shared with the workers (default `autoslo`). */
  readonly prefix?: string;
  /** Seconds the connection may stay down before the run fails (default 10). */
  readonly lostAfterS?: number;
  /** Called every `statusEveryS` while jobs are out (default 2 s). */
  readonly onStatus?: (status: ExecutorStatus) => void;
  readonly statusEveryS?: number;
}

/** What this run has moved through Redis so far (bytes as stored). */
export interface ExecutorTraffic {
  jobs: number;
  /** Job payloads: each config as JSON plus its input hashes. */
  jobBytes: number;
  /** Inputs uploaded: encoded workloads, SLO tables, latency profiles (once per run each). */
  inputBytes: number;
  /** Run directories returned by workers (only for batches that keep them). */
  resultBytes: number;
}

export interface ExecutorStatus {
  /** Jobs of the current batch finished / submitted. */
  readonly done: number;
  readonly total: number;
  /** Workers connected to the queue. */
  readonly workers: number;
}

interface Pending {
  readonly onCompleted: (result: SimulationJobResult) => Promise<void>;
  readonly reject: (error: Error) => void;
}

/** Seconds the run heartbeat outlives its last refresh; refreshed every third of it. */
const HEARTBEAT_S = 60;

export class RedisExecutor {
  readonly runId = randomBytes(8).toString('hex');
  private readonly keys: RedisKeys;
  private readonly store: ContentStore;
  private readonly pending = new Map<string, Pending>();
  /** Hash of each workload object sent (encoding a day's trace once per run, not per batch). */
  private readonly workloadHashes = new WeakMap<SimulationWorkload, Promise<string>>();
  /** Hash of each input file read, by path here. */
  private readonly inputHashes = new Map<string, Promise<string>>();
  private batches = 0;
  readonly traffic: ExecutorTraffic = { jobs: 0, jobBytes: 0, inputBytes: 0, resultBytes: 0 };
  private lost: RedisLostError | null = null;
  /** Rejects when the connection is lost: every Redis call of a batch races it. */
  private readonly lostSignal: Promise<never>;
  private signalLost: (error: RedisLostError) => void = () => undefined;
  private closed = false;
  private lostTimer: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private workers = 0;
  private status = { done: 0, total: 0 };

  private constructor(
    private readonly options: RedisExecutorOptions,
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly eventsClient: Redis,
  ) {
    this.keys = new RedisKeys(options.prefix ?? DEFAULT_PREFIX);
    this.store = new ContentStore(redis, this.keys);
    this.lostSignal = new Promise<never>((_, reject) => {
      this.signalLost = reject;
    });
    this.lostSignal.catch(() => undefined);
  }

  /** `p`, or the lost-connection error if that comes first (ioredis would wait forever). */
  private guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lostSignal]);
  }

  /**
   * Checks that Redis answers, then opens the queue and starts listening for results.
   * @throws RedisUnreachableError naming the URL when Redis does not answer.
   */
  static async connect(options: RedisExecutorOptions): Promise<RedisExecutor> {
    await checkRedis(options.url);
    const prefix = options.prefix ?? DEFAULT_PREFIX;
    const redis = redisClient(options.url);
    redis.on('error', () => undefined); // reconnection is watched through close / ready
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix });
    queue.on('error', () => undefined); // a lasting outage is reported by the connection watch
    // Results are read from Redis's clock a second back, so no job added later is missed.
    const [seconds, micros] = await redis.time();
    const lastEventId = `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - 1000}-0`;
    const eventsClient = redisClient(options.url);
    eventsClient.on('error', () => undefined);
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsClient, prefix, lastEventId });
    events.on('error', () => undefined);
    await events.waitUntilReady();
    const executor = new RedisExecutor(options, redis, queue, events, eventsClient);
    await executor.start();
    return executor;
  }

  /** Workers seen connected at the last status poll. */
  get liveWorkers(): number {
    return this.workers;
  }

  /** The executor as `runPlan` / `runTuning` / `simulatorEvaluator` take it. */
  readonly evaluateBatch = (options: EvaluateBatchOptions): Promise<SimulationSummary[][]> =>
    this.runBatch(options);

  private async start(): Promise<void> {
    const heartbeat = () => this.redis.set(this.keys.run(this.runId), '1', 'EX', HEARTBEAT_S);
    await heartbeat();
    this.timers.push(
      setInterval(() => void heartbeat().catch(() => undefined), (HEARTBEAT_S / 3) * 1000),
    );
    this.timers.push(setInterval(() => void this.poll(), (this.options.statusEveryS ?? 2) * 1000));
    await this.poll();
    for (const t of this.timers) t.unref();
    this.events.on('completed', ({ jobId, returnvalue }) => {
      const p = this.pending.get(jobId);
      if (!p) return;
      this.pending.delete(jobId);
      const result = (
        typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue
      ) as SimulationJobResult;
      p.onCompleted(result).catch(p.reject);
    });
    this.events.on('failed', ({ jobId, failedReason }) => {
      const p = this.pending.get(jobId);
      if (!p) return;
      this.pending.delete(jobId);
      p.reject(new Error(`job ${jobId} failed on a worker: ${failedReason}`));
    });
    const lostAfterMs = (this.options.lostAfterS ?? 10) * 1000;
    this.redis.on('close', () => {
      if (this.lostTimer || this.lost || this.closed) return;
      this.lostTimer = setTimeout(() => this.markLost(lostAfterMs / 1000), lostAfterMs);
      this.lostTimer.unref();
    });
    this.redis.on('ready', () => {
      if (this.lostTimer) clearTimeout(this.lostTimer);
      this.lostTimer = null;
    });
  }

  private markLost(seconds: number): void {
    this.lost = new RedisLostError(this.options.url, seconds);
    this.signalLost(this.lost);
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(this.lost);
  }

  private async poll(): Promise<void> {
    if (this.lost) return;
    try {
      this.workers = await this.queue.getWorkersCount();
    } catch {
      return; // the connection watch reports a lasting outage
    }
    if (this.status.total > 0) this.options.onStatus?.({ ...this.status, workers: this.workers });
  }

  private uploadWorkload(w: SimulationWorkload): Promise<string> {
    let hash = this.workloadHashes.get(w);
    if (!hash) {
      const bytes = encodeWorkload(w);
      this.traffic.inputBytes += bytes.length;
      hash = this.store.put(bytes);
      this.workloadHashes.set(w, hash);
    }
    return hash;
  }

  private async uploadInputs(
    config: EvaluateBatchOptions['configs'][number],
    dataDir: string,
  ): Promise<InputFileRef[]> {
    return Promise.all(
      runInputFiles(config, dataDir).map(async (f) => {
        let hash = this.inputHashes.get(f.file);
        if (!hash) {
          hash = readFile(f.file).then((bytes) => {
            this.traffic.inputBytes += bytes.length;
            return this.store.put(bytes);
          });
          this.inputHashes.set(f.file, hash);
        }
        return { path: f.path, hash: await hash };
      }),
    );
  }

  private async runBatch(options: EvaluateBatchOptions): Promise<SimulationSummary[][]> {
    if (this.lost) throw this.lost;
    await loadPolicyModules(options.policyModules ?? []);
    checkCustomPolicyNames(options.configs);
    const tasks = batchTasks(options);
    const { configs, workloads } = options;
    const workloadHashes = await this.guard(
      Promise.all(workloads.map((w) => this.uploadWorkload(w))),
    );
    const inputs = await this.guard(
      Promise.all(configs.map((c) => this.uploadInputs(c, options.dataDir))),
    );
    const batch = ++this.batches;
    const results: SimulationSummary[] = new Array(tasks.length);
    let done = 0;
    this.status = { done: 0, total: tasks.length };
    const jobIds = tasks.map((t) => `${this.runId}-${batch}-${t.id}`);
    const finished = tasks.map(
      (t, i) =>
        new Promise<void>((resolve, reject) => {
          const jobId = jobIds[i] as string;
          this.pending.set(jobId, {
            reject,
            onCompleted: async (result) => {
              if ('discarded' in result)
                throw new Error(
                  `job ${jobId} was dropped by a worker: this run's heartbeat in Redis had expired`,
                );
              if (t.outDir !== undefined) {
                if (!result.files) throw new Error(`job ${jobId} returned no run directory`);
                await this.writeRun(jobId, t.outDir);
              }
              results[t.id] = result.summary;
              this.status = { done: ++done, total: tasks.length };
              options.onProgress?.(done, tasks.length);
              resolve();
            },
          });
        }),
    );
    // Awaited below unless adding the jobs fails first: never an unhandled rejection.
    for (const f of finished) f.catch(() => undefined);
    const jobOptions: JobsOptions = { removeOnComplete: true, removeOnFail: true, attempts: 1 };
    try {
      await this.guard(
        this.queue.addBulk(
          tasks.map((t, i) => {
            const data: SimulationJobData = {
              runId: this.runId,
              config: t.config,
              workload: workloadHashes[t.workload] as string,
              inputs: inputs[Math.floor(t.id / workloads.length)] as InputFileRef[],
              writeRun: t.outDir !== undefined,
            };
            this.traffic.jobs++;
            this.traffic.jobBytes += Buffer.byteLength(JSON.stringify(data));
            return { name: 'simulate', data, opts: { ...jobOptions, jobId: jobIds[i] as string } };
          }),
        ),
      );
      await Promise.all(finished);
    } catch (error) {
      for (const id of jobIds) this.pending.delete(id);
      if (!this.lost) await this.removeJobs(jobIds);
      throw this.lost ?? error;
    } finally {
      this.status = { done: 0, total: 0 };
    }
    return configs.map((_, c) => results.slice(c * workloads.length, (c + 1) * workloads.length));
  }

  /** Writes the files a worker returned for `jobId` as the run directory `outDir`. */
  private async writeRun(jobId: string, outDir: string): Promise<void> {
    const key = this.keys.result(jobId);
    const bundle = await this.guard(this.redis.getBuffer(key));
    if (bundle === null) throw new Error(`the run directory of job ${jobId} is gone from Redis`);
    this.traffic.resultBytes += bundle.length;
    const files = unpackFiles(bundle);
    for (const [name] of files)
      if (!/^[\w.-]+$/.test(name) || name.startsWith('.'))
        throw new Error(`job ${jobId} returned a file named '${name}'`);
    await writeDirAtomic(outDir, async (tmp) => {
      for (const [name, bytes] of files) await writeFile(join(tmp, name), bytes);
    });
    await this.guard(this.redis.del(key));
  }

  /** Drops the jobs of a failed batch that no worker has taken yet. */
  private async removeJobs(jobIds: readonly string[]): Promise<void> {
    await Promise.all(jobIds.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /** Stops listening, removes the heartbeat and closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.lostTimer) clearTimeout(this.lostTimer);
    const bounded = (p: Promise<unknown>) =>
      Promise.race([p, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    // Bounded: a Redis that went away must not hold the process.
    if (!this.lost) await bounded(this.redis.del(this.keys.run(this.runId)).catch(() => 0));
    await bounded(Promise.allSettled([this.events.close(), this.queue.close()]));
    await Promise.allSettled([this.events.disconnect(), this.queue.disconnect()]);
    this.eventsClient.disconnect();
    this.redis.disconnect();
  }

  toString(): string {
    return `Redis executor ${this.runId} at ${redisUrlForDisplay(this.options.url)}`;
  }
}
