/**
 * Every Redis key this package uses, under one prefix (default `autoslo`) so several
 * installations can share a Redis by choosing prefixes. BullMQ's own keys live under
 * `<prefix>:<queue>:...`.
 */
export const DEFAULT_PREFIX = 'autoslo';
export const QUEUE_NAME = 'simulations';

export class RedisKeys {
  constructor(readonly prefix: string = DEFAULT_PREFIX) {}

  /** Content-addressed input (workload, SLO table, latency profile), by sha256. */
  blob(hash: string): string {
    return `${this.prefix}:blob:${hash}`;
  }

  /** A run's heartbeat: present while its submitter is alive; workers drop jobs of dead runs. */
  run(runId: string): string {
    return `${this.prefix}:run:${runId}`;
  }

  /** The run directory files of one finished job, fetched and deleted by the submitter. */
  result(jobId: string): string {
    return `${this.prefix}:result:${jobId}`;
  }
}
