/**
 * Connections to Redis, built here (BullMQ under ESM takes a client the caller builds).
 * `redisUrlForDisplay` hides a password; `checkRedis` tells an unreachable Redis at start
 * (bad input, exit 2) from one lost later (a failure, exit 1).
 */
import { Redis, type RedisOptions } from 'ioredis';

/** The URL with its password replaced by `***`, for messages. */
export function redisUrlForDisplay(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Redis could not be reached when a command started. */
export class RedisUnreachableError extends Error {
  constructor(
    readonly url: string,
    cause: string,
  ) {
    super(`cannot reach Redis at ${redisUrlForDisplay(url)}: ${cause}`);
    this.name = 'RedisUnreachableError';
  }
}

/** The connection to Redis was lost in the middle of a run. */
export class RedisLostError extends Error {
  constructor(
    readonly url: string,
    seconds: number,
  ) {
    super(
      `lost the connection to Redis at ${redisUrlForDisplay(url)} for ${seconds} s; runs finished so far are kept, and running the command again continues with the rest`,
    );
    this.name = 'RedisLostError';
  }
}

/**
 * A client for BullMQ (`maxRetriesPerRequest: null`, as its blocking calls need) that keeps
 * reconnecting; callers watch its `close` / `ready` events to decide when it is lost.
 */
export function redisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    ...options,
  });
}

/**
 * Connects and pings within `timeoutMs`.
 * @throws RedisUnreachableError naming the URL.
 */
export async function checkRedis(url: string, timeoutMs = 5000): Promise<void> {
  let client: Redis;
  try {
    client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: timeoutMs,
      retryStrategy: () => null,
    });
  } catch (error) {
    throw new RedisUnreachableError(url, (error as Error).message);
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new RedisUnreachableError(url, (error as Error).message || 'connection refused');
  } finally {
    client.disconnect();
  }
}
