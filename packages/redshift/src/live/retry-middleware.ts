/**
 * SDK middleware that puts every call of a client behind the run's shared rate limiter and
 * retries throttled and transient failures with jittered back-off. Installed on both
 * clients with the SDK's own retries off (`maxAttempts: 1`), so one policy governs all.
 */
import { type RateLimiter, sleep } from './rate-limiter.js';
import { classifyError, type RetryPolicy } from './retry-policy.js';

type Handler = (args: unknown) => Promise<unknown>;

/** The part of the SDK's middleware stack used here (its types live in @smithy/types). */
interface InitializeStack {
  add(
    middleware: (next: Handler) => Handler,
    options: { step: 'initialize'; name: string; priority: 'high' },
  ): void;
}

export function installRateLimitAndRetry(
  client: { readonly middlewareStack: object },
  limiter: RateLimiter,
  policy: RetryPolicy,
): void {
  const middleware =
    (next: Handler): Handler =>
    async (args) => {
      for (let attempt = 1; ; attempt++) {
        await limiter.take();
        try {
          const out = await next(args);
          limiter.onSuccess();
          return out;
        } catch (error) {
          const kind = classifyError(error);
          if (kind === 'fatal' || attempt >= policy.maxAttempts) throw error;
          if (kind === 'throttling') limiter.onThrottle();
          policy.retries++;
          await sleep(policy.delayMs(attempt));
        }
      }
    };
  (client.middlewareStack as InitializeStack).add(middleware, {
    step: 'initialize',
    name: 'autosloRateLimitAndRetry',
    priority: 'high',
  });
}
