/**
 * Events the control plane reports (the structured log's vocabulary). The driver decides
 * where they go: the simulator appends them to a `StructuredLog`, tests collect them.
 */
import type { LogEventType } from '../log/log-event-types.js';

export interface ControlEvent {
  readonly rel_time_s: number;
  readonly event_type: LogEventType;
  readonly source: string;
  readonly query_id?: number;
  readonly query_text_id?: string;
  readonly cluster_name?: string;
  /** A JSON object, or its JSON text already (hot paths). */
  readonly details?: Readonly<Record<string, unknown>> | string;
}

export interface ControlEventSink {
  record(event: ControlEvent): void;
}

/** Drops everything (benchmarks, replays). */
export const NULL_EVENT_SINK: ControlEventSink = { record() {} };

/** Keeps every event in memory (tests, small runs). */
export class CollectingEventSink implements ControlEventSink {
  readonly events: ControlEvent[] = [];

  record(event: ControlEvent): void {
    this.events.push(event);
  }

  ofType(type: LogEventType): ControlEvent[] {
    return this.events.filter((e) => e.event_type === type);
  }
}
