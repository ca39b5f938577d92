/**
 * One token bucket shared by every API call of a run. Throttling halves the refill rate
 * (down to a floor) and successes restore it step by step (AIMD), so a run that hits the
 * account's TPS quota settles just below it instead of hammering it.
 */
import { sleep } from '@autoslo/core';

/** Resolves after a pause, or at once when a signal aborts (shared with the wall-clock driver). */
export { sleep };

export interface RateLimiterSettings {
  /** Calls per second at full speed (default 20: below the Data API's reported quotas). */
  readonly ratePerS?: number;
  /** Calls allowed in a burst (default = the rate). */
  readonly burst?: number;
  /** The rate never drops below this (default 1/s). */
  readonly minRatePerS?: number;
}

export class RateLimiter {
  readonly maxRatePerS: number;
  readonly minRatePerS: number;
  private rate: number;
  private readonly burst: number;
  private tokens: number;
  private lastMs: number;
  /** Tail of the FIFO of waiting callers (keeps grants in call order). */
  private queue: Promise<void> = Promise.resolve();
  throttles = 0;

  constructor(settings: RateLimiterSettings = {}) {
    this.maxRatePerS = settings.ratePerS ?? 20;
    this.minRatePerS = Math.min(settings.minRatePerS ?? 1, this.maxRatePerS);
    this.rate = this.maxRatePerS;
    this.burst = settings.burst ?? Math.max(1, this.maxRatePerS);
    this.tokens = this.burst;
    this.lastMs = performance.now();
  }

  get ratePerS(): number {
    return this.rate;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastMs) / 1000) * this.rate);
    this.lastMs = now;
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await sleep(((1 - this.tokens) / this.rate) * 1000);
      }
    });
    this.queue = turn;
    return turn;
  }

  /** The service said "slow down". */
  onThrottle(): void {
    this.throttles++;
    this.rate = Math.max(this.minRatePerS, this.rate / 2);
  }

  /** A call went through: recover a tenth of the full rate. */
  onSuccess(): void {
    if (this.rate < this.maxRatePerS)
      this.rate = Math.min(this.maxRatePerS, this.rate + this.maxRatePerS / 10);
  }
}
