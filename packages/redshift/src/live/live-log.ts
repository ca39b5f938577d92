/** The run's structured log as a control-plane sink: every event stamped with the wall clock. */
import { type ControlEvent, type ControlEventSink, StructuredLog } from '@autoslo/core';

export class LiveLog implements ControlEventSink {
  readonly log = new StructuredLog();

  record(e: ControlEvent): void {
    this.log.append({ ...e, wall_clock_s: Date.now() / 1000 });
  }
}
