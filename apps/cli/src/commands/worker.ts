/**
 * `autoslo worker --redis URL [--concurrency N] [--policy-module PATH]...`: simulates jobs
 * from the queue that `tune --redis` and `execute --redis` fill, until SIGINT or SIGTERM,
 * which let the current jobs finish and exit 0 (a second signal exits at once: the jobs go
 * back to the queue when their lock expires, and another worker runs them).
 */
import { availableParallelism } from 'node:os';
import { RedisUnreachableError, redisUrlForDisplay, SimulationWorker } from '@autoslo/distributed';
import { type Command, UsageError } from '../command.js';
import {
  loadPolicyModuleFlags,
  POLICY_MODULE_OPTIONS,
  POLICY_MODULE_USAGE,
} from './policy-module-flags.js';
import { redisUrlOf } from './redis-flags.js';
import { intFlag, numberFlag } from './workload-flags.js';

/** Resolves with the first SIGINT/SIGTERM; `again` hears any later one. */
function stopSignal(again: () => void): Promise<string> {
  return new Promise((resolve) => {
    let first = true;
    const on = (name: string) => () => {
      if (first) {
        first = false;
        resolve(name);
      } else again();
    };
    process.on('SIGINT', on('SIGINT'));
    process.on('SIGTERM', on('SIGTERM'));
  });
}

export const workerCommand: Command = {
  usage: [
    'Usage: autoslo worker --redis URL [--concurrency N] [--policy-module PATH]...',
    '                      [--lock-duration-s S] [--quiet]',
    '',
    'Runs simulations for `tune --redis URL` and `execute --redis URL` (any machine that reaches',
    'the Redis; no shared disk needed) until SIGINT/SIGTERM, which let the current jobs finish',
    'and exit 0. --redis defaults to $AUTOSLO_REDIS_URL.',
    '--concurrency N       jobs at once, each on its own thread (default: one per core)',
    '--lock-duration-s S   a job of a worker that died goes back to the queue after about',
    '                      S to 2S seconds (default 30)',
    POLICY_MODULE_USAGE,
  ].join('\n'),
  options: {
    redis: { type: 'string' },
    concurrency: { type: 'string' },
    'lock-duration-s': { type: 'string' },
    quiet: { type: 'boolean' },
    ...POLICY_MODULE_OPTIONS,
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const url = redisUrlOf(values);
    if (url === undefined) throw new UsageError('give --redis URL (or set AUTOSLO_REDIS_URL)');
    const concurrency = intFlag(values, 'concurrency') ?? availableParallelism();
    if (concurrency < 1) throw new UsageError('--concurrency must be at least 1');
    const lockS = numberFlag(values, 'lock-duration-s');
    if (lockS !== undefined && lockS < 1) throw new UsageError('--lock-duration-s must be >= 1');
    const policyModules = await loadPolicyModuleFlags(values, ctx.cwd, ctx.log);
    const quiet = values.quiet === true;
    let worker: SimulationWorker;
    try {
      worker = await SimulationWorker.start({
        url,
        concurrency,
        policyModules,
        ...(lockS !== undefined ? { lockDurationMs: lockS * 1000 } : {}),
        ...(quiet
          ? {}
          : {
              onJob: (e) =>
                ctx.log(`job ${e.jobId} ${e.state}${e.error ? `: ${e.error.split('\n')[0]}` : ''}`),
            }),
      });
    } catch (error) {
      if (error instanceof RedisUnreachableError) throw new UsageError(error.message);
      throw error;
    }
    ctx.log(
      `worker: ${concurrency} job${concurrency === 1 ? '' : 's'} at once from Redis at ${redisUrlForDisplay(url)}; Ctrl-C stops after the current jobs`,
    );
    const signal = await stopSignal(() => {
      // Their locks lapse and another worker's stalled-job check puts them back in the queue.
      ctx.log('worker: second signal, leaving now; the current jobs go back to the queue');
      process.exit(0);
    });
    ctx.log(`worker: ${signal}, finishing the current jobs (a second signal leaves at once)`);
    await worker.close();
    ctx.log('worker: stopped');
    return 0;
  },
};
