/**
 * A run's structured log as a control-plane sink, every event stamped with the wall clock.
 * Events before the run's start (provisioning the initial clusters) are held back and
 * written at `start` with times before zero, as the reference's setup phase has; the control
 * plane's own events keep the time it gave them (initial clusters are ready at 0).
 */
import type { ControlEvent, ControlEventSink } from '../control/control-event.js';
import { StructuredLog } from '../log/structured-log.js';

export class WallClockLog implements ControlEventSink {
  readonly log = new StructuredLog();
  private early: { event: ControlEvent; perfMs: number; wallS: number }[] | null = [];

  /** Logs `e` as happening now. */
  record(e: ControlEvent): void {
    if (this.early !== null) {
      this.early.push({ event: e, perfMs: performance.now(), wallS: Date.now() / 1000 });
      return;
    }
    this.log.append({ ...e, wall_clock_s: Date.now() / 1000 });
  }

  /** Logs `e` as having happened at `wallClockS` (events written after the fact). */
  recordAt(e: ControlEvent, wallClockS: number): void {
    this.log.append({ ...e, wall_clock_s: wallClockS });
  }

  /** Time zero is `startPerfMs` (a `performance.now()` reading): writes the held-back events. */
  start(startPerfMs: number): void {
    const early = this.early ?? [];
    this.early = null;
    for (const { event, perfMs, wallS } of early) {
      const rel =
        event.source === 'control_plane' ? event.rel_time_s : (perfMs - startPerfMs) / 1000;
      this.log.append({ ...event, rel_time_s: rel, wall_clock_s: wallS });
    }
  }
}
