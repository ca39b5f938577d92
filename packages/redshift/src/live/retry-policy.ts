/**
 * Which AWS errors are worth another attempt, and how long to wait: exponential back-off
 * with full jitter (delay uniform in [0, min(cap, base * 2^attempt))), drawn from a seeded
 * generator so a replay waits the same way.
 */
import { SeededRandom } from '@autoslo/workload';

/** Errors that mean "too fast": the shared rate limiter slows down on them. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ActiveWaitingRequestsExceededException',
]);

/** Errors of the service or the network that usually pass on their own. */
const TRANSIENT = new Set([
  'InternalServerException',
  'InternalServerError',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

export type ErrorKind = 'throttling' | 'transient' | 'fatal';

export interface AwsLikeError {
  readonly name?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

export function classifyError(error: unknown): ErrorKind {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  if (THROTTLING.has(name) || e.$metadata?.httpStatusCode === 429) return 'throttling';
  if (TRANSIENT.has(name) || (e.code !== undefined && TRANSIENT.has(e.code))) return 'transient';
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return 'transient';
  if (e.$retryable) return 'transient';
  return 'fatal';
}

export interface RetrySettings {
  /** Attempts in all, the first included (default 8). */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly seed?: number;
}

export class RetryPolicy {
  readonly maxAttempts: number;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: SeededRandom;
  retries = 0;

  constructor(settings: RetrySettings = {}) {
    this.maxAttempts = settings.maxAttempts ?? 8;
    this.baseMs = settings.baseDelayMs ?? 100;
    this.capMs = settings.maxDelayMs ?? 20_000;
    this.random = new SeededRandom(settings.seed ?? 0);
  }

  /** Wait before attempt `attempt + 1` (attempt counts from 1). */
  delayMs(attempt: number): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** (attempt - 1));
    return this.random.next() * ceiling;
  }
}
