/**
 * The two AWS clients of a live run, configured the standard AWS way: region, profile and
 * credentials from the SDK's default chain (environment, shared config, SSO, instance
 * role), endpoints from `AWS_ENDPOINT_URL_REDSHIFT_DATA`, `AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS`
 * or `AWS_ENDPOINT_URL` (which is how a local endpoint is chosen). Nothing is read from
 * the repository and no secret is ever printed.
 */
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { RateLimiter, type RateLimiterSettings } from './rate-limiter.js';
import { installRateLimitAndRetry } from './retry-middleware.js';
import { RetryPolicy, type RetrySettings } from './retry-policy.js';

export interface LiveClientOptions {
  /** Overrides the default chain's region (e.g. from a flag). */
  readonly region?: string;
  readonly rateLimit?: RateLimiterSettings;
  readonly retry?: RetrySettings;
}

export interface LiveClients {
  readonly data: RedshiftDataClient;
  readonly serverless: RedshiftServerlessClient;
  readonly limiter: RateLimiter;
  readonly retry: RetryPolicy;
  destroy(): void;
}

export function createLiveClients(options: LiveClientOptions = {}): LiveClients {
  const limiter = new RateLimiter(options.rateLimit);
  const retry = new RetryPolicy(options.retry);
  const config = { maxAttempts: 1, ...(options.region ? { region: options.region } : {}) };
  const data = new RedshiftDataClient(config);
  const serverless = new RedshiftServerlessClient(config);
  installRateLimitAndRetry(data, limiter, retry);
  installRateLimitAndRetry(serverless, limiter, retry);
  return {
    data,
    serverless,
    limiter,
    retry,
    destroy() {
      data.destroy();
      serverless.destroy();
    },
  };
}
