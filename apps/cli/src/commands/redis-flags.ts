/**
 * `--redis URL` (or `AUTOSLO_REDIS_URL`) for `tune` and `execute`: run the simulations on
 * `autoslo worker` processes over that Redis instead of local worker threads. An unreachable
 * Redis at start is bad input (exit 2, the URL named); one lost mid-run is a failure (exit 1).
 */
import { RedisExecutor, RedisUnreachableError, redisUrlForDisplay } from '@autoslo/distributed';
import { type CommandContext, type OptionSpec, type ParsedArgs, UsageError } from '../command.js';
import { stringFlag } from './workload-flags.js';

export const REDIS_OPTIONS: OptionSpec = { redis: { type: 'string' } };

export const REDIS_USAGE = [
  '--redis URL           run the simulations on `autoslo worker` processes over this Redis',
  '                      (default $AUTOSLO_REDIS_URL); without it, on local worker threads',
].join('\n');

/** `--redis`, else `AUTOSLO_REDIS_URL`, else none (local worker threads). */
export function redisUrlOf(values: ParsedArgs['values']): string | undefined {
  const url = stringFlag(values, 'redis') ?? process.env.AUTOSLO_REDIS_URL;
  return url === undefined || url === '' ? undefined : url;
}

/**
 * Connects the distributed executor and says how many workers it sees.
 * @throws UsageError naming the URL when Redis does not answer.
 */
export async function connectExecutor(ctx: CommandContext, url: string): Promise<RedisExecutor> {
  let executor: RedisExecutor;
  try {
    executor = await RedisExecutor.connect({ url });
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new UsageError(error.message);
    throw error;
  }
  const workers = executor.liveWorkers;
  ctx.log(
    `simulations go to workers over Redis at ${redisUrlForDisplay(url)}: ${workers} worker${workers === 1 ? '' : 's'} connected${workers === 0 ? " (start some with 'autoslo worker --redis URL')" : ''}`,
  );
  return executor;
}

/** The note progress lines carry in distributed mode. */
export function workersNote(executor: RedisExecutor | null): string | undefined {
  if (executor === null) return undefined;
  const n = executor.liveWorkers;
  return `(${n} worker${n === 1 ? '' : 's'} live)`;
}
