/** The run's structured log as a control-plane sink: every event stamped with the wall clock. */
import { type ControlEvent, type ControlEventSink, StructuredLog } from '@autoslo/core';

export class LiveLog implements ControlEventSink {
  readonly log = new StructuredLog();

  /** Logs `e` as happening now. */
  record(e: ControlEvent): void {
    this.log.append({ ...e, wall_clock_s: Date.now() / 1000 });
  }

  /** Logs `e` as having happened at `wallClockS` (events written after the fact). */
  recordAt(e: ControlEvent, wallClockS: number): void {
    this.log.append({ ...e, wall_clock_s: wallClockS });
  }
}
