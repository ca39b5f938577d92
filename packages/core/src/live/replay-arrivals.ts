/**
 * A trace replayed through a `WallClockDriver`: open loop, each statement submitted at its
 * (time-scaled) arrival and run at once, bounded only by the concurrency caps; or closed
 * loop, one after another (isolated latencies for SLO tables).
 */
import type { QueryArrival } from '../control/query-arrival.js';
import { sleep } from './semaphore.js';
import type { WallClockDriver } from './wall-clock-driver.js';

export interface ReplaySource {
  readonly length: number;
  /** The i-th query as an arrival; its `arrivalS` (seconds since the start) sets its time. */
  arrival(i: number): QueryArrival;
  /** The SQL text of the i-th query. */
  sqlOf(i: number): string;
}

export interface ReplayOptions {
  /** Replay arrivals this many times faster (default 1); latencies stay in real seconds. */
  readonly timeScale?: number;
  readonly closedLoop?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Submits every query of `source` on time; resolves when all have ended or the run stopped. */
export async function replayArrivals(
  driver: WallClockDriver,
  source: ReplaySource,
  options: ReplayOptions = {},
): Promise<void> {
  const timeScale = options.timeScale ?? 1;
  const n = source.length;
  const inFlight = new Set<Promise<void>>();
  const track = (i: number): Promise<void> => {
    const tracked = driver.submit(source.arrival(i), source.sqlOf(i)).then(
      () => options.onProgress?.(driver.done, n),
      (e: unknown) => driver.halt('error', String((e as Error).stack ?? e)),
    );
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    return tracked;
  };
  for (let i = 0; i < n && !driver.stopped.aborted; i++) {
    if (options.closedLoop) {
      await track(i);
      continue;
    }
    const dueS = source.arrival(i).arrivalS / timeScale;
    await sleep((dueS - driver.now()) * 1000, driver.stopped);
    if (!driver.stopped.aborted) track(i);
  }
  await Promise.all(inFlight);
}
